package io.keywarden.storage.codec;

import static io.keywarden.storage.contract.ContractFixtures.ACCOUNT;
import static io.keywarden.storage.contract.ContractFixtures.REGION;
import static io.keywarden.storage.contract.ContractFixtures.fullKey;
import static io.keywarden.storage.contract.ContractFixtures.key;
import static io.keywarden.storage.contract.ContractFixtures.keyId;
import static io.keywarden.storage.contract.ContractFixtures.minimalKey;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.keywarden.domain.key.KeyManager;
import io.keywarden.domain.key.KeyRecord;
import io.keywarden.domain.key.KeySpec;
import io.keywarden.domain.key.KeyState;
import io.keywarden.domain.key.KeyUsage;
import io.keywarden.domain.key.MaterialVersion;
import io.keywarden.domain.key.Origin;
import io.keywarden.domain.key.RotationSchedule;
import io.keywarden.domain.key.RotationType;
import io.keywarden.domain.key.Tag;
import io.keywarden.domain.storage.StorageException;
import io.keywarden.domain.trust.WrappedKey;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class KeyRecordCodecTest {
  /**
   * A version-1 document as this release writes it. Every later release must decode it to the same
   * record: never change this text, add a test for the next version instead.
   */
  private static final String GOLDEN_V1 =
      "{\"v\":1,\"keyId\":\"1234abcd-12ab-34cd-56ef-1234567890ab\",\"accountId\":\"111122223333\","
          + "\"region\":\"us-west-2\",\"description\":\"caf\\u00E9 \\uD83D\\uDD11\","
          + "\"keySpec\":\"SYMMETRIC_DEFAULT\",\"keyUsage\":\"ENCRYPT_DECRYPT\",\"origin\":\"AWS_KMS\","
          + "\"keyManager\":\"CUSTOMER\",\"state\":\"PendingDeletion\","
          + "\"creationDate\":\"2024-01-02T03:04:05.123456789Z\","
          + "\"deletionDate\":\"2024-02-01T00:00:00Z\",\"pendingWindowDays\":30,"
          + "\"policy\":\"{\\\"Version\\\":\\\"2012-10-17\\\"}\","
          + "\"tags\":[{\"key\":\"team\",\"value\":\"payments\"}],"
          + "\"rotation\":{\"enabled\":true,\"periodDays\":180,\"nextRotation\":\"2024-07-01T00:00:00.500Z\"},"
          + "\"materials\":[{\"materialId\":\"" + "0".repeat(63) + "1\","
          + "\"createdAt\":\"2024-01-02T03:04:05.123456789Z\","
          + "\"wrapped\":{\"rootKeyId\":\"root-1\",\"blob\":\"AAEC/w==\"}},"
          + "{\"materialId\":\"" + "0".repeat(63) + "2\",\"createdAt\":\"2024-01-03T00:00:00Z\","
          + "\"rotationType\":\"ON_DEMAND\","
          + "\"wrapped\":{\"rootKeyId\":\"root-1\",\"blob\":\"\"}}],"
          + "\"currentMaterialId\":\"" + "0".repeat(63) + "2\","
          + "\"onDemandRotations\":1,\"revision\":4}";

  private static KeyRecord goldenRecord() {
    Instant created = Instant.parse("2024-01-02T03:04:05.123456789Z");
    return new KeyRecord(
        "1234abcd-12ab-34cd-56ef-1234567890ab",
        "111122223333",
        "us-west-2",
        "café 🔑",
        KeySpec.SYMMETRIC_DEFAULT,
        KeyUsage.ENCRYPT_DECRYPT,
        Origin.AWS_KMS,
        KeyManager.CUSTOMER,
        KeyState.PendingDeletion,
        created,
        Instant.parse("2024-02-01T00:00:00Z"),
        30,
        "{\"Version\":\"2012-10-17\"}",
        List.of(new Tag("team", "payments")),
        new RotationSchedule(true, 180, Instant.parse("2024-07-01T00:00:00.500Z")),
        List.of(
            new MaterialVersion(
                "0".repeat(63) + "1", created, null, new WrappedKey("root-1", new byte[] {0, 1, 2, -1})),
            new MaterialVersion(
                "0".repeat(63) + "2",
                Instant.parse("2024-01-03T00:00:00Z"),
                RotationType.ON_DEMAND,
                new WrappedKey("root-1", new byte[0]))),
        "0".repeat(63) + "2",
        1,
        4);
  }

  @Test
  void goldenVersion1Document_decodesToItsRecord() {
    assertEquals(goldenRecord(), KeyRecordCodec.decode(GOLDEN_V1));
  }

  @Test
  void goldenRecord_encodesToTheGoldenDocument() {
    assertEquals(GOLDEN_V1, KeyRecordCodec.encode(goldenRecord()));
  }

  @Test
  void fullAndMinimalRecords_roundTrip() {
    for (KeyRecord key :
        List.of(fullKey(ACCOUNT, REGION, keyId(1)), minimalKey(ACCOUNT, REGION, keyId(2)))) {
      assertEquals(key, KeyRecordCodec.decode(KeyRecordCodec.encode(key)));
    }
  }

  @Test
  void encodedDocument_isAsciiWithVersionFirst() {
    String text = "\u0000 \uD800 lone surrogate, 鍵 🔑 \u2028";
    KeyRecord key = key(keyId(1)).toBuilder().description(text).build();
    String doc = KeyRecordCodec.encode(key);
    assertTrue(doc.startsWith("{\"v\":1,"), doc);
    assertTrue(doc.chars().allMatch(c -> c >= 0x20 && c < 0x7f), doc);
    assertEquals(text, KeyRecordCodec.decode(doc).description());
  }

  @Test
  void nullOptionals_areOmitted() {
    String doc = KeyRecordCodec.encode(minimalKey(ACCOUNT, REGION, keyId(1)));
    for (String field : List.of("deletionDate", "pendingWindowDays", "nextRotation", "currentMaterialId")) {
      assertFalse(doc.contains("\"" + field + "\""), field);
    }
  }

  @Test
  void explicitNullOptionals_decodeAsAbsent() {
    String doc =
        KeyRecordCodec.encode(minimalKey(ACCOUNT, REGION, keyId(1)))
            .replace("\"revision\"", "\"deletionDate\":null,\"currentMaterialId\":null,\"revision\"");
    assertEquals(minimalKey(ACCOUNT, REGION, keyId(1)), KeyRecordCodec.decode(doc));
  }

  @Test
  void unknownFields_areIgnored() {
    String doc = GOLDEN_V1.replace("\"v\":1,", "\"v\":1,\"addedLater\":{\"x\":[1]},");
    assertEquals(goldenRecord(), KeyRecordCodec.decode(doc));
  }

  @Test
  void newerFormatVersion_isRefused() {
    StorageException e =
        assertThrows(
            StorageException.class, () -> KeyRecordCodec.decode(GOLDEN_V1.replace("\"v\":1", "\"v\":2")));
    assertTrue(e.getMessage().contains("format version 2, newer"), e.getMessage());
  }

  @Test
  void damagedDocuments_areRefusedNamingTheFieldOnly() {
    List<String> damaged =
        List.of(
            "not json",
            "[1]",
            GOLDEN_V1.replace("\"v\":1,", ""),
            GOLDEN_V1.replace("\"v\":1", "\"v\":0"),
            GOLDEN_V1.replace("\"v\":1", "\"v\":\"1\""),
            GOLDEN_V1.replace("\"PendingDeletion\"", "\"Exploded\""),
            GOLDEN_V1.replace("\"revision\":4", "\"revision\":\"4\""),
            GOLDEN_V1.replace("AAEC/w==", "!!"),
            GOLDEN_V1.replace("2024-02-01T00:00:00Z", "yesterday"),
            GOLDEN_V1.replace("\"currentMaterialId\":\"" + "0".repeat(63) + "2", "\"currentMaterialId\":\"" + "0".repeat(63) + "9"),
            GOLDEN_V1.replace("\"tags\":[", "\"tags\":[1,"),
            GOLDEN_V1.replace("\"v\":1,", "\"v\":1,\"v\":1,"));
    for (String doc : damaged) {
      StorageException e = assertThrows(StorageException.class, () -> KeyRecordCodec.decode(doc), doc);
      assertFalse(e.getMessage().contains("payments"), e.getMessage());
      assertFalse(e.getMessage().contains("AAEC"), e.getMessage());
    }
  }
}

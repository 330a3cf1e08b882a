package io.keywarden.storage.codec;

import static io.keywarden.storage.contract.ContractFixtures.REGION;
import static io.keywarden.storage.contract.ContractFixtures.fullGrant;
import static io.keywarden.storage.contract.ContractFixtures.grant;
import static io.keywarden.storage.contract.ContractFixtures.grantId;
import static io.keywarden.storage.contract.ContractFixtures.keyId;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.keywarden.domain.key.Grant;
import io.keywarden.domain.storage.StorageException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GrantCodecTest {
  private static final String GRANT_ID = "0123456789abcdef".repeat(4);

  /** A version-1 grant document as this release writes it: never change it. */
  private static final String GOLDEN_V1 =
      "{\"v\":1,\"grantId\":\"" + GRANT_ID + "\",\"region\":\"us-west-2\","
          + "\"keyId\":\"1234abcd-12ab-34cd-56ef-1234567890ab\",\"keyAccountId\":\"111122223333\","
          + "\"name\":\"nightly-backup\","
          + "\"granteePrincipal\":\"arn:aws:iam::444455556666:role/backup\","
          + "\"retiringPrincipal\":\"arn:aws:iam::111122223333:role/admin\","
          + "\"operations\":[\"Encrypt\",\"Decrypt\",\"GenerateDataKey\"],"
          + "\"encryptionContextEquals\":{\"Department\":\"IT\",\"purpose\":\"backup\"},"
          + "\"encryptionContextSubset\":{},"
          + "\"issuer\":\"arn:aws:iam::111122223333:user/admin\","
          + "\"creationDate\":\"2024-03-04T05:06:07.000000001Z\"}";

  private static Grant goldenRecord() {
    return new Grant(
        GRANT_ID,
        "us-west-2",
        "1234abcd-12ab-34cd-56ef-1234567890ab",
        "111122223333",
        "nightly-backup",
        "arn:aws:iam::444455556666:role/backup",
        "arn:aws:iam::111122223333:role/admin",
        List.of("Encrypt", "Decrypt", "GenerateDataKey"),
        Map.of("purpose", "backup", "Department", "IT"),
        Map.of(),
        "arn:aws:iam::111122223333:user/admin",
        Instant.parse("2024-03-04T05:06:07.000000001Z"));
  }

  @Test
  void goldenVersion1Document_decodesToItsRecord() {
    assertEquals(goldenRecord(), GrantCodec.decode(GOLDEN_V1));
  }

  @Test
  void goldenRecord_encodesToTheGoldenDocument() {
    assertEquals(GOLDEN_V1, GrantCodec.encode(goldenRecord()));
  }

  @Test
  void fullAndMinimalGrants_roundTripAsAscii() {
    for (Grant g :
        List.of(
            fullGrant(REGION, keyId(1), grantId(1), false),
            fullGrant(REGION, keyId(1), grantId(2), true),
            grant(keyId(1), 3))) {
      String doc = GrantCodec.encode(g);
      assertTrue(doc.chars().allMatch(c -> c >= 0x20 && c < 0x7f), doc);
      assertEquals(g, GrantCodec.decode(doc));
    }
  }

  @Test
  void nullOptionals_areOmittedAndEmptyConstraintsKept() {
    String minimal = GrantCodec.encode(grant(keyId(1), 1));
    for (String field :
        List.of("name", "retiringPrincipal", "encryptionContextEquals", "encryptionContextSubset")) {
      assertFalse(minimal.contains("\"" + field + "\""), field);
    }
    assertTrue(GOLDEN_V1.contains("\"encryptionContextSubset\":{}"));
  }

  @Test
  void explicitNullOptionals_decodeAsAbsent() {
    Grant minimal = grant(keyId(1), 1);
    String doc =
        GrantCodec.encode(minimal)
            .replace("\"issuer\"", "\"name\":null,\"encryptionContextEquals\":null,\"issuer\"");
    assertEquals(minimal, GrantCodec.decode(doc));
  }

  @Test
  void newerFormatVersion_isRefused() {
    StorageException e =
        assertThrows(
            StorageException.class, () -> GrantCodec.decode(GOLDEN_V1.replace("\"v\":1", "\"v\":2")));
    assertTrue(e.getMessage().contains("grant has format version 2, newer"), e.getMessage());
  }

  @Test
  void damagedDocuments_areRefusedNamingTheFieldOnly() {
    List<String> damaged =
        List.of(
            "{}",
            GOLDEN_V1.replace("\"v\":1", "\"v\":1.0"),
            GOLDEN_V1.replace("\"region\":\"us-west-2\",", ""),
            GOLDEN_V1.replace("[\"Encrypt\",", "[1,"),
            GOLDEN_V1
                .replace("\"operations\":[", "\"operations\":{")
                .replace("\"],\"encryption", "\"},\"encryption"),
            GOLDEN_V1.replace("\"Department\":\"IT\"", "\"Department\":[\"IT\"]"),
            GOLDEN_V1.replace("\"Department\":\"IT\"", "\"purpose\":\"IT\""),
            GOLDEN_V1.replace("\"encryptionContextSubset\":{}", "\"encryptionContextSubset\":\"\""),
            GOLDEN_V1.replace("07.000000001Z", "07"));
    for (String doc : damaged) {
      StorageException e = assertThrows(StorageException.class, () -> GrantCodec.decode(doc), doc);
      assertFalse(e.getMessage().contains("backup"), e.getMessage());
      assertFalse(e.getMessage().contains("IT"), e.getMessage());
    }
  }
}

package io.keywarden.storage.codec;

import static io.keywarden.storage.contract.ContractFixtures.ACCOUNT;
import static io.keywarden.storage.contract.ContractFixtures.fullUser;
import static io.keywarden.storage.contract.ContractFixtures.user;
import static io.keywarden.storage.contract.ContractFixtures.userId;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.keywarden.domain.identity.IamUser;
import io.keywarden.domain.key.Tag;
import io.keywarden.domain.storage.StorageException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class IamUserCodecTest {
  /** A version-1 user document as this release writes it: never change it (see KeyRecordCodecTest). */
  private static final String GOLDEN_V1 =
      "{\"v\":1,\"accountId\":\"111122223333\",\"userName\":\"alice\","
          + "\"userId\":\"AIDAJQABLZS4A3QDU576Q\",\"path\":\"/division/\","
          + "\"createdAt\":\"2024-01-02T03:04:05.123456789Z\","
          + "\"tags\":[{\"key\":\"team\",\"value\":\"payments\"},"
          + "{\"key\":\"cl\\u00E9\",\"value\":\"\\uD83D\\uDD11\"}],"
          + "\"policies\":{\"APolicy\":\"{}\",\"ZPolicy\":\"{\\\"Version\\\":\\\"2012-10-17\\\"}\"},"
          + "\"revision\":3}";

  private static IamUser goldenRecord() {
    return new IamUser(
        "111122223333",
        "alice",
        "AIDAJQABLZS4A3QDU576Q",
        "/division/",
        Instant.parse("2024-01-02T03:04:05.123456789Z"),
        List.of(new Tag("team", "payments"), new Tag("clé", "🔑")),
        Map.of("ZPolicy", "{\"Version\":\"2012-10-17\"}", "APolicy", "{}"),
        3);
  }

  @Test
  void goldenVersion1Document_decodesToItsRecord() {
    assertEquals(goldenRecord(), IamUserCodec.decode(GOLDEN_V1));
  }

  @Test
  void goldenRecord_encodesToTheGoldenDocument() {
    assertEquals(GOLDEN_V1, IamUserCodec.encode(goldenRecord()));
  }

  @Test
  void fullAndMinimalUsers_roundTripAsAscii() {
    for (IamUser u : List.of(fullUser(ACCOUNT, "alice", userId(1)), user("bob", 2))) {
      String doc = IamUserCodec.encode(u);
      assertTrue(doc.startsWith("{\"v\":1,"), doc);
      assertTrue(doc.chars().allMatch(c -> c >= 0x20 && c < 0x7f), doc);
      assertEquals(u, IamUserCodec.decode(doc));
    }
  }

  @Test
  void unknownFields_areIgnored() {
    String doc = GOLDEN_V1.replace("\"v\":1,", "\"v\":1,\"mfa\":{\"x\":[1]},");
    assertEquals(goldenRecord(), IamUserCodec.decode(doc));
  }

  @Test
  void newerFormatVersion_isRefused() {
    StorageException e =
        assertThrows(
            StorageException.class, () -> IamUserCodec.decode(GOLDEN_V1.replace("\"v\":1", "\"v\":2")));
    assertTrue(e.getMessage().contains("IAM user has format version 2, newer"), e.getMessage());
  }

  @Test
  void damagedDocuments_areRefusedNamingTheFieldOnly() {
    List<String> damaged =
        List.of(
            "not json",
            "[1]",
            GOLDEN_V1.replace("\"v\":1,", ""),
            GOLDEN_V1.replace("\"v\":1", "\"v\":0"),
            GOLDEN_V1.replace("\"userId\":\"AIDAJQABLZS4A3QDU576Q\",", ""),
            GOLDEN_V1.replace("\"revision\":3", "\"revision\":\"3\""),
            GOLDEN_V1.replace("2024-01-02T03:04:05.123456789Z", "yesterday"),
            GOLDEN_V1.replace("\"APolicy\":\"{}\"", "\"APolicy\":{}"),
            GOLDEN_V1.replace("\"APolicy\":\"{}\"", "\"ZPolicy\":\"{}\""),
            GOLDEN_V1.replace("\"tags\":[", "\"tags\":[1,"),
            GOLDEN_V1
                .replace("\"policies\":{", "\"policies\":[{")
                .replace("},\"revision", "}],\"revision"));
    for (String doc : damaged) {
      StorageException e = assertThrows(StorageException.class, () -> IamUserCodec.decode(doc), doc);
      assertFalse(e.getMessage().contains("payments"), e.getMessage());
      assertFalse(e.getMessage().contains("2012-10-17"), e.getMessage());
    }
  }
}

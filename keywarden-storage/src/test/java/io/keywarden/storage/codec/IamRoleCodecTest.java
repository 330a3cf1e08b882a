package io.keywarden.storage.codec;

import static io.keywarden.storage.contract.ContractFixtures.ACCOUNT;
import static io.keywarden.storage.contract.ContractFixtures.fullRole;
import static io.keywarden.storage.contract.ContractFixtures.role;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.keywarden.domain.identity.IamRole;
import io.keywarden.domain.storage.StorageException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class IamRoleCodecTest {
  /** A version-1 role document as this release writes it: never change it. */
  private static final String GOLDEN_V1 =
      "{\"v\":1,\"accountId\":\"111122223333\",\"roleName\":\"app-role\","
          + "\"roleId\":\"AROADBQP57FF2AEXAMPLE\",\"path\":\"/service-role/\","
          + "\"createdAt\":\"2024-01-02T03:04:05Z\","
          + "\"trustPolicy\":\"{\\\"Statement\\\":[]}\",\"maxSessionSeconds\":43200,"
          + "\"tags\":[],\"policies\":{},\"revision\":1}";

  private static IamRole goldenRecord() {
    return new IamRole(
        "111122223333",
        "app-role",
        "AROADBQP57FF2AEXAMPLE",
        "/service-role/",
        Instant.parse("2024-01-02T03:04:05Z"),
        "{\"Statement\":[]}",
        43_200,
        List.of(),
        Map.of(),
        1);
  }

  @Test
  void goldenVersion1Document_decodesToItsRecord() {
    assertEquals(goldenRecord(), IamRoleCodec.decode(GOLDEN_V1));
  }

  @Test
  void goldenRecord_encodesToTheGoldenDocument() {
    assertEquals(GOLDEN_V1, IamRoleCodec.encode(goldenRecord()));
  }

  @Test
  void fullAndMinimalRoles_roundTripAsAscii() {
    for (IamRole r : List.of(fullRole(ACCOUNT, "app"), role("other"))) {
      String doc = IamRoleCodec.encode(r);
      assertTrue(doc.chars().allMatch(c -> c >= 0x20 && c < 0x7f), doc);
      assertEquals(r, IamRoleCodec.decode(doc));
    }
  }

  @Test
  void policies_areWrittenInNameOrder() {
    String doc = IamRoleCodec.encode(fullRole(ACCOUNT, "app"));
    assertTrue(doc.contains("\"policies\":{\"A\":"), doc);
    assertTrue(doc.indexOf("\"b\":") < doc.indexOf("\"kms-use\":"), doc);
  }

  @Test
  void newerFormatVersion_isRefused() {
    StorageException e =
        assertThrows(
            StorageException.class, () -> IamRoleCodec.decode(GOLDEN_V1.replace("\"v\":1", "\"v\":7")));
    assertTrue(e.getMessage().contains("IAM role has format version 7, newer"), e.getMessage());
  }

  @Test
  void damagedDocuments_areRefusedNamingTheFieldOnly() {
    List<String> damaged =
        List.of(
            GOLDEN_V1.replace("\"v\":1", "\"v\":-1"),
            GOLDEN_V1.replace("\"trustPolicy\":\"{\\\"Statement\\\":[]}\",", ""),
            GOLDEN_V1.replace("43200", "43200.5"),
            GOLDEN_V1.replace("43200", "\"43200\""),
            GOLDEN_V1.replace("\"policies\":{}", "\"policies\":{\"p\":1}"),
            GOLDEN_V1.replace("\"roleName\":\"app-role\"", "\"roleName\":null"));
    for (String doc : damaged) {
      StorageException e = assertThrows(StorageException.class, () -> IamRoleCodec.decode(doc), doc);
      assertFalse(e.getMessage().contains("Statement"), e.getMessage());
      assertFalse(e.getMessage().contains("app-role"), e.getMessage());
    }
  }
}

package io.keywarden.services.kms;

import static io.keywarden.services.kms.GrantFixture.ACCOUNT;
import static io.keywarden.services.kms.GrantFixture.OTHER;
import static io.keywarden.services.kms.GrantFixture.keyArn;
import static io.keywarden.services.kms.GrantFixture.root;
import static io.keywarden.services.kms.GrantFixture.userArn;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.keywarden.domain.identity.Principal;
import io.keywarden.services.api.ApiException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** CreateGrant, ListGrants, ListRetirableGrants, RevokeGrant over memory and SQLite storage. */
class GrantLifecycleTest {
  private static final Principal ROOT = root(ACCOUNT);
  private static final String ALICE = userArn(ACCOUNT, "alice");
  private static final String BOB = userArn(ACCOUNT, "bob");

  @TempDir Path dir;
  private GrantFixture f;

  private GrantFixture fixture(String storage) {
    f = new GrantFixture(storage.equals("sqlite") ? dir : null);
    f.identities.add(ALICE).add(BOB);
    return f;
  }

  @AfterEach
  void close() {
    if (f != null) {
      f.close();
    }
  }

  private ObjectNode createGrant(String keyId, String extra) {
    return f.call(ROOT, "CreateGrant",
        "{\"KeyId\":\"" + keyId + "\",\"GranteePrincipal\":\"" + ALICE + "\"," + extra + "}");
  }

  @ParameterizedTest
  @ValueSource(strings = {"memory", "sqlite"})
  void createGrant_listedWithAwsShape(String storage) {
    fixture(storage);
    String key = f.createKey(ACCOUNT);
    ObjectNode created =
        createGrant(key, "\"RetiringPrincipal\":\"" + BOB + "\",\"Operations\":[\"Decrypt\",\"Encrypt\"],"
            + "\"Constraints\":{\"EncryptionContextSubset\":{\"Department\":\"IT\"}},\"Name\":\"it-grant\"");
    String grantId = created.get("GrantId").asText();
    assertTrue(grantId.matches("[0-9a-f]{64}"), grantId);
    assertFalse(created.get("GrantToken").asText().isEmpty());

    JsonNode list = f.call(ROOT, "ListGrants", "{\"KeyId\":\"" + key + "\"}");
    assertFalse(list.get("Truncated").asBoolean());
    assertEquals(1, list.get("Grants").size());
    JsonNode g = list.get("Grants").get(0);
    assertEquals(keyArn(ACCOUNT, key), g.get("KeyId").asText());
    assertEquals(grantId, g.get("GrantId").asText());
    assertEquals("it-grant", g.get("Name").asText());
    assertEquals(ALICE, g.get("GranteePrincipal").asText());
    assertEquals(BOB, g.get("RetiringPrincipal").asText());
    assertEquals("arn:aws:iam::" + ACCOUNT + ":root", g.get("IssuingAccount").asText());
    assertEquals("[\"Decrypt\",\"Encrypt\"]", g.get("Operations").toString());
    assertEquals("{\"EncryptionContextSubset\":{\"Department\":\"IT\"}}", g.get("Constraints").toString());
    assertEquals(f.clock.instant().getEpochSecond(), g.get("CreationDate").asLong());
  }

  @ParameterizedTest
  @ValueSource(strings = {"memory", "sqlite"})
  void createGrant_sameNameAndParameters_sameGrantNewToken(String storage) {
    fixture(storage);
    String key = f.createKey(ACCOUNT);
    String params = "\"Operations\":[\"Decrypt\"],\"Name\":\"retry-me\"";
    ObjectNode first = createGrant(key, params);
    ObjectNode retry = createGrant(key, params);
    assertEquals(first.get("GrantId"), retry.get("GrantId"));
    assertNotEquals(first.get("GrantToken"), retry.get("GrantToken"));
    ObjectNode otherOps = createGrant(key, "\"Operations\":[\"Encrypt\"],\"Name\":\"retry-me\"");
    assertNotEquals(first.get("GrantId"), otherOps.get("GrantId"));
    ObjectNode unnamed1 = createGrant(key, "\"Operations\":[\"Decrypt\"]");
    ObjectNode unnamed2 = createGrant(key, "\"Operations\":[\"Decrypt\"]");
    assertNotEquals(unnamed1.get("GrantId"), unnamed2.get("GrantId"));
    assertEquals(4, f.call(ROOT, "ListGrants", "{\"KeyId\":\"" + key + "\"}").get("Grants").size());
    // The same name on another key is another grant.
    String key2 = f.createKey(ACCOUNT);
    assertNotEquals(first.get("GrantId"), createGrant(key2, params).get("GrantId"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"memory"})
  void createGrant_refusesWhatAwsRefuses(String storage) {
    fixture(storage);
    String key = f.createKey(ACCOUNT);
    ApiException e = f.error(ROOT, "CreateGrant", "{\"KeyId\":\"" + key
        + "\",\"GranteePrincipal\":\"alice\",\"Operations\":[\"Decrypt\"]}");
    assertEquals("InvalidArnException", e.code());
    assertEquals("ARN does not refer to a valid principal: alice", e.getMessage());
    e = f.error(ROOT, "CreateGrant", "{\"KeyId\":\"" + key + "\",\"GranteePrincipal\":\""
        + userArn(ACCOUNT, "nobody-knows") + "\",\"Operations\":[\"Decrypt\"]}");
    assertEquals("InvalidArnException", e.code());
    e = f.error(ROOT, "CreateGrant", "{\"KeyId\":\"" + key + "\",\"GranteePrincipal\":\"" + ALICE
        + "\",\"RetiringPrincipal\":\"" + userArn(ACCOUNT, "ghost") + "\",\"Operations\":[\"Decrypt\"]}");
    assertEquals("ARN does not refer to a valid principal: " + userArn(ACCOUNT, "ghost"), e.getMessage());
    e = f.error(ROOT, "CreateGrant", "{\"KeyId\":\"" + key + "\",\"GranteePrincipal\":\"" + ALICE
        + "\",\"Operations\":[\"Sign\"]}");
    assertEquals("ValidationException", e.code());
    assertTrue(e.getMessage().contains("Sign"), e.getMessage());

    String signing = f.createKey(ACCOUNT, "{\"KeySpec\":\"ECC_NIST_P256\",\"KeyUsage\":\"SIGN_VERIFY\"}");
    assertEquals("ValidationException", f.error(ROOT, "CreateGrant", "{\"KeyId\":\"" + signing
        + "\",\"GranteePrincipal\":\"" + ALICE + "\",\"Operations\":[\"GenerateDataKey\"]}").code());
    assertEquals("ValidationException", f.error(ROOT, "CreateGrant", "{\"KeyId\":\"" + signing
        + "\",\"GranteePrincipal\":\"" + ALICE + "\",\"Operations\":[\"Sign\"],"
        + "\"Constraints\":{\"EncryptionContextEquals\":{\"a\":\"b\"}}}").code());
    f.call(ROOT, "CreateGrant", "{\"KeyId\":\"" + signing + "\",\"GranteePrincipal\":\"" + ALICE
        + "\",\"Operations\":[\"Sign\",\"Verify\",\"GetPublicKey\",\"DescribeKey\"]}");

    StringBuilder nine = new StringBuilder();
    for (int i = 0; i < 9; i++) {
      nine.append(i == 0 ? "" : ",").append("\"k").append(i).append("\":\"v\"");
    }
    assertEquals("ValidationException", f.error(ROOT, "CreateGrant", "{\"KeyId\":\"" + key
        + "\",\"GranteePrincipal\":\"" + ALICE + "\",\"Operations\":[\"Decrypt\"],"
        + "\"Constraints\":{\"EncryptionContextSubset\":{" + nine + "}}}").code());

    e = f.error(ROOT, "CreateGrant", "{\"KeyId\":\"alias/aws/s3\",\"GranteePrincipal\":\"" + ALICE
        + "\",\"Operations\":[\"Decrypt\"]}");
    assertEquals("NotFoundException", e.code());

    f.call(ROOT, "DisableKey", "{\"KeyId\":\"" + key + "\"}");
    e = f.error(ROOT, "CreateGrant", "{\"KeyId\":\"" + key + "\",\"GranteePrincipal\":\"" + ALICE
        + "\",\"Operations\":[\"Decrypt\"]}");
    assertEquals("DisabledException", e.code());
    f.call(ROOT, "EnableKey", "{\"KeyId\":\"" + key + "\"}");

    e = f.error(ROOT, "CreateGrant", "{\"KeyId\":\"" + key + "\",\"GranteePrincipal\":\"" + ALICE
        + "\",\"Operations\":[\"Decrypt\"],\"DryRun\":true}");
    assertEquals("DryRunOperationException", e.code());
    e = f.error(ROOT, "CreateGrant", "{\"KeyId\":\"" + key + "\",\"GranteePrincipal\":\"" + ALICE
        + "\",\"Operations\":[\"Decrypt\"],\"GrantTokens\":[\"not-a-token\"]}");
    assertEquals("InvalidGrantTokenException", e.code());
    assertEquals(0, f.call(ROOT, "ListGrants", "{\"KeyId\":\"" + key + "\"}").get("Grants").size());
  }

  @ParameterizedTest
  @ValueSource(strings = {"memory", "sqlite"})
  void listGrants_filtersAndPages(String storage) {
    fixture(storage);
    String key = f.createKey(ACCOUNT);
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      String grantee = i % 2 == 0 ? ALICE : BOB;
      ids.add(f.call(ROOT, "CreateGrant", "{\"KeyId\":\"" + keyArn(ACCOUNT, key)
          + "\",\"GranteePrincipal\":\"" + grantee + "\",\"Operations\":[\"Encrypt\"]}")
          .get("GrantId").asText());
      f.clock.advance(java.time.Duration.ofMillis(1));
    }
    List<String> seen = new ArrayList<>();
    String marker = null;
    int pages = 0;
    do {
      JsonNode page = f.call(ROOT, "ListGrants", "{\"KeyId\":\"" + key + "\",\"Limit\":2"
          + (marker == null ? "" : ",\"Marker\":\"" + marker + "\"") + "}");
      page.get("Grants").forEach(g -> seen.add(g.get("GrantId").asText()));
      marker = page.get("Truncated").asBoolean() ? page.get("NextMarker").asText() : null;
      pages++;
    } while (marker != null);
    assertEquals(ids, seen);
    assertEquals(3, pages);

    assertEquals(3, f.call(ROOT, "ListGrants", "{\"KeyId\":\"" + key + "\",\"GranteePrincipal\":\""
        + ALICE + "\"}").get("Grants").size());
    JsonNode one = f.call(ROOT, "ListGrants", "{\"KeyId\":\"" + key + "\",\"GrantId\":\"" + ids.get(3) + "\"}");
    assertEquals(1, one.get("Grants").size());
    assertEquals(BOB, one.get("Grants").get(0).get("GranteePrincipal").asText());
    assertEquals("InvalidGrantIdException",
        f.error(ROOT, "ListGrants", "{\"KeyId\":\"" + key + "\",\"GrantId\":\"abc\"}").code());
    assertEquals("InvalidMarkerException",
        f.error(ROOT, "ListGrants", "{\"KeyId\":\"" + key + "\",\"Marker\":\"bm90LWEtbWFya2Vy\"}").code());
    assertEquals("NotFoundException", f.error(ROOT, "ListGrants", "{\"KeyId\":\"invalid\"}").code());
  }

  @ParameterizedTest
  @ValueSource(strings = {"memory", "sqlite"})
  void listRetirableGrants_byRetiringPrincipalAcrossKeys(String storage) {
    fixture(storage);
    String key1 = f.createKey(ACCOUNT);
    String key2 = f.createKey(ACCOUNT);
    for (String key : List.of(key1, key2, key1)) {
      createGrant(key, "\"RetiringPrincipal\":\"" + BOB + "\",\"Operations\":[\"Decrypt\"]");
    }
    createGrant(key2, "\"Operations\":[\"Decrypt\"]");
    JsonNode first = f.call(ROOT, "ListRetirableGrants", "{\"RetiringPrincipal\":\"" + BOB + "\",\"Limit\":2}");
    assertEquals(2, first.get("Grants").size());
    assertTrue(first.get("Truncated").asBoolean());
    JsonNode rest = f.call(ROOT, "ListRetirableGrants", "{\"RetiringPrincipal\":\"" + BOB
        + "\",\"Marker\":\"" + first.get("NextMarker").asText() + "\"}");
    assertEquals(1, rest.get("Grants").size());
    assertFalse(rest.get("Truncated").asBoolean());
    assertTrue(first.get("Grants").get(0).get("GrantId").asText()
        .compareTo(first.get("Grants").get(1).get("GrantId").asText()) < 0);
    assertEquals(0, f.call(ROOT, "ListRetirableGrants", "{\"RetiringPrincipal\":\"" + ALICE + "\"}")
        .get("Grants").size());
    ApiException e = f.error(ROOT, "ListRetirableGrants",
        "{\"RetiringPrincipal\":\"" + userArn(OTHER, "carol") + "\"}");
    assertEquals("AccessDeniedException", e.code());
  }

  @ParameterizedTest
  @ValueSource(strings = {"memory", "sqlite"})
  void revokeGrant_deletesTheGrant(String storage) {
    fixture(storage);
    String key = f.createKey(ACCOUNT);
    String grantId = createGrant(key, "\"Operations\":[\"Decrypt\"]").get("GrantId").asText();
    assertEquals("InvalidGrantIdException",
        f.error(ROOT, "RevokeGrant", "{\"KeyId\":\"" + key + "\",\"GrantId\":\"xyz\"}").code());
    String unknown = "0".repeat(64);
    ApiException e = f.error(ROOT, "RevokeGrant", "{\"KeyId\":\"" + key + "\",\"GrantId\":\"" + unknown + "\"}");
    assertEquals("NotFoundException", e.code());
    assertEquals("DryRunOperationException", f.error(ROOT, "RevokeGrant",
        "{\"KeyId\":\"" + key + "\",\"GrantId\":\"" + grantId + "\",\"DryRun\":true}").code());
    // A grant id is only found on its own key.
    String other = f.createKey(ACCOUNT);
    assertEquals("NotFoundException", f.error(ROOT, "RevokeGrant",
        "{\"KeyId\":\"" + other + "\",\"GrantId\":\"" + grantId + "\"}").code());
    f.call(ROOT, "RevokeGrant", "{\"KeyId\":\"" + key + "\",\"GrantId\":\"" + grantId + "\"}");
    assertEquals(0, f.call(ROOT, "ListGrants", "{\"KeyId\":\"" + key + "\"}").get("Grants").size());
    assertEquals("NotFoundException", f.error(ROOT, "RevokeGrant",
        "{\"KeyId\":\"" + key + "\",\"GrantId\":\"" + grantId + "\"}").code());
  }

  @ParameterizedTest
  @ValueSource(strings = {"memory"})
  void createGrant_quotas(String storage) {
    fixture(storage);
    String key = f.createKey(ACCOUNT);
    for (int i = 0; i < GrantRules.MAX_GRANTS_PER_GRANTEE; i++) {
      createGrant(key, "\"Operations\":[\"Decrypt\"]");
    }
    ApiException e = f.error(ROOT, "CreateGrant", "{\"KeyId\":\"" + key + "\",\"GranteePrincipal\":\""
        + ALICE + "\",\"Operations\":[\"Decrypt\"]}");
    assertEquals("LimitExceededException", e.code());
    assertTrue(e.getMessage().contains(ALICE), e.getMessage());
    // Another grantee still gets grants on the key.
    f.call(ROOT, "CreateGrant", "{\"KeyId\":\"" + key + "\",\"GranteePrincipal\":\"" + BOB
        + "\",\"Operations\":[\"Decrypt\"]}");
  }
}

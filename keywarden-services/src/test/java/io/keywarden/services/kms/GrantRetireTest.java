package io.keywarden.services.kms;

import static io.keywarden.services.kms.GrantFixture.ACCOUNT;
import static io.keywarden.services.kms.GrantFixture.OTHER;
import static io.keywarden.services.kms.GrantFixture.keyArn;
import static io.keywarden.services.kms.GrantFixture.root;
import static io.keywarden.services.kms.GrantFixture.roleArn;
import static io.keywarden.services.kms.GrantFixture.session;
import static io.keywarden.services.kms.GrantFixture.user;
import static io.keywarden.services.kms.GrantFixture.userArn;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.keywarden.domain.identity.Principal;
import io.keywarden.services.api.ApiException;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** RetireGrant: by token or by key and grant id, by each principal AWS allows and no other. */
class GrantRetireTest {
  private static final String ALLOW_RETIRE =
      "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"kms:RetireGrant\",\"Resource\":\"*\"}]}";
  private static final String DENY_RETIRE =
      "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Deny\",\"Action\":\"kms:RetireGrant\",\"Resource\":\"*\"}]}";

  @TempDir Path dir;
  private GrantFixture f = new GrantFixture(null);
  private String keyId;

  @AfterEach
  void close() {
    f.close();
  }

  private void setUp(Path sqlite) {
    if (sqlite != null) {
      f.close();
      f = new GrantFixture(sqlite);
    }
    f.identities
        .add(userArn(ACCOUNT, "alice"))
        .add(userArn(ACCOUNT, "bob"))
        .add(userArn(ACCOUNT, "carol"))
        .add(userArn(ACCOUNT, "admin"), ALLOW_RETIRE)
        .add(userArn(ACCOUNT, "denied"), DENY_RETIRE)
        .add(roleArn(ACCOUNT, "retirer"))
        .add(userArn(OTHER, "dave"), ALLOW_RETIRE)
        .add(userArn(OTHER, "erin"));
    keyId = f.createKey(ACCOUNT);
  }

  /** A grant to alice; its GrantId and GrantToken. */
  private ObjectNode grant(String retiring, String operations) {
    return f.call(root(ACCOUNT), "CreateGrant", "{\"KeyId\":\"" + keyId
        + "\",\"GranteePrincipal\":\"" + userArn(ACCOUNT, "alice") + "\",\"Operations\":" + operations
        + (retiring == null ? "" : ",\"RetiringPrincipal\":\"" + retiring + "\"") + "}");
  }

  private String byId(ObjectNode grant) {
    return "{\"KeyId\":\"" + keyArn(ACCOUNT, keyId) + "\",\"GrantId\":\"" + grant.get("GrantId").asText() + "\"}";
  }

  private String byToken(ObjectNode grant) {
    return "{\"GrantToken\":\"" + grant.get("GrantToken").asText() + "\"}";
  }

  private int grantCount() {
    return f.call(root(ACCOUNT), "ListGrants", "{\"KeyId\":\"" + keyId + "\"}").get("Grants").size();
  }

  private void assertDenied(Principal p, String json) {
    ApiException e = f.error(p, "RetireGrant", json);
    assertEquals("AccessDeniedException", e.code(), e.getMessage());
    assertEquals("User: " + p.arn() + " is not authorized to perform: kms:RetireGrant on resource: "
        + keyArn(ACCOUNT, keyId), e.getMessage());
  }

  @ParameterizedTest
  @ValueSource(strings = {"memory", "sqlite"})
  void retiringPrincipal_retiresByToken_thenTheTokenFindsNothing(String storage) {
    setUp(storage.equals("sqlite") ? dir : null);
    ObjectNode g = grant(userArn(ACCOUNT, "bob"), "[\"Decrypt\"]");
    f.call(user(ACCOUNT, "bob"), "RetireGrant", byToken(g));
    assertEquals(0, grantCount());
    assertEquals("NotFoundException", f.error(user(ACCOUNT, "bob"), "RetireGrant", byToken(g)).code());
  }

  @Test
  void grantee_mayRetireOnlyIfTheGrantIncludesRetireGrant() {
    setUp(null);
    ObjectNode without = grant(null, "[\"Decrypt\"]");
    assertDenied(user(ACCOUNT, "alice"), byId(without));
    ObjectNode with = grant(null, "[\"Decrypt\",\"RetireGrant\"]");
    f.call(user(ACCOUNT, "alice"), "RetireGrant", byId(with));
    assertEquals(1, grantCount());
  }

  @Test
  void othersOfTheKeyAccount_needIamPermission_rootNeedsNone() {
    setUp(null);
    ObjectNode g = grant(userArn(ACCOUNT, "bob"), "[\"Decrypt\"]");
    assertDenied(user(ACCOUNT, "carol"), byId(g));
    assertDenied(user(ACCOUNT, "carol"), byToken(g));
    f.call(user(ACCOUNT, "admin"), "RetireGrant", byId(g));
    ObjectNode g2 = grant(null, "[\"Decrypt\"]");
    f.call(root(ACCOUNT), "RetireGrant", byToken(g2));
    assertEquals(0, grantCount());
  }

  @Test
  void iamDeny_stopsEvenTheRetiringPrincipal() {
    setUp(null);
    ObjectNode g = grant(userArn(ACCOUNT, "denied"), "[\"Decrypt\"]");
    assertDenied(user(ACCOUNT, "denied"), byToken(g));
    assertEquals(1, grantCount());
  }

  @Test
  void retiringRole_itsSessionsRetire() {
    setUp(null);
    ObjectNode g = grant(roleArn(ACCOUNT, "retirer"), "[\"Decrypt\"]");
    assertDenied(session(ACCOUNT, "other", "s"), byId(g));
    f.call(session(ACCOUNT, "retirer", "cleanup"), "RetireGrant", byId(g));
    assertEquals(0, grantCount());
  }

  @Test
  void retiringAccount_delegatesToItsIamPolicies() {
    setUp(null);
    ObjectNode g = grant("arn:aws:iam::" + OTHER + ":root", "[\"Decrypt\"]");
    assertDenied(user(OTHER, "erin"), byId(g));
    f.call(user(OTHER, "dave"), "RetireGrant", byId(g));
    ObjectNode g2 = grant("arn:aws:iam::" + OTHER + ":root", "[\"Decrypt\"]");
    f.call(root(OTHER), "RetireGrant", byToken(g2));
    assertEquals(0, grantCount());
    // Another account's principal, named nowhere in the grant, may not retire it.
    ObjectNode g3 = grant(null, "[\"Decrypt\"]");
    assertDenied(user(OTHER, "dave"), byId(g3));
    assertDenied(root(OTHER), byToken(g3));
  }

  @Test
  void badRequests_answerAwsErrors() {
    setUp(null);
    ObjectNode g = grant(userArn(ACCOUNT, "bob"), "[\"Decrypt\"]");
    assertEquals("InvalidGrantTokenException",
        f.error(user(ACCOUNT, "bob"), "RetireGrant", "{\"GrantToken\":\"AQID\"}").code());
    assertEquals("ValidationException",
        f.error(user(ACCOUNT, "bob"), "RetireGrant", "{\"KeyId\":\"" + keyId + "\"}").code());
    assertEquals("InvalidGrantIdException", f.error(user(ACCOUNT, "bob"), "RetireGrant",
        "{\"KeyId\":\"" + keyId + "\",\"GrantId\":\"nope\"}").code());
    assertEquals("NotFoundException", f.error(user(ACCOUNT, "bob"), "RetireGrant",
        "{\"KeyId\":\"" + keyId + "\",\"GrantId\":\"" + "a".repeat(64) + "\"}").code());
    assertEquals("DryRunOperationException", f.error(user(ACCOUNT, "bob"), "RetireGrant",
        "{\"GrantToken\":\"" + g.get("GrantToken").asText() + "\",\"DryRun\":true}").code());
    assertEquals("AccessDeniedException", f.error(user(ACCOUNT, "carol"), "RetireGrant",
        "{\"GrantToken\":\"" + g.get("GrantToken").asText() + "\",\"DryRun\":true}").code());
    assertEquals(1, grantCount());
  }
}

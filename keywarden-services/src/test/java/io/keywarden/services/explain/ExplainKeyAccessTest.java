package io.keywarden.services.explain;

import static io.keywarden.services.explain.ExplainFixture.ACCOUNT;
import static io.keywarden.services.explain.ExplainFixture.OTHER;
import static io.keywarden.services.explain.ExplainFixture.arn;
import static io.keywarden.services.explain.ExplainFixture.iam;
import static io.keywarden.services.explain.ExplainFixture.obj;
import static io.keywarden.services.explain.ExplainFixture.policy;
import static io.keywarden.services.explain.ExplainFixture.rootStatement;
import static io.keywarden.services.explain.ExplainFixture.statement;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.keywarden.domain.identity.IamRole;
import io.keywarden.domain.identity.IamUser;
import io.keywarden.domain.identity.Principal;
import io.keywarden.services.api.ApiException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * ExplainKeyAccess: allowed by the key policy, by IAM policies and by a grant; an explicit deny in
 * each place; cross-account principals and keys; who may explain what; input checks.
 */
class ExplainKeyAccessTest {
  private final ExplainFixture f = new ExplainFixture();
  private final IamUser alice =
      f.user(ACCOUNT, "alice", Map.of("use", iam("Allow", "[\"kms:Encrypt\",\"kms:Decrypt\"]", null)));
  private final IamUser bob = f.user(ACCOUNT, "bob", Map.of());
  private final IamUser auditor =
      f.user(ACCOUNT, "auditor", Map.of("explain", iam("Allow", "\"keywarden:ExplainKeyAccess\"", null)));

  private ObjectNode explainAsRoot(Object... kv) {
    return f.explain(f.root, obj(kv));
  }

  /** Each basis line as {@code source#index:Effect}. */
  private static List<String> basis(JsonNode out) {
    List<String> lines = new ArrayList<>();
    for (JsonNode b : out.get("Basis")) {
      lines.add(b.get("Source").asText() + "#" + (b.has("StatementIndex") ? b.get("StatementIndex").asInt() : -1)
          + ":" + b.get("Effect").asText());
    }
    return lines;
  }

  @Test
  void keyPolicyNamingTheUser_allowsOnItsOwn() {
    String id = f.key(ACCOUNT, policy(rootStatement(ACCOUNT),
        statement("KeyUsers", "Allow", bob.arn(), "[\"kms:Encrypt\"]", null)));
    ObjectNode out = explainAsRoot("PrincipalArn", bob.arn(), "Action", "kms:Encrypt", "KeyId", id);
    assertEquals("Allowed", out.get("Decision").asText());
    assertEquals("ALLOWED_BY_KEY_POLICY", out.get("Outcome").asText());
    // The root statement applies too (it delegates to IAM); the KeyUsers statement decides.
    assertEquals(List.of("key policy#0:Allow", "key policy#1:Allow"), basis(out));
    assertEquals("KeyUsers", out.get("Basis").get(1).get("Sid").asText());
    assertEquals("names the caller", out.get("Basis").get(1).get("Note").asText());
    assertEquals(arn(ACCOUNT, id), out.get("KeyArn").asText());
    assertEquals(bob.arn(), out.get("EvaluatedPrincipal").asText());
    assertEquals("kms:Encrypt", out.get("Action").asText());
    assertFalse(out.has("Message"));
  }

  @Test
  void rootStatement_delegatesToIamPolicies() {
    String id = f.key(ACCOUNT, policy(rootStatement(ACCOUNT)));
    ObjectNode out = explainAsRoot("PrincipalArn", alice.arn(), "Action", "Decrypt", "KeyId", id);
    assertEquals("ALLOWED_BY_KEY_POLICY_AND_IDENTITY_POLICY", out.get("Outcome").asText());
    assertEquals(List.of("key policy#0:Allow", "identity policy use#0:Allow"), basis(out));

    ObjectNode denied = explainAsRoot("PrincipalArn", bob.arn(), "Action", "kms:Decrypt", "KeyId", id);
    assertEquals("Denied", denied.get("Decision").asText());
    assertEquals("DENIED_NO_IDENTITY_POLICY_ALLOWS", denied.get("Outcome").asText());
    assertEquals("User: " + bob.arn() + " is not authorized to perform: kms:Decrypt on resource: "
        + arn(ACCOUNT, id) + " because no identity-based policy allows the kms:Decrypt action",
        denied.get("Message").asText());
  }

  @Test
  void grant_allowsItsOperationsAndIsNamed() {
    String id = f.key(ACCOUNT, policy(rootStatement(ACCOUNT)));
    JsonNode grant = f.kms(f.root, "CreateGrant", obj("KeyId", id, "GranteePrincipal", bob.arn(),
        "Operations", List.of("Encrypt")));
    ObjectNode out = explainAsRoot("PrincipalArn", bob.arn(), "Action", "kms:Encrypt", "KeyId", id,
        "GrantTokens", List.of(grant.get("GrantToken").asText()));
    assertEquals("ALLOWED_BY_GRANT", out.get("Outcome").asText());
    assertEquals(grant.get("GrantId").asText(), out.get("GrantId").asText());
    List<String> lines = basis(out);
    assertEquals("grant " + grant.get("GrantId").asText() + "#-1:Allow", lines.get(lines.size() - 1));

    ObjectNode decrypt = explainAsRoot("PrincipalArn", bob.arn(), "Action", "kms:Decrypt", "KeyId", id);
    assertEquals("DENIED_NO_IDENTITY_POLICY_ALLOWS", decrypt.get("Outcome").asText(), "not a granted operation");
    ApiException badToken = f.explainError(f.root, obj("PrincipalArn", bob.arn(), "Action", "kms:Encrypt",
        "KeyId", id, "GrantTokens", List.of("not-a-token")));
    assertEquals("InvalidGrantTokenException", badToken.code());
  }

  @Test
  void explicitDenyInTheKeyPolicy_winsOverTheGrantAndIam() {
    String id = f.key(ACCOUNT, policy(rootStatement(ACCOUNT),
        statement("NoDecryptForAcme", "Deny", alice.arn(), "\"kms:Decrypt\"",
            "{\"StringEquals\":{\"kms:EncryptionContext:tenant\":\"acme\"}}")));
    f.kms(f.root, "CreateGrant", obj("KeyId", id, "GranteePrincipal", alice.arn(), "Operations", List.of("Decrypt")));
    ObjectNode acme = explainAsRoot("PrincipalArn", alice.arn(), "Action", "kms:Decrypt", "KeyId", id,
        "EncryptionContext", Map.of("tenant", "acme"));
    assertEquals("DENIED_EXPLICITLY_BY_KEY_POLICY", acme.get("Outcome").asText());
    assertEquals(List.of("key policy#0:Allow", "key policy#1:Deny", "identity policy use#0:Allow"), basis(acme));
    assertNull(acme.get("GrantId"));
    assertTrue(acme.get("Message").asText().endsWith("with an explicit deny in a resource-based policy"));
    ObjectNode other = explainAsRoot("PrincipalArn", alice.arn(), "Action", "kms:Decrypt", "KeyId", id,
        "EncryptionContext", Map.of("tenant", "other"));
    assertEquals("Allowed", other.get("Decision").asText());
  }

  @Test
  void explicitDenyInAnIdentityPolicy_winsOverTheKeyPolicyAndTheGrant() {
    IamUser carl = f.user(ACCOUNT, "carl", Map.of(
        "no-encrypt-outside", iam("Deny", "\"kms:Encrypt\"", "{\"NotIpAddress\":{\"aws:SourceIp\":\"10.0.0.0/8\"}}")));
    String id = f.key(ACCOUNT, policy(rootStatement(ACCOUNT),
        statement("Carl", "Allow", carl.arn(), "\"kms:*\"", null)));
    f.kms(f.root, "CreateGrant", obj("KeyId", id, "GranteePrincipal", carl.arn(), "Operations", List.of("Encrypt")));
    ObjectNode outside = explainAsRoot("PrincipalArn", carl.arn(), "Action", "kms:Encrypt", "KeyId", id,
        "SourceIp", "192.0.2.7");
    assertEquals("DENIED_EXPLICITLY_BY_IDENTITY_POLICY", outside.get("Outcome").asText());
    assertEquals(List.of("key policy#0:Allow", "key policy#1:Allow", "identity policy no-encrypt-outside#0:Deny"),
        basis(outside));
    assertTrue(outside.get("Message").asText().endsWith("with an explicit deny in an identity-based policy"));
    // The default source address is the explaining caller's (10.1.2.3 in the fixture).
    assertEquals("ALLOWED_BY_KEY_POLICY",
        explainAsRoot("PrincipalArn", carl.arn(), "Action", "kms:Encrypt", "KeyId", id).get("Outcome").asText());
  }

  @Test
  void crossAccountPrincipal_needsTheKeyPolicyAndItsOwnIam() {
    IamUser carol = f.user(OTHER, "carol", Map.of("use", iam("Allow", "\"kms:Encrypt\"", null)));
    IamUser dave = f.user(OTHER, "dave", Map.of());
    String id = f.key(ACCOUNT, policy(rootStatement(ACCOUNT),
        statement("OtherAccount", "Allow", "arn:aws:iam::" + OTHER + ":root", "\"kms:Encrypt\"", null)));
    ObjectNode out = explainAsRoot("PrincipalArn", carol.arn(), "Action", "kms:Encrypt", "KeyId", arn(ACCOUNT, id));
    assertEquals("ALLOWED_BY_KEY_POLICY_AND_IDENTITY_POLICY", out.get("Outcome").asText());
    assertEquals(List.of("key policy#1:Allow", "identity policy use#0:Allow"), basis(out));
    ObjectNode noIam = explainAsRoot("PrincipalArn", dave.arn(), "Action", "kms:Encrypt", "KeyId", arn(ACCOUNT, id));
    assertEquals("DENIED_NO_IDENTITY_POLICY_ALLOWS", noIam.get("Outcome").asText());

    // Carol could name the key only by ARN; by key id she would name a key of her own account.
    String byId = f.explainDenied(f.root, obj("PrincipalArn", carol.arn(), "Action", "kms:Encrypt", "KeyId", id));
    assertTrue(byId.contains("a principal of another account can be explained only on a key of the caller's"
        + " account"), byId);
  }

  @Test
  void crossAccountKey_isExplainedWithoutShowingItsPolicy() {
    String theirs = f.key(OTHER, policy(rootStatement(OTHER),
        statement("LendToPartner", "Allow", "arn:aws:iam::" + ACCOUNT + ":root", "\"kms:Encrypt\"", null)));
    IamUser eve = f.user(ACCOUNT, "eve", Map.of("use", iam("Allow", "\"kms:Encrypt\"", null)));
    ObjectNode out = explainAsRoot("PrincipalArn", eve.arn(), "Action", "kms:Encrypt", "KeyId", arn(OTHER, theirs));
    assertEquals("ALLOWED_BY_KEY_POLICY_AND_IDENTITY_POLICY", out.get("Outcome").asText());
    JsonNode keyLine = out.get("Basis").get(0);
    assertEquals("key policy of the key's account", keyLine.get("Source").asText());
    assertFalse(keyLine.has("Sid"));
    assertFalse(keyLine.has("StatementIndex"));
  }

  @Test
  void callerNeedsExplainPermission_andMayExplainOnlyItsOwnAccountsPrincipals() {
    String id = f.key(ACCOUNT, policy(rootStatement(ACCOUNT)));
    String denied = f.explainDenied(ExplainFixture.as(bob),
        obj("PrincipalArn", alice.arn(), "Action", "kms:Encrypt", "KeyId", id));
    assertEquals("User: " + bob.arn() + " is not authorized to perform: keywarden:ExplainKeyAccess on resource: "
        + arn(ACCOUNT, id) + " because no identity-based policy allows the keywarden:ExplainKeyAccess action",
        denied);
    ObjectNode byAuditor = f.explain(ExplainFixture.as(auditor),
        obj("PrincipalArn", alice.arn(), "Action", "kms:Encrypt", "KeyId", id));
    assertEquals("Allowed", byAuditor.get("Decision").asText());

    // Another account's root may not explain this account's principals on this account's keys.
    String foreign = f.explainDenied(f.otherRoot,
        obj("PrincipalArn", alice.arn(), "Action", "kms:Encrypt", "KeyId", arn(ACCOUNT, id)));
    assertTrue(foreign.startsWith("User: arn:aws:iam::" + OTHER + ":root is not authorized"), foreign);
    // ...nor on its own keys without naming them by ARN of its account.
    String keyless = f.explainDenied(f.otherRoot, obj("PrincipalArn", alice.arn(), "Action", "kms:CreateKey"));
    assertTrue(keyless.contains("on resource: *"), keyless);
  }

  @Test
  void roleSession_withSessionTagsAndViaService() {
    IamRole app = f.role(ACCOUNT, "app", Map.of("abac", iam("Allow", "\"kms:Decrypt\"",
        "{\"StringEquals\":{\"aws:PrincipalTag/team\":\"${aws:ResourceTag/team}\"}}")), "team", "red");
    String id = f.key(ACCOUNT, policy(rootStatement(ACCOUNT)));
    f.kms(f.root, "TagResource", "{\"KeyId\":\"" + id + "\",\"Tags\":[{\"TagKey\":\"team\",\"TagValue\":\"blue\"}]}");
    ObjectNode red = explainAsRoot("PrincipalArn", app.arn(), "Action", "kms:Decrypt", "KeyId", id);
    assertEquals("Denied", red.get("Decision").asText(), "the role's own tag: red");
    assertEquals("arn:aws:sts::" + ACCOUNT + ":assumed-role/app/keywarden-explain",
        red.get("EvaluatedPrincipal").asText());
    ObjectNode blue = explainAsRoot("PrincipalArn", "arn:aws:sts::" + ACCOUNT + ":assumed-role/app/build-7",
        "Action", "kms:Decrypt", "KeyId", id, "SessionTags", Map.of("TEAM", "blue"));
    assertEquals("Allowed", blue.get("Decision").asText(), "a session tag overrides the role's tag");
    assertEquals("arn:aws:sts::" + ACCOUNT + ":assumed-role/app/build-7", blue.get("EvaluatedPrincipal").asText());

    String via = f.key(ACCOUNT, policy(statement("ViaSecretsManager", "Allow", app.arn(), "\"kms:Decrypt\"",
        "{\"StringEquals\":{\"kms:ViaService\":\"secretsmanager." + ExplainFixture.REGION + ".amazonaws.com\","
            + "\"kms:CallerAccount\":\"" + ACCOUNT + "\"}}")));
    assertEquals("Denied", explainAsRoot("PrincipalArn", app.arn(), "Action", "kms:Decrypt", "KeyId", via)
        .get("Decision").asText());
    assertEquals("ALLOWED_BY_KEY_POLICY", explainAsRoot("PrincipalArn", app.arn(), "Action", "kms:Decrypt",
        "KeyId", via, "ViaService", "secretsmanager").get("Outcome").asText());
  }

  @Test
  void contextKeys_arePassedToConditions() {
    String id = f.key(ACCOUNT, policy(statement("OnlyRsaOaep", "Allow", alice.arn(), "\"kms:Encrypt\"",
        "{\"ForAnyValue:StringEquals\":{\"kms:EncryptionAlgorithm\":[\"RSAES_OAEP_SHA_256\"]}}")));
    assertEquals("Denied", explainAsRoot("PrincipalArn", alice.arn(), "Action", "kms:Encrypt", "KeyId", id)
        .get("Decision").asText());
    assertEquals("Allowed", explainAsRoot("PrincipalArn", alice.arn(), "Action", "kms:Encrypt", "KeyId", id,
        "ContextKeys", Map.of("kms:EncryptionAlgorithm", List.of("RSAES_OAEP_SHA_256"))).get("Decision").asText());
  }

  @Test
  void keylessActions_areDecidedByIamAlone() {
    ObjectNode out = explainAsRoot("PrincipalArn", alice.arn(), "Action", "kms:CreateKey");
    assertEquals("DENIED_NO_IDENTITY_POLICY_ALLOWS", out.get("Outcome").asText());
    assertFalse(out.has("KeyArn"));
    assertEquals("ALLOWED_BY_IDENTITY_POLICY", explainAsRoot("PrincipalArn", "arn:aws:iam::" + ACCOUNT + ":root",
        "Action", "kms:ListKeys").get("Outcome").asText());
  }

  @Test
  void invalidInput_isRefused() {
    String id = f.key(ACCOUNT, policy(rootStatement(ACCOUNT)));
    assertEquals("ValidationException", f.explainError(f.root,
        obj("PrincipalArn", alice.arn(), "Action", "kms:Fly", "KeyId", id)).code());
    assertEquals("ValidationException", f.explainError(f.root,
        obj("PrincipalArn", alice.arn(), "Action", "kms:Encrypt")).code());
    assertEquals("ValidationException", f.explainError(f.root,
        obj("PrincipalArn", alice.arn(), "Action", "kms:CreateKey", "KeyId", id)).code());
    assertEquals("ValidationException", f.explainError(f.root,
        obj("PrincipalArn", alice.arn(), "Action", "kms:Encrypt", "KeyId", id, "SessionTags", Map.of("a", "b"))).code());
    assertEquals("ValidationException", f.explainError(f.root,
        obj("PrincipalArn", alice.arn(), "Action", "kms:Encrypt", "KeyId", id, "SourceIp", "example.com")).code());
    assertEquals("ValidationException", f.explainError(f.root,
        obj("PrincipalArn", "arn:aws:s3:::bucket", "Action", "kms:Encrypt", "KeyId", id)).code());
    ApiException noUser = f.explainError(f.root,
        obj("PrincipalArn", "arn:aws:iam::" + ACCOUNT + ":user/nobody", "Action", "kms:Encrypt", "KeyId", id));
    assertEquals("NotFoundException", noUser.code());
    ApiException noKey = f.explainError(f.root, obj("PrincipalArn", alice.arn(), "Action", "kms:Encrypt",
        "KeyId", "1234abcd-12ab-34cd-56ef-1234567890ab"));
    assertEquals("NotFoundException", noKey.code());
    assertEquals("ValidationException", f.explainError(f.root,
        obj("PrincipalArn", alice.arn(), "Action", "kms:Encrypt", "KeyId", id, "SourceIp", "fe80::1::2")).code());
    assertEquals("Allowed", explainAsRoot("PrincipalArn", alice.arn(), "Action", "kms:Encrypt", "KeyId", id,
        "SourceIp", "2001:db8::7").get("Decision").asText());
  }

  @Test
  void explainCall_namesTheKeyInItsAuditRecord() {
    String id = f.key(ACCOUNT, policy(rootStatement(ACCOUNT)));
    var ctx = f.context(f.root);
    f.explain.operations().get("ExplainKeyAccess").operation().invoke(ctx,
        (ObjectNode) parse(obj("PrincipalArn", alice.arn(), "Action", "kms:Encrypt", "KeyId", id)));
    assertEquals(arn(ACCOUNT, id), ctx.audit().resources().get(0).arn());
  }

  private static JsonNode parse(String json) {
    try {
      return ExplainFixture.JSON.readTree(json);
    } catch (java.io.IOException e) {
      throw new IllegalArgumentException(e);
    }
  }
}

package io.keywarden.services.explain;

import static io.keywarden.services.explain.ExplainFixture.ACCOUNT;
import static io.keywarden.services.explain.ExplainFixture.OTHER;
import static io.keywarden.services.explain.ExplainFixture.arn;
import static io.keywarden.services.explain.ExplainFixture.b64;
import static io.keywarden.services.explain.ExplainFixture.iam;
import static io.keywarden.services.explain.ExplainFixture.policy;
import static io.keywarden.services.explain.ExplainFixture.rootStatement;
import static io.keywarden.services.explain.ExplainFixture.statement;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.keywarden.domain.identity.IamRole;
import io.keywarden.domain.identity.IamUser;
import io.keywarden.domain.identity.Principal;
import io.keywarden.services.api.ApiException;
import io.keywarden.services.api.CallContext;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Explain never disagrees with enforcement: for each case of a table — principals (users, role
 * sessions with session tags, another account's users, the root), operations, keys with the documented
 * policy shapes (default policy, administrators vs users, explicit denies on encryption context, ABAC
 * on principal and resource tags, kms:ViaService with kms:CallerAccount, cross-account, grants with
 * constraints and tokens) — the real operation is run as the principal, and ExplainKeyAccess about the
 * same request must give the same decision and, when denied, the same AccessDeniedException message.
 */
class ExplainAgreesWithEnforcementTest {
  private final ExplainFixture f = new ExplainFixture();
  /** Each key's policy, by key id. */
  private final Map<String, String> policies = new java.util.HashMap<>();
  private final IamUser alice = f.user(ACCOUNT, "alice", Map.of("use",
      iam("Allow", "[\"kms:Encrypt\",\"kms:Decrypt\",\"kms:DescribeKey\",\"kms:GenerateDataKey\",\"kms:CreateKey\"]", null)));
  private final IamUser bob = f.user(ACCOUNT, "bob", Map.of());
  private final IamUser mallory = f.user(ACCOUNT, "mallory", Map.of(
      "all", iam("Allow", "\"kms:*\"", null),
      "no-decrypt", iam("Deny", "\"kms:Decrypt\"", null)));
  private final IamRole admin = f.role(ACCOUNT, "KeyAdmin", Map.of());
  private final IamRole app = f.role(ACCOUNT, "app", Map.of("abac", iam("Allow", "[\"kms:Encrypt\",\"kms:Decrypt\"]",
      "{\"StringEquals\":{\"aws:PrincipalTag/team\":\"${aws:ResourceTag/team}\"}}")), "team", "red");
  private final IamUser carol = f.user(OTHER, "carol", Map.of("use",
      iam("Allow", "[\"kms:Encrypt\",\"kms:DescribeKey\"]", null)));
  private final IamUser dave = f.user(OTHER, "dave", Map.of());

  /** One request: who, what, on which key, with what context; the same for the operation and explain. */
  private record Case(
      String name,
      Principal principal,
      Map<String, String> sessionTags,
      String operation,
      String keyId,
      Map<String, String> encryptionContext,
      String viaService,
      List<String> grantTokens) {}

  @TestFactory
  Stream<DynamicTest> explainDecidesAsTheOperation() {
    String byDefault = key(policy(rootStatement(ACCOUNT)));
    // "Allows key administrators to administer the KMS key" / "Allows key users to use the KMS key".
    String adminsAndUsers = key(policy(rootStatement(ACCOUNT),
        statement("Allow access for Key Administrators", "Allow", admin.arn(),
            "[\"kms:Create*\",\"kms:Describe*\",\"kms:Enable*\",\"kms:List*\",\"kms:Put*\",\"kms:Update*\","
                + "\"kms:Revoke*\",\"kms:Disable*\",\"kms:Get*\",\"kms:Delete*\",\"kms:TagResource\","
                + "\"kms:UntagResource\",\"kms:ScheduleKeyDeletion\",\"kms:CancelKeyDeletion\"]", null),
        statement("Allow use of the key", "Allow", bob.arn(),
            "[\"kms:Encrypt\",\"kms:Decrypt\",\"kms:ReEncrypt*\",\"kms:GenerateDataKey*\",\"kms:DescribeKey\"]", null),
        statement("No acme for alice", "Deny", alice.arn(), "\"kms:Decrypt\"",
            "{\"StringEquals\":{\"kms:EncryptionContext:tenant\":\"acme\"}}")));
    String tagged = key(policy(rootStatement(ACCOUNT)));
    f.kms(f.root, "TagResource", "{\"KeyId\":\"" + tagged + "\",\"Tags\":[{\"TagKey\":\"team\",\"TagValue\":\"blue\"}]}");
    String viaSecrets = key(policy(statement("Via Secrets Manager", "Allow", "arn:aws:iam::" + ACCOUNT + ":root",
        "[\"kms:Encrypt\",\"kms:Decrypt\",\"kms:DescribeKey\"]",
        "{\"StringEquals\":{\"kms:ViaService\":\"secretsmanager.us-east-1.amazonaws.com\",\"kms:CallerAccount\":\""
            + ACCOUNT + "\"}}"),
        statement("Root administers", "Allow", "arn:aws:iam::" + ACCOUNT + ":root", "[\"kms:PutKeyPolicy\"]", null)));
    String shared = key(policy(rootStatement(ACCOUNT),
        statement("Partner account", "Allow", "arn:aws:iam::" + OTHER + ":root", "[\"kms:Encrypt\",\"kms:DescribeKey\"]", null)));
    String granted = key(policy(rootStatement(ACCOUNT)));
    String token = f.kms(f.root, "CreateGrant", "{\"KeyId\":\"" + granted + "\",\"GranteePrincipal\":\"" + bob.arn()
        + "\",\"Operations\":[\"Encrypt\",\"Decrypt\"],\"Constraints\":{\"EncryptionContextSubset\":{\"app\":\"x\"}}}")
        .get("GrantToken").asText();

    Principal red = ExplainFixture.session(app, "red-1", Map.of());
    Principal blue = ExplainFixture.session(app, "blue-1", Map.of("team", "blue"));
    Principal adminSession = ExplainFixture.session(admin, "ops", Map.of());
    Map<String, String> acme = Map.of("tenant", "acme");
    Map<String, String> x = Map.of("app", "x");
    List<Case> cases = new ArrayList<>();
    for (String op : List.of("Encrypt", "Decrypt", "DescribeKey", "GenerateDataKey")) {
      cases.add(new Case("alice default", ExplainFixture.as(alice), Map.of(), op, byDefault, Map.of(), null, List.of()));
      cases.add(new Case("bob default", ExplainFixture.as(bob), Map.of(), op, byDefault, Map.of(), null, List.of()));
      cases.add(new Case("mallory default", ExplainFixture.as(mallory), Map.of(), op, byDefault, Map.of(), null, List.of()));
      cases.add(new Case("root default", f.root, Map.of(), op, byDefault, Map.of(), null, List.of()));
      cases.add(new Case("bob user of key", ExplainFixture.as(bob), Map.of(), op, adminsAndUsers, Map.of(), null, List.of()));
      cases.add(new Case("admin cannot use", adminSession, Map.of(), op, adminsAndUsers, Map.of(), null, List.of()));
      cases.add(new Case("alice acme", ExplainFixture.as(alice), Map.of(), op, adminsAndUsers, acme, null, List.of()));
      cases.add(new Case("red session", red, Map.of(), op, tagged, Map.of(), null, List.of()));
      cases.add(new Case("blue session", blue, Map.of("team", "blue"), op, tagged, Map.of(), null, List.of()));
      cases.add(new Case("alice direct", ExplainFixture.as(alice), Map.of(), op, viaSecrets, Map.of(), null, List.of()));
      cases.add(new Case("alice via", ExplainFixture.as(alice), Map.of(), op, viaSecrets, Map.of(), "secretsmanager", List.of()));
      cases.add(new Case("carol partner", ExplainFixture.as(carol), Map.of(), op, arn(ACCOUNT, shared), Map.of(), null, List.of()));
      cases.add(new Case("dave partner", ExplainFixture.as(dave), Map.of(), op, arn(ACCOUNT, shared), Map.of(), null, List.of()));
      cases.add(new Case("bob grant x", ExplainFixture.as(bob), Map.of(), op, granted, x, null, List.of(token)));
      cases.add(new Case("bob grant y", ExplainFixture.as(bob), Map.of(), op, granted, Map.of("app", "y"), null, List.of()));
    }
    for (String op : List.of("GetKeyPolicy", "ListResourceTags", "PutKeyPolicy")) {
      cases.add(new Case("admin administers", adminSession, Map.of(), op, adminsAndUsers, Map.of(), null, List.of()));
      cases.add(new Case("bob cannot administer", ExplainFixture.as(bob), Map.of(), op, adminsAndUsers, Map.of(), null, List.of()));
      cases.add(new Case("root via-only key", f.root, Map.of(), op, viaSecrets, Map.of(), null, List.of()));
    }
    for (Principal p : List.of(ExplainFixture.as(alice), ExplainFixture.as(bob), red, f.root)) {
      cases.add(new Case("create key", p, Map.of(), "CreateKey", null, Map.of(), null, List.of()));
    }

    int[] outcomes = new int[2];
    Stream<DynamicTest> tests = cases.stream().map(c -> DynamicTest.dynamicTest(
        c.name() + ": " + c.principal().arn() + " " + c.operation(), () -> {
          String enforced = enforce(c);
          ObjectNode explained = f.explain(f.root, explainInput(c));
          outcomes[enforced == null ? 0 : 1]++;
          assertEquals(enforced == null ? "Allowed" : "Denied", explained.get("Decision").asText(),
              "explain " + explained + " vs enforcement " + enforced);
          if (enforced != null) {
            assertEquals(enforced, explained.get("Message").asText());
          }
        }));
    return Stream.concat(tests, Stream.of(DynamicTest.dynamicTest("the table has both outcomes", () -> {
      assertTrue(outcomes[0] >= 20, "allowed cases: " + outcomes[0]);
      assertTrue(outcomes[1] >= 20, "denied cases: " + outcomes[1]);
    })));
  }

  private String key(String policy) {
    String id = f.key(ACCOUNT, policy);
    policies.put(id, policy);
    return id;
  }

  /** Runs the operation; {@code null} if allowed, else the AccessDeniedException's message. */
  private String enforce(Case c) {
    CallContext ctx = f.context(c.principal());
    if (c.viaService() != null) {
      ctx = ctx.onBehalfOf(c.viaService());
    }
    try {
      f.kms(ctx, c.operation(), request(c));
      return null;
    } catch (ApiException e) {
      assertEquals("AccessDeniedException", e.code(), e.getMessage());
      return e.getMessage();
    }
  }

  private String request(Case c) {
    Map<String, Object> in = new LinkedHashMap<>();
    if (c.keyId() != null) {
      in.put("KeyId", c.keyId());
    }
    switch (c.operation()) {
      case "Encrypt" -> {
        in.put("Plaintext", b64("agreement"));
        in.put("EncryptionContext", c.encryptionContext());
      }
      case "Decrypt" -> {
        in.put("CiphertextBlob", ciphertextFor(c));
        in.put("EncryptionContext", c.encryptionContext());
      }
      case "GenerateDataKey" -> {
        in.put("KeySpec", "AES_256");
        in.put("EncryptionContext", c.encryptionContext());
      }
      case "GetKeyPolicy" -> in.put("PolicyName", "default");
      case "PutKeyPolicy" -> {
        // The policy the key has: allowed or not, nothing changes.
        in.put("Policy", policies.get(c.keyId()));
        in.put("BypassPolicyLockoutSafetyCheck", Boolean.TRUE);
      }
      default -> { }
    }
    if (!c.grantTokens().isEmpty()) {
      in.put("GrantTokens", c.grantTokens());
    }
    return obj(in);
  }

  /** A ciphertext of the case's key and context, made by the key's owner. */
  private String ciphertextFor(Case c) {
    Principal owner = c.keyId().contains(":" + OTHER + ":") ? f.otherRoot : f.root;
    // Through Secrets Manager: the via-only key lets even its root encrypt only that way.
    CallContext ctx = f.context(owner).onBehalfOf("secretsmanager");
    return f.kms(ctx, "Encrypt", obj(Map.of("KeyId", c.keyId(), "Plaintext", b64("agreement"),
        "EncryptionContext", c.encryptionContext()))).get("CiphertextBlob").asText();
  }

  private String explainInput(Case c) {
    Map<String, Object> in = new LinkedHashMap<>();
    in.put("PrincipalArn", c.principal().arn());
    in.put("Action", "kms:" + c.operation());
    if (c.keyId() != null) {
      in.put("KeyId", c.keyId());
    }
    in.put("EncryptionContext", c.encryptionContext());
    if (!c.sessionTags().isEmpty()) {
      in.put("SessionTags", c.sessionTags());
    }
    if (c.viaService() != null) {
      in.put("ViaService", c.viaService());
    }
    if (!c.grantTokens().isEmpty()) {
      in.put("GrantTokens", c.grantTokens());
    }
    if (c.operation().equals("PutKeyPolicy")) {
      in.put("ContextKeys", Map.of("kms:BypassPolicyLockoutSafetyCheck", List.of("true")));
    }
    return obj(in);
  }

  private static String obj(Map<String, Object> members) {
    return ExplainFixture.JSON.valueToTree(members).toString();
  }
}

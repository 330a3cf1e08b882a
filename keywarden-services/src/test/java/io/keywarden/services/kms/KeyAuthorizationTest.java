package io.keywarden.services.kms;

import static io.keywarden.services.kms.AuthzFixture.ACCOUNT;
import static io.keywarden.services.kms.AuthzFixture.OTHER;
import static io.keywarden.services.kms.AuthzFixture.allow;
import static io.keywarden.services.kms.AuthzFixture.arn;
import static io.keywarden.services.kms.AuthzFixture.explicitDeny;
import static io.keywarden.services.kms.AuthzFixture.iam;
import static io.keywarden.services.kms.AuthzFixture.noIdentityPolicy;
import static io.keywarden.services.kms.AuthzFixture.noResourcePolicy;
import static io.keywarden.services.kms.AuthzFixture.policy;
import static io.keywarden.services.kms.AuthzFixture.q;
import static io.keywarden.services.kms.AuthzFixture.req;
import static io.keywarden.services.kms.AuthzFixture.rootStatement;
import static io.keywarden.services.kms.AuthzFixture.statement;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.keywarden.domain.identity.Principal;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * KMS authorisation through the service, with the examples of AWS's KMS developer guide ("Default key
 * policy", "Allows key administrators...", "Allows key users...", cross-account use, ABAC, encryption
 * context and kms:ViaService conditions), as several principals, asserting AWS's exact messages.
 */
class KeyAuthorizationTest {
  private final AuthzFixture f = new AuthzFixture();
  private final Principal alice = f.ids.user(ACCOUNT, "alice", Map.of("team", "blue"));
  private final Principal admin = f.ids.user(ACCOUNT, "admin");
  private final Principal nobody = f.ids.user(ACCOUNT, "nobody");

  private String encryptReq(String keyId) {
    return req("KeyId", keyId, "Plaintext", KmsHarness.b64("x"));
  }

  @Test
  void defaultKeyPolicy_delegatesToIamPolicies() {
    String id = f.key(policy(rootStatement(ACCOUNT)));
    f.as(f.root, "Encrypt", encryptReq(id));
    assertEquals(noIdentityPolicy(nobody, "Encrypt", arn(id)), f.denied(nobody, "Encrypt", encryptReq(id)));
    f.ids.attach(alice, "use", policy(iam("Allow", q("kms:Encrypt"), arn(id), null)));
    f.as(alice, "Encrypt", encryptReq(id));
    String blob = f.encryptAsRoot(id, Map.of());
    assertEquals(noIdentityPolicy(alice, "Decrypt", arn(id)),
        f.denied(alice, "Decrypt", req("CiphertextBlob", blob)));
    // An IAM allow on another key's ARN does not reach this one.
    String other = f.key(policy(rootStatement(ACCOUNT)));
    assertEquals(noIdentityPolicy(alice, "Encrypt", arn(other)),
        f.denied(alice, "Encrypt", encryptReq(other)));
  }

  @Test
  void keyPolicyWithoutRootStatement_ignoresIamPolicies_evenForTheRoot() {
    String id = f.key(policy(allow(q(alice.arn()), q("kms:*"), null)));
    f.ids.attach(nobody, "all", policy(iam("Allow", q("kms:*"), "*", null)));
    assertEquals(noResourcePolicy(nobody, "Encrypt", arn(id)), f.denied(nobody, "Encrypt", encryptReq(id)));
    assertEquals(noResourcePolicy(f.root, "DescribeKey", arn(id)),
        f.denied(f.root, "DescribeKey", req("KeyId", id)));
    f.as(alice, "Encrypt", encryptReq(id));
  }

  /** AWS's example: key administrators cannot use the key; key users cannot administer it. */
  @Test
  void administratorsAndUsers_areSeparated() {
    String admins = "[\"kms:Create*\",\"kms:Describe*\",\"kms:Enable*\",\"kms:List*\",\"kms:Put*\","
        + "\"kms:Update*\",\"kms:Revoke*\",\"kms:Disable*\",\"kms:Get*\",\"kms:Delete*\","
        + "\"kms:TagResource\",\"kms:UntagResource\",\"kms:ScheduleKeyDeletion\",\"kms:CancelKeyDeletion\"]";
    String users = "[\"kms:Encrypt\",\"kms:Decrypt\",\"kms:ReEncrypt*\",\"kms:GenerateDataKey*\",\"kms:DescribeKey\"]";
    String keyPolicy = policy(allow(q(admin.arn()), admins, null), allow(q(alice.arn()), users, null));
    String id = f.key(keyPolicy);
    f.as(admin, "DescribeKey", req("KeyId", id));
    f.as(admin, "PutKeyPolicy", req("KeyId", id, "Policy", keyPolicy));
    assertEquals(noResourcePolicy(admin, "Encrypt", arn(id)), f.denied(admin, "Encrypt", encryptReq(id)));
    f.as(alice, "Encrypt", encryptReq(id));
    f.as(alice, "GenerateDataKeyWithoutPlaintext", req("KeyId", id, "KeySpec", "AES_256"));
    assertEquals(noResourcePolicy(alice, "ScheduleKeyDeletion", arn(id)),
        f.denied(alice, "ScheduleKeyDeletion", req("KeyId", id)));
    assertEquals(noResourcePolicy(alice, "PutKeyPolicy", arn(id)),
        f.denied(alice, "PutKeyPolicy", req("KeyId", id, "Policy", keyPolicy)));
    f.as(admin, "ScheduleKeyDeletion", req("KeyId", id));

    // With the root statement too, a denial names the identity-based side: the account is delegated to.
    String delegated = f.key(policy(rootStatement(ACCOUNT), allow(q(alice.arn()), users, null)));
    assertEquals(noIdentityPolicy(admin, "Encrypt", arn(delegated)),
        f.denied(admin, "Encrypt", encryptReq(delegated)));
  }

  @Test
  void explicitDeny_winsInKeyPolicyAndInIamPolicy() {
    String id = f.key(policy(rootStatement(ACCOUNT), allow(q(alice.arn()), q("kms:*"), null),
        statement("Deny", q("*"), q("kms:Decrypt"),
            "{\"StringEquals\":{\"aws:PrincipalArn\":\"" + alice.arn() + "\"}}")));
    String blob = f.encryptAsRoot(id, Map.of());
    assertEquals(explicitDeny(alice, "Decrypt", arn(id), "a resource-based"),
        f.denied(alice, "Decrypt", req("CiphertextBlob", blob)));
    f.as(f.root, "Decrypt", req("CiphertextBlob", blob));

    f.ids.attach(admin, "all", policy(iam("Allow", q("kms:*"), "*", null),
        iam("Deny", q("kms:Encrypt"), "*", null)));
    assertEquals(explicitDeny(admin, "Encrypt", arn(id), "an identity-based"),
        f.denied(admin, "Encrypt", encryptReq(id)));
    f.as(admin, "Decrypt", req("CiphertextBlob", blob));
  }

  @Test
  void crossAccount_needsKeyPolicyAndTheCallersIamPolicy() {
    Principal bob = f.ids.user(OTHER, "bob");
    Principal carol = f.ids.user("555566667777", "carol");
    String id = f.key(policy(rootStatement(ACCOUNT),
        allow(q("arn:aws:iam::" + OTHER + ":root"), "[\"kms:Encrypt\",\"kms:Decrypt\",\"kms:DescribeKey\"]", null)));
    String keyArn = arn(id);
    assertEquals(noIdentityPolicy(bob, "Encrypt", keyArn), f.denied(bob, "Encrypt", encryptReq(keyArn)));
    f.ids.attach(bob, "use", policy(iam("Allow", "[\"kms:Encrypt\",\"kms:ScheduleKeyDeletion\"]", keyArn, null)));
    f.as(bob, "Encrypt", encryptReq(keyArn));
    assertEquals(noResourcePolicy(bob, "ScheduleKeyDeletion", keyArn),
        f.denied(bob, "ScheduleKeyDeletion", req("KeyId", keyArn)));
    // The other account's root is allowed by IAM in its own account.
    f.as(Principal.root(OTHER, "AKIAOTHER"), "DescribeKey", req("KeyId", keyArn));
    // A bare key id names a key of the caller's own account.
    assertEquals("NotFoundException", f.h.error(bob, "Encrypt", encryptReq(id)).code());
    // Administrative operations never reach another account's key, whatever its policy says.
    String open = f.key(policy(rootStatement(ACCOUNT), allow(q(OTHER), q("kms:*"), null)));
    f.ids.attach(bob, "admin", policy(iam("Allow", q("kms:*"), "*", null)));
    f.as(bob, "DescribeKey", req("KeyId", arn(open)));
    assertEquals(noResourcePolicy(bob, "DisableKey", arn(open)),
        f.denied(bob, "DisableKey", req("KeyId", arn(open))));
    assertEquals(noResourcePolicy(bob, "GetKeyPolicy", arn(open)),
        f.denied(bob, "GetKeyPolicy", req("KeyId", arn(open))));
    assertEquals(noResourcePolicy(bob, "ListAliases", arn(open)),
        f.denied(bob, "ListAliases", req("KeyId", arn(open))));
    f.ids.attach(carol, "all", policy(iam("Allow", q("kms:*"), "*", null)));
    assertEquals(noResourcePolicy(carol, "Encrypt", keyArn), f.denied(carol, "Encrypt", encryptReq(keyArn)));
  }

  @Test
  void viaServiceAndCallerAccount_allowOnlyThroughTheService() {
    String id = f.key(policy(rootStatement(ACCOUNT),
        allow(q("*"), "[\"kms:Encrypt\",\"kms:Decrypt\"]",
            "{\"StringEquals\":{\"kms:ViaService\":\"secretsmanager.us-east-1.amazonaws.com\","
                + "\"kms:CallerAccount\":\"" + ACCOUNT + "\"}}")));
    assertEquals(noIdentityPolicy(nobody, "Encrypt", arn(id)), f.denied(nobody, "Encrypt", encryptReq(id)));
    f.h.call(f.h.context(nobody, KmsHarness.REGION).onBehalfOf("secretsmanager"), "Encrypt", encryptReq(id));
    assertEquals("AccessDeniedException",
        assertThrowsApi(() -> f.h.call(f.h.context(nobody, KmsHarness.REGION).onBehalfOf("ssm"), "Encrypt",
            encryptReq(id))).code());
    Principal bob = f.ids.user(OTHER, "bob");
    f.ids.attach(bob, "all", policy(iam("Allow", q("kms:*"), "*", null)));
    assertEquals("AccessDeniedException",
        assertThrowsApi(() -> f.h.call(f.h.context(bob, KmsHarness.REGION).onBehalfOf("secretsmanager"),
            "Encrypt", encryptReq(arn(id)))).code());
  }

  @Test
  void awsManagedKey_isUsableOnlyThroughItsService() {
    String id = f.as(f.root, "DescribeKey", req("KeyId", "alias/aws/secretsmanager"))
        .get("KeyMetadata").get("KeyId").asText();
    assertEquals(noResourcePolicy(f.root, "Encrypt", arn(id)),
        f.denied(f.root, "Encrypt", encryptReq("alias/aws/secretsmanager")));
    f.ids.attach(alice, "sm", policy(iam("Allow", q("kms:Encrypt"), "*", null)));
    f.h.call(f.h.context(alice, KmsHarness.REGION).onBehalfOf("secretsmanager"), "Encrypt",
        encryptReq("alias/aws/secretsmanager"));
  }

  @Test
  void abac_principalTagMustEqualResourceTag() {
    String id = f.key(policy(rootStatement(ACCOUNT)));
    f.as(f.root, "TagResource", req("KeyId", id, "Tags", AuthzFixture.tags("team", "blue")));
    String abac = policy(iam("Allow", "[\"kms:Encrypt\",\"kms:Decrypt\"]", "*",
        "{\"StringEquals\":{\"aws:ResourceTag/team\":\"${aws:PrincipalTag/team}\"}}"));
    f.ids.attach(alice, "abac", abac);
    f.as(alice, "Encrypt", encryptReq(id));
    Principal red = f.ids.session(ACCOUNT, "app-role", "s1", Map.of("team", "red"));
    Principal blue = f.ids.session(ACCOUNT, "app-role", "s2", Map.of("team", "blue"));
    f.ids.attach(red, "abac", abac);
    assertEquals(noIdentityPolicy(red, "Encrypt", arn(id)), f.denied(red, "Encrypt", encryptReq(id)));
    f.as(blue, "Encrypt", encryptReq(id));
    f.ids.attach(nobody, "abac", abac);
    assertEquals(noIdentityPolicy(nobody, "Encrypt", arn(id)), f.denied(nobody, "Encrypt", encryptReq(id)));
  }

  @Test
  void roleArnInKeyPolicy_namesItsSessions() {
    Principal session = f.ids.session(ACCOUNT, "app-role", "worker", Map.of());
    String id = f.key(policy(allow(q("arn:aws:iam::" + ACCOUNT + ":role/app-role"), q("kms:Encrypt"), null)));
    f.as(session, "Encrypt", encryptReq(id));
    assertEquals(noResourcePolicy(alice, "Encrypt", arn(id)), f.denied(alice, "Encrypt", encryptReq(id)));
  }

  @Test
  void encryptionContextConditions() {
    String id = f.key(policy(rootStatement(ACCOUNT), allow(q(alice.arn()), q("kms:Decrypt"),
        "{\"StringEquals\":{\"kms:EncryptionContext:tenant\":\"acme\"}}"),
        allow(q(alice.arn()), q("kms:Encrypt"),
            "{\"ForAllValues:StringEquals\":{\"kms:EncryptionContextKeys\":[\"tenant\",\"purpose\"]},"
                + "\"Null\":{\"kms:EncryptionContextKeys\":\"false\"}}")));
    String acme = f.encryptAsRoot(id, Map.of("tenant", "acme"));
    String other = f.encryptAsRoot(id, Map.of("tenant", "other"));
    f.as(alice, "Decrypt", req("CiphertextBlob", acme, "EncryptionContext", Map.of("tenant", "acme")));
    assertEquals(noIdentityPolicy(alice, "Decrypt", arn(id)),
        f.denied(alice, "Decrypt", req("CiphertextBlob", other, "EncryptionContext", Map.of("tenant", "other"))));
    f.as(alice, "Encrypt", req("KeyId", id, "Plaintext", KmsHarness.b64("x"),
        "EncryptionContext", Map.of("tenant", "t", "purpose", "p")));
    assertEquals(noIdentityPolicy(alice, "Encrypt", arn(id)), f.denied(alice, "Encrypt", encryptReq(id)));
    assertEquals(noIdentityPolicy(alice, "Encrypt", arn(id)), f.denied(alice, "Encrypt",
        req("KeyId", id, "Plaintext", KmsHarness.b64("x"), "EncryptionContext", Map.of("extra", "e"))));
  }

  @Test
  void reEncrypt_needsReEncryptFromOnSourceAndReEncryptToOnDestination() {
    String a = f.key(policy(rootStatement(ACCOUNT), allow(q(alice.arn()), q("kms:ReEncryptFrom"), null)));
    String b = f.key(policy(rootStatement(ACCOUNT)));
    String blob = f.encryptAsRoot(a, Map.of());
    String reEncrypt = req("CiphertextBlob", blob, "DestinationKeyId", b);
    assertEquals(noIdentityPolicy(alice, "ReEncryptTo", arn(b)), f.denied(alice, "ReEncrypt", reEncrypt));
    assertEquals(noIdentityPolicy(alice, "ReEncryptTo", arn(a)),
        f.denied(alice, "ReEncrypt", req("CiphertextBlob", blob, "DestinationKeyId", a)));
    f.ids.attach(alice, "to", policy(iam("Allow", q("kms:ReEncryptTo"), arn(b), null)));
    f.as(alice, "ReEncrypt", reEncrypt);
    // kms:ReEncryptOnSameKey
    String same = f.key(policy(rootStatement(ACCOUNT), allow(q(alice.arn()), q("kms:ReEncrypt*"),
        "{\"Bool\":{\"kms:ReEncryptOnSameKey\":\"true\"}}")));
    String sameBlob = f.encryptAsRoot(same, Map.of());
    f.as(alice, "ReEncrypt", req("CiphertextBlob", sameBlob, "DestinationKeyId", same));
    assertEquals(noIdentityPolicy(alice, "ReEncryptFrom", arn(same)),
        f.denied(alice, "ReEncrypt", req("CiphertextBlob", sameBlob, "DestinationKeyId", b)));
  }

  @Test
  void identityOnlyActions_needAnIamAllow() {
    assertEquals(noIdentityPolicy(nobody, "CreateKey", "*"), f.denied(nobody, "CreateKey", "{}"));
    assertEquals(noIdentityPolicy(nobody, "ListKeys", "*"), f.denied(nobody, "ListKeys", "{}"));
    assertEquals(noIdentityPolicy(nobody, "ListAliases", "*"), f.denied(nobody, "ListAliases", "{}"));
    assertEquals(noIdentityPolicy(nobody, "GenerateRandom", "*"),
        f.denied(nobody, "GenerateRandom", req("NumberOfBytes", 16)));
    f.ids.attach(alice, "create", policy(iam("Allow", "[\"kms:CreateKey\",\"kms:List*\"]", "*",
        "{\"StringEquals\":{\"kms:KeySpec\":\"SYMMETRIC_DEFAULT\"}}")));
    f.as(alice, "CreateKey", "{}");
    assertEquals(noIdentityPolicy(alice, "CreateKey", "*"),
        f.denied(alice, "CreateKey", req("KeySpec", "RSA_2048", "KeyUsage", "SIGN_VERIFY")));
    assertEquals("User: " + alice.arn() + " is not authorized to perform: kms:TagResource because no"
            + " identity-based policy allows the kms:TagResource action",
        f.denied(alice, "CreateKey", req("Tags", AuthzFixture.tags("a", "b"))));
  }

  @Test
  void aliases_needPermissionOnTheAliasAndTheKey() {
    String id = f.key(policy(rootStatement(ACCOUNT)));
    String aliasArn = "arn:aws:kms:us-east-1:" + ACCOUNT + ":alias/app";
    f.ids.attach(alice, "key", policy(iam("Allow", q("kms:CreateAlias"), arn(id), null)));
    assertEquals(noIdentityPolicy(alice, "CreateAlias", aliasArn),
        f.denied(alice, "CreateAlias", req("AliasName", "alias/app", "TargetKeyId", id)));
    f.ids.attach(alice, "alias", policy(iam("Allow", "[\"kms:CreateAlias\",\"kms:DeleteAlias\"]",
        "arn:aws:kms:us-east-1:" + ACCOUNT + ":alias/app*", null)));
    f.as(alice, "CreateAlias", req("AliasName", "alias/app", "TargetKeyId", id));
    assertEquals(noIdentityPolicy(alice, "DeleteAlias", arn(id)),
        f.denied(alice, "DeleteAlias", req("AliasName", "alias/app")));
  }

  @Test
  void requestAliasAndResourceAliases() {
    String id = f.key(policy(rootStatement(ACCOUNT), allow(q(alice.arn()), q("kms:Encrypt"),
        "{\"StringEquals\":{\"kms:RequestAlias\":\"alias/app\"}}"),
        allow(q(alice.arn()), q("kms:DescribeKey"),
            "{\"ForAnyValue:StringLike\":{\"kms:ResourceAliases\":\"alias/finance-*\"}}")));
    f.as(f.root, "CreateAlias", req("AliasName", "alias/app", "TargetKeyId", id));
    f.as(alice, "Encrypt", encryptReq("alias/app"));
    f.as(alice, "Encrypt", encryptReq("arn:aws:kms:us-east-1:" + ACCOUNT + ":alias/app"));
    assertEquals(noIdentityPolicy(alice, "Encrypt", arn(id)), f.denied(alice, "Encrypt", encryptReq(id)));
    assertEquals(noIdentityPolicy(alice, "DescribeKey", arn(id)), f.denied(alice, "DescribeKey", req("KeyId", id)));
    f.as(f.root, "CreateAlias", req("AliasName", "alias/finance-app", "TargetKeyId", id));
    f.as(alice, "DescribeKey", req("KeyId", id));
    f.as(f.root, "DeleteAlias", req("AliasName", "alias/finance-app"));
    assertEquals(noIdentityPolicy(alice, "DescribeKey", arn(id)), f.denied(alice, "DescribeKey", req("KeyId", id)));
  }

  @Test
  void requestConditionKeys_ofAdministrativeOperations() {
    String id = f.key(policy(rootStatement(ACCOUNT), allow(q(alice.arn()), q("kms:ScheduleKeyDeletion"),
        "{\"NumericGreaterThanEquals\":{\"kms:ScheduleKeyDeletionPendingWindowInDays\":\"20\"}}"),
        allow(q(alice.arn()), q("kms:EnableKeyRotation"),
            "{\"NumericLessThanEquals\":{\"kms:RotationPeriodInDays\":\"180\"}}"),
        allow(q(alice.arn()), q("kms:TagResource"),
            "{\"ForAllValues:StringEquals\":{\"aws:TagKeys\":[\"team\"]},"
                + "\"StringEquals\":{\"aws:RequestTag/team\":\"blue\"}}")));
    assertEquals(noIdentityPolicy(alice, "ScheduleKeyDeletion", arn(id)),
        f.denied(alice, "ScheduleKeyDeletion", req("KeyId", id, "PendingWindowInDays", 7)));
    assertEquals(noIdentityPolicy(alice, "EnableKeyRotation", arn(id)),
        f.denied(alice, "EnableKeyRotation", req("KeyId", id)));
    f.as(alice, "EnableKeyRotation", req("KeyId", id, "RotationPeriodInDays", 90));
    f.as(alice, "TagResource", req("KeyId", id, "Tags", AuthzFixture.tags("team", "blue")));
    assertEquals(noIdentityPolicy(alice, "TagResource", arn(id)), f.denied(alice, "TagResource",
        req("KeyId", id, "Tags", AuthzFixture.tags("team", "red"))));
    f.as(alice, "ScheduleKeyDeletion", req("KeyId", id));
  }

  @Test
  void grants_allowTheirOperationsUnderTheirConstraints_butNotOverAnExplicitDeny() {
    String id = f.key(policy(rootStatement(ACCOUNT)));
    f.grants.add(id, nobody.arn(), List.of("Encrypt", "Decrypt"), Map.of("tenant", "acme"));
    String withContext = req("KeyId", id, "Plaintext", KmsHarness.b64("x"),
        "EncryptionContext", Map.of("tenant", "acme"));
    f.as(nobody, "Encrypt", withContext);
    assertEquals(noIdentityPolicy(nobody, "Encrypt", arn(id)), f.denied(nobody, "Encrypt", encryptReq(id)));
    assertEquals(noIdentityPolicy(nobody, "DescribeKey", arn(id)),
        f.denied(nobody, "DescribeKey", req("KeyId", id)));
    f.ids.attach(nobody, "deny", policy(iam("Deny", q("kms:*"), "*", null)));
    assertEquals(explicitDeny(nobody, "Encrypt", arn(id), "an identity-based"),
        f.denied(nobody, "Encrypt", withContext));
  }

  @Test
  void grantToTheAccount_needsTheCallersIamAllow() {
    String id = f.key(policy(allow(q(admin.arn()), q("kms:*"), null)));
    f.grants.add(id, AuthzFixture.ROOT_ARN, List.of("Encrypt"), null);
    assertEquals(noIdentityPolicy(nobody, "Encrypt", arn(id)), f.denied(nobody, "Encrypt", encryptReq(id)));
    f.ids.attach(alice, "use", policy(iam("Allow", q("kms:Encrypt"), "*", null)));
    f.as(alice, "Encrypt", encryptReq(id));
    f.as(f.root, "Encrypt", encryptReq(id));
  }

  private static io.keywarden.services.api.ApiException assertThrowsApi(Runnable r) {
    try {
      r.run();
    } catch (io.keywarden.services.api.ApiException e) {
      return e;
    }
    throw new AssertionError("no error");
  }
}

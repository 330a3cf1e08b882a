package io.keywarden.services.kms;

import static io.keywarden.services.kms.AuthzFixture.ACCOUNT;
import static io.keywarden.services.kms.AuthzFixture.allow;
import static io.keywarden.services.kms.AuthzFixture.arn;
import static io.keywarden.services.kms.AuthzFixture.iam;
import static io.keywarden.services.kms.AuthzFixture.noResourcePolicy;
import static io.keywarden.services.kms.AuthzFixture.policy;
import static io.keywarden.services.kms.AuthzFixture.q;
import static io.keywarden.services.kms.AuthzFixture.req;
import static io.keywarden.services.kms.AuthzFixture.rootStatement;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.keywarden.domain.identity.Principal;
import io.keywarden.services.api.ApiException;
import org.junit.jupiter.api.Test;

/** CreateKey and PutKeyPolicy: policy grammar, principals, size, and the lockout safety check. */
class KeyPolicyValidationTest {
  static final String LOCKOUT = "The new key policy will not allow you to update the key policy in the future.";

  private final AuthzFixture f = new AuthzFixture();
  private final Principal alice = f.ids.user(ACCOUNT, "alice");
  private final Principal admin = f.ids.user(ACCOUNT, "admin");

  private ApiException createKeyError(Principal p, String policy) {
    return f.h.error(p, "CreateKey", req("Policy", policy));
  }

  @Test
  void malformedPolicies_areRefusedWithAwsMessages() {
    assertEquals("MalformedPolicyDocumentException", createKeyError(f.root, "not json").code());
    ApiException principal = createKeyError(f.root, policy(rootStatement(ACCOUNT),
        allow(q("arn:aws:iam::" + ACCOUNT + ":user/ghost"), q("kms:*"), null)));
    assertEquals("MalformedPolicyDocumentException", principal.code());
    assertEquals("Policy contains a statement with one or more invalid principals.", principal.getMessage());
    assertEquals("Policy contains a statement with one or more invalid principals.",
        createKeyError(f.root, policy(allow(q("not-a-principal"), q("kms:*"), null))).getMessage());
    ApiException effect = createKeyError(f.root,
        "{\"Statement\":[{\"Effect\":\"Maybe\",\"Principal\":\"*\",\"Action\":\"kms:*\",\"Resource\":\"*\"}]}");
    assertEquals("MalformedPolicyDocumentException", effect.code());
    // Known users, roles and the account id are valid principals.
    f.as(f.root, "CreateKey", req("Policy", policy(rootStatement(ACCOUNT),
        allow("[" + q(alice.arn()) + "," + q(ACCOUNT) + "]", q("kms:Encrypt"), null))));
  }

  @Test
  void policiesOver32Kb_exceedTheLimit() {
    StringBuilder sid = new StringBuilder();
    while (sid.length() < KeyPolicyRules.MAX_BYTES) {
      sid.append("padding-");
    }
    String big = policy("{\"Sid\":\"" + sid + "\",\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\""
        + AuthzFixture.ROOT_ARN + "\"},\"Action\":\"kms:*\",\"Resource\":\"*\"}");
    assertEquals("LimitExceededException", createKeyError(f.root, big).code());
  }

  @Test
  void lockoutSafetyCheck_onCreateKey() {
    f.ids.attach(alice, "create", policy(iam("Allow", "[\"kms:CreateKey\",\"kms:PutKeyPolicy\"]", "*", null)));
    String adminsOnly = policy(allow(q(admin.arn()), q("kms:*"), null));
    ApiException e = createKeyError(alice, adminsOnly);
    assertEquals("MalformedPolicyDocumentException", e.code());
    assertEquals(LOCKOUT, e.getMessage());
    f.as(alice, "CreateKey", req("Policy", adminsOnly, "BypassPolicyLockoutSafetyCheck", true));
    // The root statement delegates to IAM, where alice may call PutKeyPolicy.
    f.as(alice, "CreateKey", req("Policy", policy(rootStatement(ACCOUNT))));
    // ...unless her IAM policy no longer allows it.
    f.ids.detachAll(alice);
    f.ids.attach(alice, "create", policy(iam("Allow", q("kms:CreateKey"), "*", null)));
    assertEquals(LOCKOUT, createKeyError(alice, policy(rootStatement(ACCOUNT))).getMessage());
  }

  @Test
  void lockoutSafetyCheck_onPutKeyPolicy_andBypassLocksOut() {
    String id = f.key(policy(rootStatement(ACCOUNT)));
    String adminsOnly = policy(allow(q(admin.arn()), q("kms:*"), null));
    ApiException e = f.h.error(f.root, "PutKeyPolicy", req("KeyId", id, "Policy", adminsOnly));
    assertEquals(LOCKOUT, e.getMessage());
    f.as(f.root, "PutKeyPolicy", req("KeyId", id, "Policy", adminsOnly, "BypassPolicyLockoutSafetyCheck", true));
    assertEquals(noResourcePolicy(f.root, "DescribeKey", arn(id)),
        f.denied(f.root, "DescribeKey", req("KeyId", id)));
    f.as(admin, "DescribeKey", req("KeyId", id));
  }

  @Test
  void statementsWithoutResource_haveNoEffect() {
    String noResource = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":"
        + "{\"AWS\":\"" + AuthzFixture.ROOT_ARN + "\"},\"Action\":\"kms:*\"}]}";
    String id = f.key(noResource);
    assertEquals(noResourcePolicy(f.root, "DescribeKey", arn(id)),
        f.denied(f.root, "DescribeKey", req("KeyId", id)));
  }

  @Test
  void statementsWithoutAction_areAcceptedAndHaveNoEffect() {
    String id = f.key(policy(rootStatement(ACCOUNT),
        "{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"" + alice.arn() + "\"},\"Resource\":\"*\"}"));
    assertEquals(AuthzFixture.noIdentityPolicy(alice, "DescribeKey", arn(id)),
        f.denied(alice, "DescribeKey", req("KeyId", id)));
  }

  @Test
  void bypassCondition_isAConditionKey() {
    String id = f.key(policy(rootStatement(ACCOUNT)));
    f.ids.attach(alice, "put", policy(iam("Allow", q("kms:PutKeyPolicy"), "*",
        "{\"Bool\":{\"kms:BypassPolicyLockoutSafetyCheck\":\"false\"}}")));
    f.as(alice, "PutKeyPolicy", req("KeyId", id, "Policy", policy(rootStatement(ACCOUNT))));
    assertEquals(AuthzFixture.noIdentityPolicy(alice, "PutKeyPolicy", arn(id)), f.denied(alice,
        "PutKeyPolicy", req("KeyId", id, "Policy", policy(rootStatement(ACCOUNT)),
            "BypassPolicyLockoutSafetyCheck", true)));
  }
}

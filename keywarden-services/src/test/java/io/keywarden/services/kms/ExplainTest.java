package io.keywarden.services.kms;

import static io.keywarden.services.kms.AuthzFixture.ACCOUNT;
import static io.keywarden.services.kms.AuthzFixture.allow;
import static io.keywarden.services.kms.AuthzFixture.arn;
import static io.keywarden.services.kms.AuthzFixture.iam;
import static io.keywarden.services.kms.AuthzFixture.noIdentityPolicy;
import static io.keywarden.services.kms.AuthzFixture.policy;
import static io.keywarden.services.kms.AuthzFixture.q;
import static io.keywarden.services.kms.AuthzFixture.rootStatement;
import static io.keywarden.services.kms.AuthzFixture.statement;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.keywarden.domain.identity.Principal;
import io.keywarden.services.kms.KmsService.Explanation;
import io.keywarden.services.kms.access.Decision;
import io.keywarden.services.kms.access.Decision.Outcome;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** KmsService.explain: the decision and the statements and grant that made it. */
class ExplainTest {
  private final AuthzFixture f = new AuthzFixture();
  private final Principal alice = f.ids.user(ACCOUNT, "alice");

  private Explanation explain(Principal p, String keyId, String action, Map<String, String> context) {
    return f.h.kms.explain(f.h.context(p, KmsHarness.REGION), keyId, action, context, Map.of());
  }

  private static List<String> sources(Decision d) {
    return d.basis().stream().map(b -> b.source() + "#" + b.statement() + ":" + b.effect()).toList();
  }

  @Test
  void delegatedAllow_namesTheKeyPolicyAndIdentityStatements() {
    String id = f.key(policy(rootStatement(ACCOUNT)));
    f.ids.attach(alice, "use", policy(iam("Allow", q("kms:Encrypt"), "*", null)));
    Explanation e = explain(alice, id, "kms:Encrypt", Map.of());
    assertEquals(Outcome.ALLOWED_BY_KEY_POLICY_AND_IDENTITY_POLICY, e.decision().outcome());
    assertEquals(List.of("key policy#0:Allow", "identity policy use#0:Allow"), sources(e.decision()));
    assertEquals("Enable IAM User Permissions", e.decision().basis().get(0).sid());
    assertNull(e.deniedMessage());
    assertEquals(arn(id), e.resource());
  }

  @Test
  void denial_carriesAwsMessageAndTheDenyingStatement() {
    String id = f.key(policy(rootStatement(ACCOUNT), statement("Deny", q(alice.arn()), q("kms:Decrypt"),
        "{\"StringEquals\":{\"kms:EncryptionContext:tenant\":\"acme\"}}")));
    Explanation denied = explain(alice, id, "Decrypt", Map.of("tenant", "acme"));
    assertEquals(Outcome.DENIED_EXPLICITLY_BY_KEY_POLICY, denied.decision().outcome());
    assertEquals(List.of("key policy#0:Allow", "key policy#1:Deny"), sources(denied.decision()));
    Explanation noIam = explain(alice, id, "Decrypt", Map.of("tenant", "other"));
    assertEquals(noIdentityPolicy(alice, "Decrypt", arn(id)), noIam.deniedMessage());
  }

  @Test
  void grantsAndIdentityOnlyActions() {
    String id = f.key(policy(allow(q(ACCOUNT), q("kms:DescribeKey"), null)));
    String grantId = f.grants.add(id, alice.arn(), List.of("Encrypt"), null).grantId();
    Explanation byGrant = explain(alice, id, "Encrypt", Map.of());
    assertEquals(Outcome.ALLOWED_BY_GRANT, byGrant.decision().outcome());
    assertEquals(grantId, byGrant.decision().grantId());
    Explanation createKey = explain(alice, null, "kms:CreateKey", Map.of());
    assertEquals(Outcome.DENIED_NO_IDENTITY_POLICY_ALLOWS, createKey.decision().outcome());
    assertEquals("*", createKey.resource());
    assertEquals(Outcome.ALLOWED_BY_IDENTITY_POLICY, explain(f.root, null, "CreateKey", Map.of()).decision().outcome());
  }
}

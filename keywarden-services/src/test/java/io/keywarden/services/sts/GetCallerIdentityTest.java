package io.keywarden.services.sts;

import static io.keywarden.services.sts.StsHarness.ACCOUNT;
import static io.keywarden.services.sts.StsHarness.ASSUME;
import static io.keywarden.services.sts.StsHarness.allow;
import static io.keywarden.services.sts.StsHarness.as;
import static io.keywarden.services.sts.StsHarness.q;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.keywarden.domain.identity.IamRole;
import io.keywarden.domain.identity.IamUser;
import io.keywarden.domain.identity.Principal;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** GetCallerIdentity as AWS answers it for the root, a user and an assumed-role session. */
class GetCallerIdentityTest {
  private final StsHarness h = new StsHarness();

  private ObjectNode identity(Principal p) {
    return h.call(p, "GetCallerIdentity", "{}");
  }

  @Test
  void root_user_andSession() {
    ObjectNode root = identity(Principal.root(ACCOUNT, "AKIAROOT"));
    assertEquals(ACCOUNT, root.get("UserId").asText());
    assertEquals(ACCOUNT, root.get("Account").asText());
    assertEquals("arn:aws:iam::" + ACCOUNT + ":root", root.get("Arn").asText());

    IamUser alice = h.user(ACCOUNT, "alice", Map.of());
    ObjectNode user = identity(as(alice));
    assertEquals(alice.userId(), user.get("UserId").asText());
    assertEquals("arn:aws:iam::" + ACCOUNT + ":user/alice", user.get("Arn").asText());

    IamRole role = h.role(ACCOUNT, "app", 3600, allow(q(alice.arn()), ASSUME));
    Principal session = h.assume(as(alice),
        "{\"RoleArn\":\"" + role.arn() + "\",\"RoleSessionName\":\"me@example.com\"}");
    ObjectNode s = identity(session);
    assertEquals(role.roleId() + ":me@example.com", s.get("UserId").asText());
    assertEquals(ACCOUNT, s.get("Account").asText());
    assertEquals("arn:aws:sts::" + ACCOUNT + ":assumed-role/app/me@example.com", s.get("Arn").asText());
  }

  @Test
  void otherOperations_answerInvalidAction() {
    assertEquals("InvalidAction", h.sts.notImplemented("GetSessionToken").code());
  }
}

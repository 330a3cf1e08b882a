package io.keywarden.services.kms.access;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.keywarden.domain.identity.Principal;
import io.keywarden.domain.identity.PrincipalType;
import io.keywarden.services.api.CallContext;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The global condition keys for each kind of caller, directly and through a service. */
class GlobalConditionKeysTest {
  private static final Instant AT = Instant.parse("2026-03-01T12:34:56.789Z");

  private static CallContext call(Principal p) {
    return new CallContext(p, "eu-west-1", "req", "203.0.113.7", "ua", true, AT);
  }

  private static List<String> v(CallContext c, String key) {
    return GlobalConditionKeys.values(c, key);
  }

  @Test
  void root() {
    CallContext c = call(Principal.root("111122223333", "AKIA"));
    assertEquals(List.of("arn:aws:iam::111122223333:root"), v(c, "aws:principalarn"));
    assertEquals(List.of("Account"), v(c, "aws:principaltype"));
    assertEquals(List.of("111122223333"), v(c, "aws:userid"));
    assertNull(v(c, "aws:username"));
    assertEquals(List.of("203.0.113.7"), v(c, "aws:sourceip"));
    assertEquals(List.of("true"), v(c, "aws:securetransport"));
    assertEquals(List.of("2026-03-01T12:34:56Z"), v(c, "aws:currenttime"));
    assertEquals(List.of(Long.toString(AT.getEpochSecond())), v(c, "aws:epochtime"));
    assertEquals(List.of("eu-west-1"), v(c, "aws:requestedregion"));
    assertEquals(List.of("false"), v(c, "aws:viaawsservice"));
    assertEquals(List.of("false"), v(c, "aws:principalisawsservice"));
    assertNull(v(c, "aws:calledvia"));
    assertNull(v(c, "aws:unknown"));
  }

  @Test
  void userAndSession() {
    Principal user = new Principal(PrincipalType.IAMUser, "111122223333",
        "arn:aws:iam::111122223333:user/alice", "AIDAALICE", "AKIA", "alice", null,
        Map.of("Team", "blue"), Set.of());
    CallContext u = call(user);
    assertEquals(List.of("User"), v(u, "aws:principaltype"));
    assertEquals(List.of("alice"), v(u, "aws:username"));
    assertEquals(List.of("blue"), v(u, "aws:principaltag/team"));
    assertNull(v(u, "aws:principaltag/other"));
    Principal session = new Principal(PrincipalType.AssumedRole, "111122223333",
        "arn:aws:sts::111122223333:assumed-role/app/s1", "AROAAPP:s1", "ASIA", null,
        "arn:aws:iam::111122223333:role/app", Map.of(), Set.of());
    CallContext s = call(session);
    assertEquals(List.of("arn:aws:iam::111122223333:role/app"), v(s, "aws:principalarn"));
    assertEquals(List.of("AssumedRole"), v(s, "aws:principaltype"));
    assertEquals(List.of("AROAAPP:s1"), v(s, "aws:userid"));
  }

  @Test
  void throughAService() {
    CallContext c = call(Principal.root("111122223333", "AKIA")).onBehalfOf("secretsmanager");
    assertEquals(List.of("true"), v(c, "aws:viaawsservice"));
    assertEquals(List.of("secretsmanager.amazonaws.com"), v(c, "aws:calledvia"));
    assertEquals(List.of("secretsmanager.amazonaws.com"), v(c, "aws:calledviafirst"));
    assertNull(v(c, "aws:sourceip"));
  }
}

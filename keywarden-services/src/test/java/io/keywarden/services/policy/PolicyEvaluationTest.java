package io.keywarden.services.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.keywarden.domain.policy.Caller;
import io.keywarden.domain.policy.Effect;
import io.keywarden.domain.policy.PolicyDocument;
import io.keywarden.domain.policy.PolicyEvaluator;
import io.keywarden.domain.policy.PrincipalMatch;
import io.keywarden.domain.policy.RequestContext;
import io.keywarden.domain.policy.StatementMatch;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** The policy language against AWS's documented semantics, one concern per test. */
class PolicyEvaluationTest {
  static final String KEY = "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab";
  static final Caller ALICE = Caller.user("111122223333", "arn:aws:iam::111122223333:user/alice");

  static String result(String policy, PolicyParser.Kind kind, Caller caller, String action,
      Consumer<RequestContext.Builder> context) throws Exception {
    PolicyDocument doc = PolicyParser.parse(policy, kind);
    RequestContext.Builder b = RequestContext.builder(caller, action, KEY);
    context.accept(b);
    List<StatementMatch> m = PolicyEvaluator.matches(doc, b.build());
    if (m.stream().anyMatch(s -> s.effect() == Effect.Deny)) {
      return "Deny";
    }
    return m.isEmpty() ? "Implicit" : "Allow";
  }

  static String identity(String statements, String action, Consumer<RequestContext.Builder> ctx) throws Exception {
    return result("{\"Version\":\"2012-10-17\",\"Statement\":[" + statements + "]}",
        PolicyParser.Kind.IDENTITY, ALICE, action, ctx);
  }

  static String allowIf(String condition, Consumer<RequestContext.Builder> ctx) throws Exception {
    return identity("{\"Effect\":\"Allow\",\"Action\":\"kms:Decrypt\",\"Resource\":\"*\",\"Condition\":"
        + condition + "}", "kms:Decrypt", ctx);
  }

  @Test
  void actions_matchCaseInsensitivelyWithWildcards() throws Exception {
    String p = "{\"Effect\":\"Allow\",\"Action\":[\"kms:Encrypt\",\"kms:GenerateDataKey*\"],\"Resource\":\"*\"}";
    assertEquals("Allow", identity(p, "kms:encrypt", b -> {}));
    assertEquals("Allow", identity(p, "kms:GenerateDataKeyWithoutPlaintext", b -> {}));
    assertEquals("Implicit", identity(p, "kms:Decrypt", b -> {}));
    String not = "{\"Effect\":\"Allow\",\"NotAction\":\"kms:Schedule*\",\"Resource\":\"*\"}";
    assertEquals("Allow", identity(not, "kms:Decrypt", b -> {}));
    assertEquals("Implicit", identity(not, "kms:ScheduleKeyDeletion", b -> {}));
  }

  @Test
  void explicitDeny_winsRegardlessOfOrder() throws Exception {
    String allow = "{\"Effect\":\"Allow\",\"Action\":\"kms:*\",\"Resource\":\"*\"}";
    String deny = "{\"Effect\":\"Deny\",\"Action\":\"kms:Decrypt\",\"Resource\":\"*\"}";
    assertEquals("Deny", identity(allow + "," + deny, "kms:Decrypt", b -> {}));
    assertEquals("Deny", identity(deny + "," + allow, "kms:Decrypt", b -> {}));
    assertEquals("Allow", identity(deny + "," + allow, "kms:Encrypt", b -> {}));
  }

  @Test
  void resources_matchArnsPerSegmentAndNotResource() throws Exception {
    assertEquals("Allow", identity("{\"Effect\":\"Allow\",\"Action\":\"kms:*\",\"Resource\":"
        + "\"arn:aws:kms:*:111122223333:key/*\"}", "kms:Encrypt", b -> {}));
    assertEquals("Implicit", identity("{\"Effect\":\"Allow\",\"Action\":\"kms:*\",\"Resource\":"
        + "\"arn:aws:kms:*:444455556666:key/*\"}", "kms:Encrypt", b -> {}));
    assertEquals("Implicit", identity("{\"Effect\":\"Allow\",\"Action\":\"kms:*\",\"NotResource\":"
        + "\"arn:aws:kms:us-east-1:111122223333:key/*\"}", "kms:Encrypt", b -> {}));
  }

  @Test
  void stringConditions_absentKeysAndNegation() throws Exception {
    String eq = "{\"StringEquals\":{\"kms:EncryptionContext:app\":\"orders\"}}";
    assertEquals("Allow", allowIf(eq, b -> b.put("kms:EncryptionContext:app", "orders")));
    assertEquals("Implicit", allowIf(eq, b -> b.put("kms:EncryptionContext:app", "Orders")));
    assertEquals("Implicit", allowIf(eq, b -> {}));
    String ignoreCase = "{\"StringEqualsIgnoreCase\":{\"kms:EncryptionContext:app\":\"ORDERS\"}}";
    assertEquals("Allow", allowIf(ignoreCase, b -> b.put("kms:encryptioncontext:APP", "orders")));
    String notEq = "{\"StringNotEquals\":{\"kms:EncryptionContext:app\":\"orders\"}}";
    assertEquals("Allow", allowIf(notEq, b -> {}));
    assertEquals("Implicit", allowIf(notEq, b -> b.put("kms:EncryptionContext:app", "orders")));
    String like = "{\"StringLike\":{\"kms:ViaService\":\"secretsmanager.*.amazonaws.com\"}}";
    assertEquals("Allow", allowIf(like, b -> b.put("kms:ViaService", "secretsmanager.us-east-1.amazonaws.com")));
    String ifExists = "{\"StringEqualsIfExists\":{\"kms:EncryptionContext:app\":\"orders\"}}";
    assertEquals("Allow", allowIf(ifExists, b -> {}));
    assertEquals("Implicit", allowIf(ifExists, b -> b.put("kms:EncryptionContext:app", "x")));
  }

  @Test
  void setQualifiers_followTheMultivaluedRules() throws Exception {
    String forAll = "{\"ForAllValues:StringEquals\":{\"kms:EncryptionContextKeys\":[\"app\",\"tenant\"]}}";
    assertEquals("Allow", allowIf(forAll, b -> b.putAll("kms:EncryptionContextKeys", List.of("app"))));
    assertEquals("Implicit", allowIf(forAll, b -> b.putAll("kms:EncryptionContextKeys", List.of("app", "x"))));
    assertEquals("Allow", allowIf(forAll, b -> {}));
    String forAny = "{\"ForAnyValue:StringEquals\":{\"kms:EncryptionContextKeys\":\"app\"}}";
    assertEquals("Allow", allowIf(forAny, b -> b.putAll("kms:EncryptionContextKeys", List.of("x", "app"))));
    assertEquals("Implicit", allowIf(forAny, b -> {}));
    String forAllNot = "{\"ForAllValues:StringNotEquals\":{\"aws:TagKeys\":\"secret\"}}";
    assertEquals("Allow", allowIf(forAllNot, b -> b.putAll("aws:TagKeys", List.of("a", "b"))));
    assertEquals("Implicit", allowIf(forAllNot, b -> b.putAll("aws:TagKeys", List.of("a", "secret"))));
  }

  @Test
  void nullNumericDateBoolIpArnBinary() throws Exception {
    assertEquals("Allow", allowIf("{\"Null\":{\"kms:EncryptionContextKeys\":\"false\"}}",
        b -> b.putAll("kms:EncryptionContextKeys", List.of("a"))));
    assertEquals("Implicit", allowIf("{\"Null\":{\"kms:EncryptionContextKeys\":\"false\"}}", b -> {}));
    assertEquals("Allow", allowIf("{\"NumericLessThanEquals\":{\"kms:ScheduleKeyDeletionPendingWindowInDays\":\"10\"}}",
        b -> b.put("kms:ScheduleKeyDeletionPendingWindowInDays", "7")));
    assertEquals("Implicit", allowIf("{\"NumericGreaterThan\":{\"kms:RotationPeriodInDays\":\"365\"}}",
        b -> b.put("kms:RotationPeriodInDays", "90")));
    assertEquals("Allow", allowIf("{\"DateLessThan\":{\"aws:CurrentTime\":\"2030-01-01T00:00:00Z\"}}",
        b -> b.put("aws:CurrentTime", "2026-11-22T08:00:00Z")));
    assertEquals("Allow", allowIf("{\"Bool\":{\"aws:SecureTransport\":\"true\"}}",
        b -> b.put("aws:SecureTransport", "true")));
    assertEquals("Implicit", allowIf("{\"Bool\":{\"aws:SecureTransport\":\"true\"}}",
        b -> b.put("aws:SecureTransport", "false")));
    assertEquals("Allow", allowIf("{\"IpAddress\":{\"aws:SourceIp\":[\"203.0.113.0/24\",\"2001:db8::/32\"]}}",
        b -> b.put("aws:SourceIp", "2001:db8::7")));
    assertEquals("Implicit", allowIf("{\"IpAddress\":{\"aws:SourceIp\":\"203.0.113.0/24\"}}",
        b -> b.put("aws:SourceIp", "198.51.100.7")));
    assertEquals("Allow", allowIf("{\"NotIpAddress\":{\"aws:SourceIp\":\"203.0.113.0/24\"}}",
        b -> b.put("aws:SourceIp", "198.51.100.7")));
    assertEquals("Allow", allowIf("{\"ArnLike\":{\"aws:PrincipalArn\":\"arn:aws:iam::111122223333:role/app-*\"}}",
        b -> b.put("aws:PrincipalArn", "arn:aws:iam::111122223333:role/app-orders")));
    assertEquals("Allow", allowIf("{\"BinaryEquals\":{\"x:blob\":\"AQID\"}}", b -> b.put("x:blob", "AQID")));
  }

  @Test
  void policyVariables_substituteWithDefaultsAndEscapes() throws Exception {
    String abac = "{\"StringEquals\":{\"aws:ResourceTag/team\":\"${aws:PrincipalTag/team}\"}}";
    assertEquals("Allow", allowIf(abac, b -> b.put("aws:ResourceTag/team", "blue").put("aws:PrincipalTag/team", "blue")));
    assertEquals("Implicit", allowIf(abac, b -> b.put("aws:ResourceTag/team", "blue").put("aws:PrincipalTag/team", "red")));
    assertEquals("Implicit", allowIf(abac, b -> b.put("aws:ResourceTag/team", "blue")));
    String fallback = "{\"StringEquals\":{\"aws:ResourceTag/team\":\"${aws:PrincipalTag/team, 'none'}\"}}";
    assertEquals("Allow", allowIf(fallback, b -> b.put("aws:ResourceTag/team", "none")));
    String escaped = "{\"StringLike\":{\"x:k\":\"a${*}\"}}";
    assertEquals("Allow", allowIf(escaped, b -> b.put("x:k", "a*")));
    assertEquals("Implicit", allowIf(escaped, b -> b.put("x:k", "abc")));
    String old = "{\"Version\":\"2008-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"kms:*\","
        + "\"Resource\":\"*\",\"Condition\":{\"StringEquals\":{\"x:k\":\"${aws:username}\"}}}]}";
    assertEquals("Allow", result(old, PolicyParser.Kind.IDENTITY, ALICE, "kms:Decrypt",
        b -> b.put("x:k", "${aws:username}").put("aws:username", "alice")));
  }

  @Test
  void principals_matchSpecificAccountAndEveryone() throws Exception {
    String keyPolicy = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":"
        + "{\"AWS\":\"%s\"},\"Action\":\"kms:*\",\"Resource\":\"*\"}]}";
    Caller session = Caller.session("111122223333",
        "arn:aws:sts::111122223333:assumed-role/app/s1", "arn:aws:iam::111122223333:role/app");
    assertEquals(PrincipalMatch.ACCOUNT, principalOf(String.format(keyPolicy, "arn:aws:iam::111122223333:root"), ALICE));
    assertEquals(PrincipalMatch.ACCOUNT, principalOf(String.format(keyPolicy, "111122223333"), ALICE));
    assertEquals(PrincipalMatch.SPECIFIC, principalOf(String.format(keyPolicy, "arn:aws:iam::111122223333:root"),
        Caller.root("111122223333")));
    assertEquals(PrincipalMatch.SPECIFIC, principalOf(String.format(keyPolicy, "arn:aws:iam::111122223333:role/app"), session));
    assertEquals(PrincipalMatch.EVERYONE, principalOf(String.format(keyPolicy, "*"), session));
    assertEquals(null, principalOf(String.format(keyPolicy, "arn:aws:iam::444455556666:root"), ALICE));
  }

  private static PrincipalMatch principalOf(String policy, Caller caller) throws Exception {
    List<StatementMatch> m = PolicyEvaluator.matches(PolicyParser.parse(policy, PolicyParser.Kind.RESOURCE),
        RequestContext.builder(caller, "kms:Encrypt", KEY).build());
    return m.isEmpty() ? null : m.get(0).principal();
  }

  @Test
  void malformedDocuments_areRefusedWithReasons() {
    assertThrows(PolicyParseException.class, () -> PolicyParser.parse("not json", PolicyParser.Kind.RESOURCE));
    assertThrows(PolicyParseException.class, () -> PolicyParser.parse(
        "{\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"kms:*\",\"Resource\":\"*\"}]}", PolicyParser.Kind.RESOURCE));
    PolicyParseException bad = assertThrows(PolicyParseException.class, () -> PolicyParser.parse(
        "{\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"bob\"},\"Action\":\"kms:*\",\"Resource\":\"*\"}]}",
        PolicyParser.Kind.RESOURCE));
    assertEquals("Policy contains a statement with one or more invalid principals.", bad.getMessage());
    assertThrows(PolicyParseException.class, () -> PolicyParser.parse(
        "{\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":\"*\",\"Action\":\"kms:*\",\"Resource\":\"*\","
            + "\"Condition\":{\"StringEqualz\":{\"a\":\"b\"}}}]}", PolicyParser.Kind.RESOURCE));
    assertThrows(PolicyParseException.class, () -> PolicyParser.parse(
        "{\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":\"*\",\"Action\":\"kms:*\",\"Resource\":\"*\","
            + "\"Condition\":{\"IpAddress\":{\"aws:SourceIp\":\"not-an-ip\"}}}]}", PolicyParser.Kind.RESOURCE));
  }
}

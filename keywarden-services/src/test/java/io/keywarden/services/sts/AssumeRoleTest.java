package io.keywarden.services.sts;

import static io.keywarden.services.sts.StsHarness.ACCOUNT;
import static io.keywarden.services.sts.StsHarness.ASSUME;
import static io.keywarden.services.sts.StsHarness.ASSUME_AND_TAG;
import static io.keywarden.services.sts.StsHarness.OTHER_ACCOUNT;
import static io.keywarden.services.sts.StsHarness.allow;
import static io.keywarden.services.sts.StsHarness.as;
import static io.keywarden.services.sts.StsHarness.iamAllow;
import static io.keywarden.services.sts.StsHarness.q;
import static io.keywarden.services.sts.StsHarness.roleArn;
import static io.keywarden.services.sts.StsHarness.statement;
import static io.keywarden.services.sts.StsHarness.userArn;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.keywarden.domain.identity.IamRole;
import io.keywarden.domain.identity.IamUser;
import io.keywarden.domain.identity.Principal;
import io.keywarden.domain.identity.PrincipalType;
import io.keywarden.domain.key.Tag;
import io.keywarden.services.api.ApiException;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** AssumeRole against roles' trust policies and callers' IAM policies, as AWS decides it. */
class AssumeRoleTest {
  private final StsHarness h = new StsHarness();

  private static String assumeJson(String roleArn, String session, String extra) {
    return "{\"RoleArn\":\"" + roleArn + "\",\"RoleSessionName\":\"" + session + "\""
        + (extra == null ? "" : "," + extra) + "}";
  }

  private static void assertDenied(ApiException e, String callerArn, String action, String roleArn) {
    assertEquals("AccessDenied", e.code());
    assertEquals("User: " + callerArn + " is not authorized to perform: " + action + " on resource: "
        + roleArn, e.getMessage());
  }

  @Test
  void trustNamingTheUser_isEnoughInTheSameAccount() {
    IamUser alice = h.user(ACCOUNT, "alice", Map.of());
    IamRole role = h.role(ACCOUNT, "app", 3600, allow(q(alice.arn()), ASSUME));
    ObjectNode out = h.call(as(alice), "AssumeRole", assumeJson(role.arn(), "s1", null));

    ObjectNode c = (ObjectNode) out.get("Credentials");
    assertTrue(c.get("AccessKeyId").asText().startsWith("ASIA"));
    assertEquals(40, c.get("SecretAccessKey").asText().length());
    assertFalse(c.get("SessionToken").asText().isEmpty());
    assertEquals(Instant.parse("2026-05-01T13:00:00Z").getEpochSecond(), c.get("Expiration").asLong(),
        "one hour by default");
    assertEquals(role.roleId() + ":s1", out.get("AssumedRoleUser").get("AssumedRoleId").asText());
    assertEquals("arn:aws:sts::" + ACCOUNT + ":assumed-role/app/s1",
        out.get("AssumedRoleUser").get("Arn").asText());
    assertNull(out.get("PackedPolicySize"), "AWS leaves it out without session policies or tags");
  }

  @Test
  void trustNamingTheAccount_needsAnIamAllowToo() {
    IamUser nobody = h.user(ACCOUNT, "nobody", Map.of());
    IamUser allowed = h.user(ACCOUNT, "allowed", iamAllow(ASSUME, roleArn(ACCOUNT, "app")));
    IamRole role = h.role(ACCOUNT, "app", 3600, allow(q("arn:aws:iam::" + ACCOUNT + ":root"), ASSUME));

    assertDenied(h.error(as(nobody), "AssumeRole", assumeJson(role.arn(), "s", null)),
        nobody.arn(), "sts:AssumeRole", role.arn());
    assertEquals("arn:aws:sts::" + ACCOUNT + ":assumed-role/app/s",
        h.assume(as(allowed), assumeJson(role.arn(), "s", null)).arn());
  }

  @Test
  void iamAllowAlone_isNotEnough_theTrustPolicyMustAllow() {
    IamUser alice = h.user(ACCOUNT, "alice", iamAllow(ASSUME, "*"));
    IamRole role = h.role(ACCOUNT, "locked", 3600, allow(q(userArn(ACCOUNT, "someone-else")), ASSUME));
    assertDenied(h.error(as(alice), "AssumeRole", assumeJson(role.arn(), "s", null)),
        alice.arn(), "sts:AssumeRole", role.arn());
  }

  @Test
  void explicitDeny_inIamPolicyOrTrustPolicy_wins() {
    IamUser denied = h.user(ACCOUNT, "denied", Map.of("deny",
        "{\"Statement\":[{\"Effect\":\"Deny\",\"Action\":\"sts:*\",\"Resource\":\"*\"}]}"));
    IamUser bob = h.user(ACCOUNT, "bob", Map.of());
    IamRole role = h.role(ACCOUNT, "app", 3600,
        allow("[" + q(denied.arn()) + "," + q(bob.arn()) + "]", ASSUME) + ","
            + statement("Deny", q(bob.arn()), ASSUME, null));
    assertDenied(h.error(as(denied), "AssumeRole", assumeJson(role.arn(), "s", null)),
        denied.arn(), "sts:AssumeRole", role.arn());
    assertDenied(h.error(as(bob), "AssumeRole", assumeJson(role.arn(), "s", null)),
        bob.arn(), "sts:AssumeRole", role.arn());
  }

  @Test
  void missingRole_isRefusedLikeAForbiddenOne() {
    IamUser alice = h.user(ACCOUNT, "alice", iamAllow(ASSUME, "*"));
    String missing = roleArn(ACCOUNT, "missing");
    assertDenied(h.error(as(alice), "AssumeRole", assumeJson(missing, "s", null)),
        alice.arn(), "sts:AssumeRole", missing);
    String notARole = userArn(ACCOUNT, "alice");
    assertDenied(h.error(as(alice), "AssumeRole", assumeJson(notARole, "s", null)),
        alice.arn(), "sts:AssumeRole", notARole);
  }

  @Test
  void accountRoot_mayNotAssumeRoles() {
    IamRole role = h.role(ACCOUNT, "app", 3600, allow(q("*"), ASSUME));
    ApiException e = h.error(Principal.root(ACCOUNT, "AKIAROOT"), "AssumeRole",
        assumeJson(role.arn(), "s", null));
    assertEquals("AccessDenied", e.code());
    assertEquals("Roles may not be assumed by root accounts.", e.getMessage());
  }

  @Test
  void malformedRoleArn_isAValidationError() {
    IamUser alice = h.user(ACCOUNT, "alice", Map.of());
    // AWS's answers, as recorded.
    for (String arn : new String[] {"nothing-valid-in-here", "arn::b:::something/test-role",
        "arn:a::::something/test-role", "arn:a:::something/test-role", "arn:a:a::aaaaaaaaaa:"}) {
      ApiException e = h.error(as(alice), "AssumeRole", assumeJson(arn, "s", null));
      assertEquals("ValidationError", e.code(), arn);
      assertEquals(arn + " is invalid", e.getMessage());
    }
  }

  @Test
  void crossAccount_needsTheTrustPolicyAndTheCallersIamPolicy() {
    IamUser outsider = h.user(OTHER_ACCOUNT, "outsider", Map.of());
    IamUser partner = h.user(OTHER_ACCOUNT, "partner", iamAllow(ASSUME, roleArn(ACCOUNT, "shared")));
    IamUser stranger = h.user(OTHER_ACCOUNT, "stranger", iamAllow(ASSUME, "*"));
    IamRole role = h.role(ACCOUNT, "shared", 3600,
        allow("[" + q(outsider.arn()) + "," + q(partner.arn()) + "]", ASSUME));

    assertDenied(h.error(as(outsider), "AssumeRole", assumeJson(role.arn(), "x", null)),
        outsider.arn(), "sts:AssumeRole", role.arn());
    Principal session = h.assume(as(partner), assumeJson(role.arn(), "x", null));
    assertEquals(ACCOUNT, session.accountId(), "the session belongs to the role's account");
    assertDenied(h.error(as(stranger), "AssumeRole", assumeJson(role.arn(), "x", null)),
        stranger.arn(), "sts:AssumeRole", role.arn());
  }

  @Test
  void sessionTags_needTagSession_andBecomePrincipalTags() {
    IamUser alice = h.user(ACCOUNT, "alice", Map.of());
    IamRole noTagging = h.role(ACCOUNT, "plain", 3600, allow(q(alice.arn()), ASSUME),
        new Tag("team", "ops"));
    IamRole tagging = h.role(ACCOUNT, "tagging", 3600, allow(q(alice.arn()), ASSUME_AND_TAG),
        new Tag("team", "ops"), new Tag("tier", "1"));
    String tags = "\"Tags\":[{\"Key\":\"Team\",\"Value\":\"blue\"},{\"Key\":\"cost\",\"Value\":\"42\"}]";

    assertDenied(h.error(as(alice), "AssumeRole", assumeJson(noTagging.arn(), "s", tags)),
        alice.arn(), "sts:TagSession", noTagging.arn());
    assertEquals(Map.of("team", "ops"),
        h.assume(as(alice), assumeJson(noTagging.arn(), "s", null)).tags(), "the role's tags");

    ObjectNode out = h.call(as(alice), "AssumeRole", assumeJson(tagging.arn(), "s", tags));
    assertTrue(out.get("PackedPolicySize").asInt() > 0);
    Principal session = h.assume(as(alice), assumeJson(tagging.arn(), "s", tags));
    assertEquals(Map.of("Team", "blue", "cost", "42", "tier", "1"), session.tags(),
        "session tags override role tags, keys compared without case");
  }

  @Test
  void trustConditions_seeRequestTagsPrincipalTagsAndStsKeys() {
    IamUser blue = h.user(ACCOUNT, "blue", Map.of(), new Tag("team", "blue"));
    IamUser red = h.user(ACCOUNT, "red", Map.of(), new Tag("team", "red"));
    String condition = "{\"StringEquals\":{\"aws:RequestTag/team\":\"${aws:PrincipalTag/team}\","
        + "\"sts:ExternalId\":\"ext-1\"},\"StringLike\":{\"sts:RoleSessionName\":\"${aws:username}-*\"},"
        + "\"ForAllValues:StringEquals\":{\"aws:TagKeys\":[\"team\"]}}";
    IamRole role = h.role(ACCOUNT, "abac", 3600,
        statement("Allow", q(ACCOUNT), ASSUME_AND_TAG, condition));
    h.storage.identities().putUser(withPolicy(blue, iamAllow(ASSUME_AND_TAG, role.arn())));
    h.storage.identities().putUser(withPolicy(red, iamAllow(ASSUME_AND_TAG, role.arn())));
    h.directory.changed();
    String blueTag = "\"Tags\":[{\"Key\":\"team\",\"Value\":\"blue\"}],\"ExternalId\":\"ext-1\"";

    assertEquals(Map.of("team", "blue"),
        h.assume(as(blue), assumeJson(role.arn(), "blue-1", blueTag)).tags());
    assertDenied(h.error(as(red), "AssumeRole", assumeJson(role.arn(), "red-1", blueTag)),
        red.arn(), "sts:AssumeRole", role.arn());
    assertDenied(h.error(as(blue), "AssumeRole", assumeJson(role.arn(), "other-1", blueTag)),
        blue.arn(), "sts:AssumeRole", role.arn());
    assertDenied(h.error(as(blue), "AssumeRole", assumeJson(role.arn(), "blue-1",
        "\"Tags\":[{\"Key\":\"team\",\"Value\":\"blue\"}],\"ExternalId\":\"wrong\"")),
        blue.arn(), "sts:AssumeRole", role.arn());
    assertDenied(h.error(as(blue), "AssumeRole", assumeJson(role.arn(), "blue-1",
        "\"Tags\":[{\"Key\":\"team\",\"Value\":\"blue\"},{\"Key\":\"extra\",\"Value\":\"1\"}],"
            + "\"ExternalId\":\"ext-1\"")),
        blue.arn(), "sts:AssumeRole", role.arn());
  }

  private static IamUser withPolicy(IamUser u, Map<String, String> policies) {
    return new IamUser(u.accountId(), u.userName(), u.userId(), u.path(), u.createdAt(), u.tags(),
        policies, u.revision() + 1);
  }

  @Test
  void duration_withinTheRolesMaximum() {
    IamUser alice = h.user(ACCOUNT, "alice", Map.of());
    IamRole role = h.role(ACCOUNT, "long", 7200, allow(q(alice.arn()), ASSUME));
    ObjectNode out = h.call(as(alice), "AssumeRole", assumeJson(role.arn(), "s", "\"DurationSeconds\":7200"));
    assertEquals(Instant.parse("2026-05-01T14:00:00Z").getEpochSecond(),
        out.get("Credentials").get("Expiration").asLong());
    ApiException e = h.error(as(alice), "AssumeRole", assumeJson(role.arn(), "s", "\"DurationSeconds\":7201"));
    assertEquals("ValidationError", e.code());
    assertEquals("The requested DurationSeconds exceeds the MaxSessionDuration set for this role.",
        e.getMessage());
  }

  @Test
  void roleChaining_isLimitedToOneHour_andTrustNamingTheRoleMatchesItsSessions() {
    IamUser alice = h.user(ACCOUNT, "alice", Map.of());
    IamRole first = h.role(ACCOUNT, "first", 43200, allow(q(alice.arn()), ASSUME));
    IamRole second = h.role(ACCOUNT, "second", 43200, allow(q(first.arn()), ASSUME));
    Principal session = h.assume(as(alice), assumeJson(first.arn(), "one", "\"DurationSeconds\":43200"));

    ApiException e = h.error(session, "AssumeRole", assumeJson(second.arn(), "two", "\"DurationSeconds\":3601"));
    assertEquals("ValidationError", e.code());
    assertEquals("The requested DurationSeconds exceeds the 1 hour session limit for roles assumed by role chaining.",
        e.getMessage());
    Principal chained = h.assume(session, assumeJson(second.arn(), "two", "\"DurationSeconds\":3600"));
    assertEquals("arn:aws:sts::" + ACCOUNT + ":assumed-role/second/two", chained.arn());
    assertDenied(h.error(as(alice), "AssumeRole", assumeJson(second.arn(), "direct", null)),
        alice.arn(), "sts:AssumeRole", second.arn());
  }

  @Test
  void transitiveTags_passDownTheChain_andCannotBeOverridden() {
    IamUser alice = h.user(ACCOUNT, "alice", Map.of());
    IamRole first = h.role(ACCOUNT, "first", 3600, allow(q(alice.arn()), ASSUME_AND_TAG));
    IamRole second = h.role(ACCOUNT, "second", 3600, allow(q(first.arn()), ASSUME_AND_TAG));
    IamRole untagged = h.role(ACCOUNT, "untagged", 3600, allow(q(first.arn()), ASSUME));
    Principal one = h.assume(as(alice), assumeJson(first.arn(), "one",
        "\"Tags\":[{\"Key\":\"team\",\"Value\":\"blue\"},{\"Key\":\"cost\",\"Value\":\"7\"}],"
            + "\"TransitiveTagKeys\":[\"TEAM\"]"));
    assertEquals(Set.of("team"), one.transitiveTagKeys());

    Principal two = h.assume(one, assumeJson(second.arn(), "two",
        "\"Tags\":[{\"Key\":\"stage\",\"Value\":\"2\"}]"));
    assertEquals(Map.of("team", "blue", "stage", "2"), two.tags(), "cost was not transitive");
    assertEquals(Set.of("team"), two.transitiveTagKeys(), "inherited keys stay transitive");

    ApiException conflict = h.error(one, "AssumeRole", assumeJson(second.arn(), "two",
        "\"Tags\":[{\"Key\":\"Team\",\"Value\":\"red\"}]"));
    assertEquals("InvalidParameterValue", conflict.code());
    assertEquals("One of the specified transitive tag keys can't be set because it conflicts with a "
        + "transitive tag key from the calling session.", conflict.getMessage());

    assertDenied(h.error(one, "AssumeRole", assumeJson(untagged.arn(), "three", null)),
        one.arn(), "sts:TagSession", untagged.arn());
  }

  @Test
  void tagValidation_asAwsAnswersIt() {
    IamUser alice = h.user(ACCOUNT, "alice", Map.of());
    IamRole role = h.role(ACCOUNT, "app", 3600, allow(q(alice.arn()), ASSUME_AND_TAG));
    ApiException duplicate = h.error(as(alice), "AssumeRole", assumeJson(role.arn(), "s",
        "\"Tags\":[{\"Key\":\"team\",\"Value\":\"a\"},{\"Key\":\"Team\",\"Value\":\"b\"}]"));
    assertEquals("InvalidParameterValue", duplicate.code());
    assertEquals("Duplicate tag keys found. Please note that Tag keys are case insensitive.",
        duplicate.getMessage());
    ApiException transitive = h.error(as(alice), "AssumeRole", assumeJson(role.arn(), "s",
        "\"Tags\":[{\"Key\":\"team\",\"Value\":\"a\"}],\"TransitiveTagKeys\":[\"other\"]"));
    assertEquals("InvalidParameterValue", transitive.code());
    assertEquals("The specified transitive tag key must be included in the requested tags.",
        transitive.getMessage());
  }

  @Test
  void sessionPolicies_areRefusedRatherThanIgnored() {
    IamUser alice = h.user(ACCOUNT, "alice", Map.of());
    IamRole role = h.role(ACCOUNT, "app", 3600, allow(q(alice.arn()), ASSUME));
    ApiException e = h.error(as(alice), "AssumeRole", assumeJson(role.arn(), "s",
        "\"Policy\":\"{\\\"Statement\\\":[]}\""));
    assertEquals("InvalidParameterValue", e.code());
  }

  @Test
  void roleWithAPath_isFoundByNameAndReportedWithoutItsPathInTheSessionArn() {
    IamUser alice = h.user(ACCOUNT, "alice", Map.of());
    IamRole r = new IamRole(ACCOUNT, "deploy", "AROADEPLOY00000000001", "/ci/", StsHarness.T0,
        "{\"Statement\":[" + allow(q(alice.arn()), ASSUME) + "]}", 3600, java.util.List.of(), Map.of(), 1);
    h.storage.identities().putRole(r);
    h.directory.changed();
    Principal s = h.assume(as(alice), assumeJson("arn:aws:iam::" + ACCOUNT + ":role/ci/deploy", "d", null));
    assertEquals("arn:aws:sts::" + ACCOUNT + ":assumed-role/deploy/d", s.arn());
    assertEquals("arn:aws:iam::" + ACCOUNT + ":role/ci/deploy", s.roleArn());
    assertEquals(PrincipalType.AssumedRole, s.type());
  }
}

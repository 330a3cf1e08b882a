package io.keywarden.it.authz;

import static io.keywarden.it.authz.AuthzServer.ACCOUNT;
import static io.keywarden.it.authz.AuthzServer.APP_ROLE;
import static io.keywarden.it.authz.AuthzServer.CHAINED_ROLE;
import static io.keywarden.it.authz.Denials.assertDenied;
import static io.keywarden.it.authz.KeyPolicies.KEY_ADMINISTRATORS;
import static io.keywarden.it.authz.KeyPolicies.policy;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.keywarden.it.authz.Denials.Because;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.model.KeyMetadata;
import software.amazon.awssdk.services.sts.model.GetCallerIdentityResponse;
import software.amazon.awssdk.services.sts.model.StsException;

/**
 * Attribute-based access control (KMS developer guide, "ABAC for AWS KMS"): policies that compare the
 * caller's tags ({@code aws:PrincipalTag/team} — a user's tags, or a session's role tags overridden by
 * its session tags) with the key's ({@code aws:ResourceTag/team}). Sessions come from the SDK's own
 * {@code StsAssumeRoleCredentialsProvider}: key-user assumes app-role (tagged team=blue) with and
 * without the session tag team=red, and a session passes its tag on to chained-role as a transitive
 * tag.
 */
class AbacSdkTest {
  private static final SdkBytes PLAINTEXT = SdkBytes.fromString("abac", StandardCharsets.UTF_8);
  /** Any principal of the account whose team is the key's team. */
  private static final String SAME_TEAM =
      """
      {"Sid": "Same team", "Effect": "Allow", "Principal": {"AWS": "*"},
       "Action": ["kms:Encrypt", "kms:Decrypt", "kms:DescribeKey"], "Resource": "*",
       "Condition": {"StringEquals": {"aws:PrincipalAccount": "111122223333",
                                      "aws:PrincipalTag/team": "${aws:ResourceTag/team}"}}}""";

  private static AuthzServer server;
  private static KmsClient keyAdmin;
  private static KmsClient keyUser;
  private static KmsClient nobody;
  /** Default key policy: app-role's IAM policy decides by the tags. */
  private static KeyMetadata blueKey;
  private static KeyMetadata redKey;

  @BeforeAll
  static void start() {
    server = AuthzServer.start();
    keyAdmin = server.kms(Who.KEY_ADMIN);
    keyUser = server.kms(Who.KEY_USER);
    nobody = server.kms(Who.NOBODY);
    blueKey = server.createKey(keyAdmin, null, Map.of("team", "blue"));
    redKey = server.createKey(keyAdmin, null, Map.of("team", "red"));
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  private static AwsCredentialsProvider appRole(String session, Map<String, String> tags,
      List<String> transitive) {
    return server.assumeRole(Who.KEY_USER.credentials(), APP_ROLE, session, tags, transitive);
  }

  private static String sessionArn(String role, String session) {
    return "arn:aws:sts::" + ACCOUNT + ":assumed-role/" + role + "/" + session;
  }

  @Test
  void assumedRole_signsAsItsSession_withTemporaryCredentials() {
    AwsCredentialsProvider session = appRole("who-am-i", Map.of(), List.of());

    GetCallerIdentityResponse me = server.sts(session).getCallerIdentity();

    assertEquals(sessionArn("app-role", "who-am-i"), me.arn());
    assertEquals(ACCOUNT, me.account());
    assertTrue(me.userId().endsWith(":who-am-i"), me.userId());
    assertTrue(session.resolveCredentials() instanceof AwsSessionCredentials, "a session token");
    // The session has its role's permissions, not its user's: app-role may not list keys.
    assertDenied(sessionArn("app-role", "who-am-i"), "kms:ListKeys", "*", Because.NO_IDENTITY_POLICY_ALLOWS,
        () -> server.kms(session).listKeys(r -> {}));
  }

  /** The role's tag team=blue is the session's principal tag: its IAM policy allows blue keys. */
  @Test
  void sessionWithTheRoleTags_usesKeysOfItsTeam_only() {
    KmsClient blueSession = server.kms(appRole("role-tags", Map.of(), List.of()));

    SdkBytes blob = blueSession.encrypt(r -> r.keyId(blueKey.arn()).plaintext(PLAINTEXT)).ciphertextBlob();
    blueSession.decrypt(r -> r.ciphertextBlob(blob));
    assertDenied(sessionArn("app-role", "role-tags"), "kms:Encrypt", redKey.arn(),
        Because.NO_IDENTITY_POLICY_ALLOWS,
        () -> blueSession.encrypt(r -> r.keyId(redKey.arn()).plaintext(PLAINTEXT)));
  }

  /** A session tag overrides the role's tag of the same key. */
  @Test
  void sessionTaggedRed_usesRedKeys_notBlueOnes() {
    KmsClient redSession = server.kms(appRole("tagged-red", Map.of("team", "red"), List.of()));

    redSession.encrypt(r -> r.keyId(redKey.arn()).plaintext(PLAINTEXT));
    assertDenied(sessionArn("app-role", "tagged-red"), "kms:Encrypt", blueKey.arn(),
        Because.NO_IDENTITY_POLICY_ALLOWS,
        () -> redSession.encrypt(r -> r.keyId(blueKey.arn()).plaintext(PLAINTEXT)));
  }

  /** The key policy alone decides, by the tags: no IAM policy is involved. */
  @Test
  void keyPolicyAbac_comparesPrincipalTagsWithResourceTags() {
    KeyMetadata key = server.createKey(keyAdmin, policy(KEY_ADMINISTRATORS, SAME_TEAM),
        Map.of("team", "blue"));
    KmsClient redSession = server.kms(appRole("key-policy-red", Map.of("team", "red"), List.of()));
    KmsClient blueSession = server.kms(appRole("key-policy-blue", Map.of(), List.of()));

    keyUser.encrypt(r -> r.keyId(key.keyId()).plaintext(PLAINTEXT)); // user tag team=blue
    blueSession.encrypt(r -> r.keyId(key.keyId()).plaintext(PLAINTEXT)); // role tag team=blue
    assertDenied(sessionArn("app-role", "key-policy-red"), "kms:Encrypt", key.arn(),
        Because.NO_RESOURCE_POLICY_ALLOWS,
        () -> redSession.encrypt(r -> r.keyId(key.keyId()).plaintext(PLAINTEXT)));
    assertDenied(Who.NOBODY, "kms:Encrypt", key.arn(), Because.NO_RESOURCE_POLICY_ALLOWS,
        () -> nobody.encrypt(r -> r.keyId(key.keyId()).plaintext(PLAINTEXT))); // no team at all

    // Retagging the key changes who may use it, at once.
    keyAdmin.tagResource(r -> r.keyId(key.keyId()).tags(t -> t.tagKey("team").tagValue("red")));
    redSession.encrypt(r -> r.keyId(key.keyId()).plaintext(PLAINTEXT));
    assertDenied(Who.KEY_USER, "kms:Encrypt", key.arn(), Because.NO_RESOURCE_POLICY_ALLOWS,
        () -> keyUser.encrypt(r -> r.keyId(key.keyId()).plaintext(PLAINTEXT)));
  }

  /** A transitive session tag follows into the role that the session assumes (role chaining). */
  @Test
  void transitiveSessionTag_passesToTheChainedSession() {
    AwsCredentialsProvider transitive = appRole("first-transitive", Map.of("team", "red"), List.of("team"));
    KmsClient chained = server.kms(
        server.assumeRole(transitive, CHAINED_ROLE, "chained-transitive", Map.of(), List.of()));

    chained.encrypt(r -> r.keyId(redKey.arn()).plaintext(PLAINTEXT));
    assertDenied(sessionArn("chained-role", "chained-transitive"), "kms:Encrypt", blueKey.arn(),
        Because.NO_IDENTITY_POLICY_ALLOWS,
        () -> chained.encrypt(r -> r.keyId(blueKey.arn()).plaintext(PLAINTEXT)));
  }

  /** A session tag that is not transitive stays behind: the chained session has its role's team. */
  @Test
  void nonTransitiveSessionTag_staysWithItsSession() {
    AwsCredentialsProvider first = appRole("first-plain", Map.of("team", "red"), List.of());
    KmsClient chained = server.kms(
        server.assumeRole(first, CHAINED_ROLE, "chained-plain", Map.of(), List.of()));

    chained.encrypt(r -> r.keyId(blueKey.arn()).plaintext(PLAINTEXT));
    assertDenied(sessionArn("chained-role", "chained-plain"), "kms:Encrypt", redKey.arn(),
        Because.NO_IDENTITY_POLICY_ALLOWS,
        () -> chained.encrypt(r -> r.keyId(redKey.arn()).plaintext(PLAINTEXT)));
  }

  @Test
  void nobody_cannotAssumeAppRole_itsTrustPolicyNamesKeyUser() {
    StsException e = assertThrows(StsException.class,
        () -> server.sts(Who.NOBODY).assumeRole(r -> r.roleArn(APP_ROLE).roleSessionName("intruder")));

    assertEquals("AccessDenied", e.awsErrorDetails().errorCode());
    assertEquals(403, e.statusCode());
    assertEquals("User: " + Who.NOBODY.arn() + " is not authorized to perform: sts:AssumeRole on resource: "
        + APP_ROLE, e.awsErrorDetails().errorMessage());
  }
}

package io.keywarden.it.authz;

import static io.keywarden.it.authz.Denials.assertDenied;
import static io.keywarden.it.authz.KeyPolicies.ENABLE_IAM_POLICIES;
import static io.keywarden.it.authz.KeyPolicies.KEY_ADMINISTRATORS;
import static io.keywarden.it.authz.KeyPolicies.policy;

import io.keywarden.it.authz.Denials.Because;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.model.CreateGrantResponse;
import software.amazon.awssdk.services.kms.model.GrantOperation;
import software.amazon.awssdk.services.kms.model.KeyMetadata;

/**
 * An explicit Deny wins wherever it is — in the key policy, in an IAM policy — over every Allow,
 * including a key policy statement naming the caller and a grant.
 */
class ExplicitDenySdkTest {
  private static final SdkBytes PLAINTEXT = SdkBytes.fromString("denied", StandardCharsets.UTF_8);
  /** Allows key-user everything on the key, by name. */
  private static final String KEY_USER_MAY_DO_ANYTHING =
      """
      {"Sid": "Everything for key-user", "Effect": "Allow",
       "Principal": {"AWS": "arn:aws:iam::111122223333:user/key-user"},
       "Action": "kms:*", "Resource": "*"}""";

  private static AuthzServer server;
  private static KmsClient keyAdmin;
  private static KmsClient keyUser;

  @BeforeAll
  static void start() {
    server = AuthzServer.start();
    keyAdmin = server.kms(Who.KEY_ADMIN);
    keyUser = server.kms(Who.KEY_USER);
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  /** key-user's IAM policy denies every action on keys tagged quarantine=true. */
  @Test
  void denyInIamPolicy_winsOverKeyPolicyNamingTheCaller() {
    KeyMetadata key = server.createKey(keyAdmin, policy(KEY_ADMINISTRATORS, KEY_USER_MAY_DO_ANYTHING),
        Map.of("quarantine", "true"));

    assertDenied(Who.KEY_USER, "kms:Encrypt", key.arn(), Because.EXPLICIT_DENY_IN_IDENTITY_POLICY,
        () -> keyUser.encrypt(r -> r.keyId(key.keyId()).plaintext(PLAINTEXT)));
    assertDenied(Who.KEY_USER, "kms:DescribeKey", key.arn(), Because.EXPLICIT_DENY_IN_IDENTITY_POLICY,
        () -> keyUser.describeKey(r -> r.keyId(key.keyId())));

    // Lifting the quarantine (the tag the Deny tests) lets the key policy's Allow through.
    keyAdmin.untagResource(r -> r.keyId(key.keyId()).tagKeys("quarantine"));
    keyUser.encrypt(r -> r.keyId(key.keyId()).plaintext(PLAINTEXT));
  }

  @Test
  void denyInIamPolicy_winsOverAGrant() {
    KeyMetadata key = server.createKey(keyAdmin, policy(ENABLE_IAM_POLICIES, KEY_ADMINISTRATORS),
        Map.of("quarantine", "true"));
    CreateGrantResponse grant = keyAdmin.createGrant(r -> r.keyId(key.keyId())
        .granteePrincipal(Who.KEY_USER.arn()).operations(GrantOperation.ENCRYPT));

    assertDenied(Who.KEY_USER, "kms:Encrypt", key.arn(), Because.EXPLICIT_DENY_IN_IDENTITY_POLICY,
        () -> keyUser.encrypt(r -> r.keyId(key.keyId()).plaintext(PLAINTEXT)
            .grantTokens(grant.grantToken())));
  }

  @Test
  void denyInKeyPolicy_winsOverIamAllow() {
    String denyDecrypt =
        """
        {"Sid": "No decryption by key-user", "Effect": "Deny",
         "Principal": {"AWS": "arn:aws:iam::111122223333:user/key-user"},
         "Action": "kms:Decrypt", "Resource": "*"}""";
    KeyMetadata key =
        server.createKey(keyAdmin, policy(ENABLE_IAM_POLICIES, KEY_ADMINISTRATORS, denyDecrypt), Map.of());

    SdkBytes blob = keyUser.encrypt(r -> r.keyId(key.keyId()).plaintext(PLAINTEXT)).ciphertextBlob();
    assertDenied(Who.KEY_USER, "kms:Decrypt", key.arn(), Because.EXPLICIT_DENY_IN_RESOURCE_POLICY,
        () -> keyUser.decrypt(r -> r.ciphertextBlob(blob)));
  }

  /** A Deny for everyone ("*") stops the administrators the same policy allows. */
  @Test
  void denyForEveryoneInKeyPolicy_winsOverKeyPolicyAllow_inAnyOrder() {
    String nobodyDeletes =
        """
        {"Sid": "Nobody deletes", "Effect": "Deny", "Principal": "*",
         "Action": "kms:ScheduleKeyDeletion", "Resource": "*"}""";
    KeyMetadata denyFirst =
        server.createKey(keyAdmin, policy(nobodyDeletes, KEY_ADMINISTRATORS), Map.of());
    KeyMetadata denyLast =
        server.createKey(keyAdmin, policy(KEY_ADMINISTRATORS, nobodyDeletes), Map.of());

    for (KeyMetadata key : new KeyMetadata[] {denyFirst, denyLast}) {
      assertDenied(Who.KEY_ADMIN, "kms:ScheduleKeyDeletion", key.arn(),
          Because.EXPLICIT_DENY_IN_RESOURCE_POLICY,
          () -> keyAdmin.scheduleKeyDeletion(r -> r.keyId(key.keyId()).pendingWindowInDays(7)));
      keyAdmin.disableKey(r -> r.keyId(key.keyId()));
    }
  }
}

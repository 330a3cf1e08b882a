package io.keywarden.it.authz;

import static io.keywarden.it.authz.Denials.assertDenied;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.keywarden.it.authz.Denials.Because;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.model.DataKeySpec;
import software.amazon.awssdk.services.kms.model.KeyMetadata;
import software.amazon.awssdk.services.kms.model.KeyState;

/**
 * A key with the default key policy ("Enable IAM User Permissions": the account root, which delegates
 * to the account's IAM policies). Each principal of the account may do exactly what its IAM policies
 * allow: key-user encrypts, key-admin administers, nobody does nothing — and is told "because no
 * identity-based policy allows".
 */
class DefaultKeyPolicySdkTest {
  private static final SdkBytes PLAINTEXT = SdkBytes.fromString("default policy", StandardCharsets.UTF_8);

  private static AuthzServer server;
  private static KmsClient keyAdmin;
  private static KmsClient keyUser;
  private static KmsClient nobody;
  private static KeyMetadata key;

  @BeforeAll
  static void start() {
    server = AuthzServer.start();
    keyAdmin = server.kms(Who.KEY_ADMIN);
    keyUser = server.kms(Who.KEY_USER);
    nobody = server.kms(Who.NOBODY);
    key = server.createKey(keyAdmin, null, Map.of());
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void keyUser_allowedByItsIamPolicy_encryptsAndDecrypts() {
    SdkBytes blob = keyUser.encrypt(r -> r.keyId(key.keyId()).plaintext(PLAINTEXT)).ciphertextBlob();

    assertArrayEquals(PLAINTEXT.asByteArray(),
        keyUser.decrypt(r -> r.ciphertextBlob(blob)).plaintext().asByteArray());
    assertEquals(32, keyUser.generateDataKey(r -> r.keyId(key.arn()).keySpec(DataKeySpec.AES_256))
        .plaintext().asByteArray().length);
    assertEquals(key.arn(), keyUser.describeKey(r -> r.keyId(key.keyId())).keyMetadata().arn());
    // ...and nothing its IAM policy does not name.
    assertDenied(Who.KEY_USER, "kms:GetKeyPolicy", key.arn(), Because.NO_IDENTITY_POLICY_ALLOWS,
        () -> keyUser.getKeyPolicy(r -> r.keyId(key.keyId())));
  }

  @Test
  void nobody_withoutIamPolicy_isDeniedEveryUse() {
    SdkBytes blob = keyUser.encrypt(r -> r.keyId(key.keyId()).plaintext(PLAINTEXT)).ciphertextBlob();

    assertDenied(Who.NOBODY, "kms:Encrypt", key.arn(), Because.NO_IDENTITY_POLICY_ALLOWS,
        () -> nobody.encrypt(r -> r.keyId(key.keyId()).plaintext(PLAINTEXT)));
    assertDenied(Who.NOBODY, "kms:Decrypt", key.arn(), Because.NO_IDENTITY_POLICY_ALLOWS,
        () -> nobody.decrypt(r -> r.ciphertextBlob(blob)));
    assertDenied(Who.NOBODY, "kms:GenerateDataKey", key.arn(), Because.NO_IDENTITY_POLICY_ALLOWS,
        () -> nobody.generateDataKey(r -> r.keyId(key.arn()).keySpec(DataKeySpec.AES_256)));
    assertDenied(Who.NOBODY, "kms:DescribeKey", key.arn(), Because.NO_IDENTITY_POLICY_ALLOWS,
        () -> nobody.describeKey(r -> r.keyId(key.keyId())));
    assertDenied(Who.NOBODY, "kms:GetKeyPolicy", key.arn(), Because.NO_IDENTITY_POLICY_ALLOWS,
        () -> nobody.getKeyPolicy(r -> r.keyId(key.keyId())));
    assertDenied(Who.NOBODY, "kms:ScheduleKeyDeletion", key.arn(), Because.NO_IDENTITY_POLICY_ALLOWS,
        () -> nobody.scheduleKeyDeletion(r -> r.keyId(key.keyId()).pendingWindowInDays(7)));
  }

  @Test
  void nobody_cannotCreateKeysOrList_resourceStar() {
    assertDenied(Who.NOBODY, "kms:CreateKey", "*", Because.NO_IDENTITY_POLICY_ALLOWS,
        () -> nobody.createKey(r -> r.description("not allowed")));
    assertDenied(Who.NOBODY, "kms:ListKeys", "*", Because.NO_IDENTITY_POLICY_ALLOWS,
        () -> nobody.listKeys(r -> {}));
  }

  @Test
  void keyAdmin_administersTheKey_butCannotUseIt() {
    assertEquals(key.arn(), keyAdmin.describeKey(r -> r.keyId(key.keyId())).keyMetadata().arn());
    keyAdmin.enableKeyRotation(r -> r.keyId(key.keyId()));
    assertEquals(true, keyAdmin.getKeyRotationStatus(r -> r.keyId(key.keyId())).keyRotationEnabled());
    keyAdmin.tagResource(r -> r.keyId(key.keyId())
        .tags(t -> t.tagKey("owner").tagValue("key-admin")));
    keyAdmin.updateKeyDescription(r -> r.keyId(key.keyId()).description("administered"));

    assertDenied(Who.KEY_ADMIN, "kms:Encrypt", key.arn(), Because.NO_IDENTITY_POLICY_ALLOWS,
        () -> keyAdmin.encrypt(r -> r.keyId(key.keyId()).plaintext(PLAINTEXT)));
    SdkBytes blob = keyUser.encrypt(r -> r.keyId(key.keyId()).plaintext(PLAINTEXT)).ciphertextBlob();
    assertDenied(Who.KEY_ADMIN, "kms:Decrypt", key.arn(), Because.NO_IDENTITY_POLICY_ALLOWS,
        () -> keyAdmin.decrypt(r -> r.ciphertextBlob(blob)));
  }

  @Test
  void keyUser_cannotAdministerTheKey() {
    assertDenied(Who.KEY_USER, "kms:ScheduleKeyDeletion", key.arn(), Because.NO_IDENTITY_POLICY_ALLOWS,
        () -> keyUser.scheduleKeyDeletion(r -> r.keyId(key.keyId()).pendingWindowInDays(7)));
    assertDenied(Who.KEY_USER, "kms:DisableKey", key.arn(), Because.NO_IDENTITY_POLICY_ALLOWS,
        () -> keyUser.disableKey(r -> r.keyId(key.keyId())));
    assertDenied(Who.KEY_USER, "kms:PutKeyPolicy", key.arn(), Because.NO_IDENTITY_POLICY_ALLOWS,
        () -> keyUser.putKeyPolicy(r -> r.keyId(key.keyId()).policyName("default")
            .policy(KeyPolicies.policy(KeyPolicies.ENABLE_IAM_POLICIES))));
    assertDenied(Who.KEY_USER, "kms:CreateKey", "*", Because.NO_IDENTITY_POLICY_ALLOWS,
        () -> keyUser.createKey(r -> r.description("not allowed")));
    assertEquals(KeyState.ENABLED,
        keyAdmin.describeKey(r -> r.keyId(key.keyId())).keyMetadata().keyState(), "untouched");
  }
}

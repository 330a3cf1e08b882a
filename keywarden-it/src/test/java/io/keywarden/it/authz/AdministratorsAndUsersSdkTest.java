package io.keywarden.it.authz;

import static io.keywarden.it.authz.Denials.assertDenied;
import static io.keywarden.it.authz.KeyPolicies.KEY_ADMINISTRATORS;
import static io.keywarden.it.authz.KeyPolicies.KEY_USERS;
import static io.keywarden.it.authz.KeyPolicies.policy;
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
import software.amazon.awssdk.services.kms.model.GrantOperation;
import software.amazon.awssdk.services.kms.model.KeyMetadata;

/**
 * The KMS developer guide's key policy that separates key administrators from key users, in its two
 * forms: with the statement that enables IAM policies (the console's default — what the key policy
 * does not allow, IAM may still; denials say "no identity-based policy allows"), and without it (the
 * key policy alone decides; denials say "no resource-based policy allows").
 */
class AdministratorsAndUsersSdkTest {
  private static final SdkBytes PLAINTEXT = SdkBytes.fromString("separation", StandardCharsets.UTF_8);

  private static AuthzServer server;
  private static KmsClient keyAdmin;
  private static KmsClient keyUser;
  private static KmsClient nobody;
  /** With "Enable IAM User Permissions". */
  private static KeyMetadata delegating;
  /** Without it. */
  private static KeyMetadata strict;

  @BeforeAll
  static void start() {
    server = AuthzServer.start();
    keyAdmin = server.kms(Who.KEY_ADMIN);
    keyUser = server.kms(Who.KEY_USER);
    nobody = server.kms(Who.NOBODY);
    delegating = server.createKey(keyAdmin, KeyPolicies.administratorsAndUsers(), Map.of());
    strict = server.createKey(keyAdmin, policy(KEY_ADMINISTRATORS, KEY_USERS), Map.of());
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void keyAdmin_administersBothKeys() {
    for (KeyMetadata key : new KeyMetadata[] {delegating, strict}) {
      assertEquals(key.arn(), keyAdmin.describeKey(r -> r.keyId(key.keyId())).keyMetadata().arn());
      String current = keyAdmin.getKeyPolicy(r -> r.keyId(key.keyId())).policy();
      keyAdmin.putKeyPolicy(r -> r.keyId(key.keyId()).policyName("default").policy(current));
      keyAdmin.enableKeyRotation(r -> r.keyId(key.keyId()));
      keyAdmin.disableKey(r -> r.keyId(key.keyId()));
      keyAdmin.enableKey(r -> r.keyId(key.keyId()));
    }
  }

  @Test
  void keyAdmin_cannotEncrypt_becauseNeitherPolicyAllows() {
    assertDenied(Who.KEY_ADMIN, "kms:Encrypt", delegating.arn(), Because.NO_IDENTITY_POLICY_ALLOWS,
        () -> keyAdmin.encrypt(r -> r.keyId(delegating.keyId()).plaintext(PLAINTEXT)));
    assertDenied(Who.KEY_ADMIN, "kms:Encrypt", strict.arn(), Because.NO_RESOURCE_POLICY_ALLOWS,
        () -> keyAdmin.encrypt(r -> r.keyId(strict.keyId()).plaintext(PLAINTEXT)));
  }

  @Test
  void keyUser_usesBothKeys() {
    for (KeyMetadata key : new KeyMetadata[] {delegating, strict}) {
      SdkBytes blob = keyUser.encrypt(r -> r.keyId(key.keyId()).plaintext(PLAINTEXT)).ciphertextBlob();
      assertArrayEquals(PLAINTEXT.asByteArray(),
          keyUser.decrypt(r -> r.ciphertextBlob(blob)).plaintext().asByteArray());
      SdkBytes reEncrypted =
          keyUser.reEncrypt(r -> r.ciphertextBlob(blob).destinationKeyId(key.keyId())).ciphertextBlob();
      assertArrayEquals(PLAINTEXT.asByteArray(),
          keyUser.decrypt(r -> r.ciphertextBlob(reEncrypted)).plaintext().asByteArray());
    }
  }

  @Test
  void keyUser_cannotAdminister() {
    assertDenied(Who.KEY_USER, "kms:ScheduleKeyDeletion", delegating.arn(),
        Because.NO_IDENTITY_POLICY_ALLOWS,
        () -> keyUser.scheduleKeyDeletion(r -> r.keyId(delegating.keyId()).pendingWindowInDays(7)));
    assertDenied(Who.KEY_USER, "kms:ScheduleKeyDeletion", strict.arn(), Because.NO_RESOURCE_POLICY_ALLOWS,
        () -> keyUser.scheduleKeyDeletion(r -> r.keyId(strict.keyId()).pendingWindowInDays(7)));
    assertDenied(Who.KEY_USER, "kms:PutKeyPolicy", strict.arn(), Because.NO_RESOURCE_POLICY_ALLOWS,
        () -> keyUser.putKeyPolicy(r -> r.keyId(strict.keyId()).policyName("default")
            .policy(policy(KEY_USERS)).bypassPolicyLockoutSafetyCheck(true)));
  }

  /**
   * ReEncrypt is two permissions (KMS developer guide, "kms:ReEncrypt*"): kms:ReEncryptFrom on the
   * source key and kms:ReEncryptTo on the destination key, each checked by its own key policy.
   */
  @Test
  void reEncrypt_needsReEncryptFromOnTheSource_andReEncryptToOnTheDestination() {
    String encryptAndDecryptOnly =
        """
        {"Sid": "key-user encrypts and decrypts, no more", "Effect": "Allow",
         "Principal": {"AWS": "arn:aws:iam::111122223333:user/key-user"},
         "Action": ["kms:Encrypt", "kms:Decrypt"], "Resource": "*"}""";
    KeyMetadata narrow =
        server.createKey(keyAdmin, policy(KEY_ADMINISTRATORS, encryptAndDecryptOnly), Map.of());
    SdkBytes fromStrict = keyUser.encrypt(r -> r.keyId(strict.keyId()).plaintext(PLAINTEXT)).ciphertextBlob();
    SdkBytes fromNarrow = keyUser.encrypt(r -> r.keyId(narrow.keyId()).plaintext(PLAINTEXT)).ciphertextBlob();

    assertDenied(Who.KEY_USER, "kms:ReEncryptTo", narrow.arn(), Because.NO_RESOURCE_POLICY_ALLOWS,
        () -> keyUser.reEncrypt(r -> r.ciphertextBlob(fromStrict).destinationKeyId(narrow.keyId())));
    assertDenied(Who.KEY_USER, "kms:ReEncryptFrom", narrow.arn(), Because.NO_RESOURCE_POLICY_ALLOWS,
        () -> keyUser.reEncrypt(r -> r.ciphertextBlob(fromNarrow).destinationKeyId(strict.keyId())));
    keyUser.decrypt(r -> r.ciphertextBlob(fromNarrow)); // what the policy does allow
  }

  /** CreateAlias is authorised on the alias (IAM policies) and on the key (its key policy). */
  @Test
  void createAlias_needsPermissionOnTheAliasAndOnTheKey() {
    String alias = "alias/separation-" + System.nanoTime();
    String aliasArn = "arn:aws:kms:" + AuthzServer.REGION + ":" + AuthzServer.ACCOUNT + ":" + alias;

    assertDenied(Who.KEY_USER, "kms:CreateAlias", aliasArn, Because.NO_IDENTITY_POLICY_ALLOWS,
        () -> keyUser.createAlias(r -> r.aliasName(alias).targetKeyId(strict.keyId())));
    keyAdmin.createAlias(r -> r.aliasName(alias).targetKeyId(strict.keyId()));
    keyUser.encrypt(r -> r.keyId(alias).plaintext(PLAINTEXT)); // the alias names the key for use
  }

  /**
   * "Allow attachment of persistent resources" lets key users create grants only for AWS services
   * (kms:GrantIsForAWSResource), which a direct call is not.
   */
  @Test
  void keyUser_createGrantForItself_isNotForAnAwsResource() {
    assertDenied(Who.KEY_USER, "kms:CreateGrant", delegating.arn(), Because.NO_IDENTITY_POLICY_ALLOWS,
        () -> keyUser.createGrant(r -> r.keyId(delegating.keyId()).granteePrincipal(Who.NOBODY.arn())
            .operations(GrantOperation.DECRYPT)));
  }

  @Test
  void nobody_isDenied_byTheIamDelegation_orByTheKeyPolicyAlone() {
    assertDenied(Who.NOBODY, "kms:Encrypt", delegating.arn(), Because.NO_IDENTITY_POLICY_ALLOWS,
        () -> nobody.encrypt(r -> r.keyId(delegating.keyId()).plaintext(PLAINTEXT)));
    assertDenied(Who.NOBODY, "kms:DescribeKey", strict.arn(), Because.NO_RESOURCE_POLICY_ALLOWS,
        () -> nobody.describeKey(r -> r.keyId(strict.keyId())));
  }

  /** In the key's account, a key policy statement naming the caller suffices: no IAM policy needed. */
  @Test
  void keyPolicyNamingNobody_allowsWithoutAnyIamPolicy() {
    String namesNobody =
        """
        {"Sid": "Nobody encrypts", "Effect": "Allow",
         "Principal": {"AWS": "arn:aws:iam::111122223333:user/nobody"},
         "Action": "kms:Encrypt", "Resource": "*"}""";
    KeyMetadata key = server.createKey(keyAdmin, policy(KEY_ADMINISTRATORS, namesNobody), Map.of());

    nobody.encrypt(r -> r.keyId(key.keyId()).plaintext(PLAINTEXT));
    assertDenied(Who.NOBODY, "kms:GenerateDataKey", key.arn(), Because.NO_RESOURCE_POLICY_ALLOWS,
        () -> nobody.generateDataKey(r -> r.keyId(key.keyId()).numberOfBytes(32)));
    // ...and an IAM allow without the key policy does not: key-user's policy allows kms:Encrypt.
    assertDenied(Who.KEY_USER, "kms:Encrypt", key.arn(), Because.NO_RESOURCE_POLICY_ALLOWS,
        () -> keyUser.encrypt(r -> r.keyId(key.keyId()).plaintext(PLAINTEXT)));
  }
}

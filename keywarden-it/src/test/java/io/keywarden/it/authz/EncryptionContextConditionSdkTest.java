package io.keywarden.it.authz;

import static io.keywarden.it.authz.Denials.assertDenied;
import static io.keywarden.it.authz.KeyPolicies.KEY_ADMINISTRATORS;
import static io.keywarden.it.authz.KeyPolicies.policy;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import io.keywarden.it.authz.Denials.Because;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.model.KeyMetadata;

/**
 * Key policy conditions on the encryption context (KMS developer guide, "kms:EncryptionContext:
 * context-key" and "kms:EncryptionContextKeys"): key-user may encrypt and decrypt only for its own
 * team's tenant ({@code ${aws:PrincipalTag/team}} in the condition value), and generate data keys
 * only with no context key other than {@code tenant} — which, with {@code ForAllValues}, includes no
 * context at all, as AWS warns.
 */
class EncryptionContextConditionSdkTest {
  private static final SdkBytes PLAINTEXT = SdkBytes.fromString("tenant data", StandardCharsets.UTF_8);
  private static final String TENANT_OF_THE_TEAM =
      """
      {"Sid": "Encrypt and decrypt for the tenant of the caller's team", "Effect": "Allow",
       "Principal": {"AWS": "arn:aws:iam::111122223333:user/key-user"},
       "Action": ["kms:Encrypt", "kms:Decrypt"], "Resource": "*",
       "Condition": {"StringEquals": {"kms:EncryptionContext:tenant": "${aws:PrincipalTag/team}"}}}""";
  private static final String ONLY_TENANT_KEY =
      """
      {"Sid": "Data keys with no context key but tenant", "Effect": "Allow",
       "Principal": {"AWS": "arn:aws:iam::111122223333:user/key-user"},
       "Action": "kms:GenerateDataKey", "Resource": "*",
       "Condition": {"ForAllValues:StringEquals": {"kms:EncryptionContextKeys": ["tenant"]}}}""";

  private static AuthzServer server;
  private static KmsClient keyUser;
  private static KeyMetadata key;

  @BeforeAll
  static void start() {
    server = AuthzServer.start();
    KmsClient keyAdmin = server.kms(Who.KEY_ADMIN);
    keyUser = server.kms(Who.KEY_USER);
    key = server.createKey(keyAdmin, policy(KEY_ADMINISTRATORS, TENANT_OF_THE_TEAM, ONLY_TENANT_KEY),
        Map.of());
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void ownTenant_encryptsAndDecrypts() {
    Map<String, String> blue = Map.of("tenant", "blue", "purpose", "test");
    SdkBytes blob = keyUser.encrypt(r -> r.keyId(key.keyId()).plaintext(PLAINTEXT)
        .encryptionContext(blue)).ciphertextBlob();

    assertArrayEquals(PLAINTEXT.asByteArray(), keyUser.decrypt(r -> r.ciphertextBlob(blob)
        .encryptionContext(blue)).plaintext().asByteArray());
    assertDenied(Who.KEY_USER, "kms:DescribeKey", key.arn(), Because.NO_RESOURCE_POLICY_ALLOWS,
        () -> keyUser.describeKey(r -> r.keyId(key.keyId())));
  }

  @Test
  void otherTenant_orNoTenant_isDenied() {
    assertDenied(Who.KEY_USER, "kms:Encrypt", key.arn(), Because.NO_RESOURCE_POLICY_ALLOWS,
        () -> keyUser.encrypt(r -> r.keyId(key.keyId()).plaintext(PLAINTEXT)
            .encryptionContext(Map.of("tenant", "red"))));
    assertDenied(Who.KEY_USER, "kms:Encrypt", key.arn(), Because.NO_RESOURCE_POLICY_ALLOWS,
        () -> keyUser.encrypt(r -> r.keyId(key.keyId()).plaintext(PLAINTEXT)));
    assertDenied(Who.KEY_USER, "kms:Encrypt", key.arn(), Because.NO_RESOURCE_POLICY_ALLOWS,
        () -> keyUser.encrypt(r -> r.keyId(key.keyId()).plaintext(PLAINTEXT)
            .encryptionContext(Map.of("tenant", "Blue")))); // values compare with case
  }

  @Test
  void decrypt_isCheckedWithTheContextGiven() {
    Map<String, String> blue = Map.of("tenant", "blue");
    SdkBytes blob = keyUser.encrypt(r -> r.keyId(key.keyId()).plaintext(PLAINTEXT)
        .encryptionContext(blue)).ciphertextBlob();

    assertDenied(Who.KEY_USER, "kms:Decrypt", key.arn(), Because.NO_RESOURCE_POLICY_ALLOWS,
        () -> keyUser.decrypt(r -> r.ciphertextBlob(blob)));
  }

  @Test
  void forAllValuesOnContextKeys_allowsOnlyThoseKeys_andAnEmptyContext() {
    keyUser.generateDataKey(r -> r.keyId(key.keyId()).numberOfBytes(32)
        .encryptionContext(Map.of("tenant", "anything")));
    keyUser.generateDataKey(r -> r.keyId(key.keyId()).numberOfBytes(32));
    assertDenied(Who.KEY_USER, "kms:GenerateDataKey", key.arn(), Because.NO_RESOURCE_POLICY_ALLOWS,
        () -> keyUser.generateDataKey(r -> r.keyId(key.keyId()).numberOfBytes(32)
            .encryptionContext(Map.of("tenant", "blue", "extra", "x"))));
    // kms:GenerateDataKey is not kms:GenerateDataKeyWithoutPlaintext.
    assertDenied(Who.KEY_USER, "kms:GenerateDataKeyWithoutPlaintext", key.arn(),
        Because.NO_RESOURCE_POLICY_ALLOWS,
        () -> keyUser.generateDataKeyWithoutPlaintext(r -> r.keyId(key.keyId()).numberOfBytes(32)));
  }
}

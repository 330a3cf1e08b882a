package io.keywarden.it.asymmetric;

import static io.keywarden.it.asymmetric.KmsErrorAssertions.INCORRECT_KEY;
import static io.keywarden.it.asymmetric.KmsErrorAssertions.assertKmsError;
import static io.keywarden.it.asymmetric.KmsErrorAssertions.assertKmsErrorOf;
import static io.keywarden.it.asymmetric.KmsErrorAssertions.assertNoMessage;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.keywarden.it.TestServer;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.model.DataKeyPairSpec;
import software.amazon.awssdk.services.kms.model.DisabledException;
import software.amazon.awssdk.services.kms.model.EncryptionAlgorithmSpec;
import software.amazon.awssdk.services.kms.model.GetKeyRotationStatusResponse;
import software.amazon.awssdk.services.kms.model.IncorrectKeyException;
import software.amazon.awssdk.services.kms.model.KeyAgreementAlgorithmSpec;
import software.amazon.awssdk.services.kms.model.KeyMetadata;
import software.amazon.awssdk.services.kms.model.KeySpec;
import software.amazon.awssdk.services.kms.model.KeyState;
import software.amazon.awssdk.services.kms.model.KeyUsageType;
import software.amazon.awssdk.services.kms.model.KmsInvalidStateException;
import software.amazon.awssdk.services.kms.model.MacAlgorithmSpec;
import software.amazon.awssdk.services.kms.model.NotFoundException;
import software.amazon.awssdk.services.kms.model.SigningAlgorithmSpec;
import software.amazon.awssdk.services.kms.model.UnsupportedOperationException;

/**
 * Key states (https://docs.aws.amazon.com/kms/latest/developerguide/key-state.html) for the operations
 * of asymmetric, HMAC and key-agreement keys: Disabled is DisabledException, PendingDeletion
 * KMSInvalidStateException, and both end as AWS says. Rotation of these keys answers as AWS does.
 */
class AsymmetricKeyStateSdkTest {
  private static final SdkBytes MESSAGE = SdkBytes.fromUtf8String("state test message");

  private static TestServer server;
  private static KmsClient kms;

  @BeforeAll
  static void start() {
    server = TestServer.dev();
    kms = server.kms();
  }

  @AfterAll
  static void stop() {
    kms.close();
    server.close();
  }

  @Test
  void disabledKeys_everyOperationOfTheirUsage_isDisabledException_untilEnabled() {
    Keys k = new Keys();
    k.forEach(key -> kms.disableKey(r -> r.keyId(key.keyId())));

    k.operations().forEach((what, call) -> {
      KeyMetadata key = k.keyOf(what);
      assertKmsErrorOf(what, DisabledException.class, "DisabledException", key.arn() + " is disabled.", call);
    });

    k.forEach(key -> kms.enableKey(r -> r.keyId(key.keyId())));
    k.assertUsable();
  }

  @Test
  void keysPendingDeletion_everyOperationOfTheirUsage_isKmsInvalidState_untilCancelledAndEnabled() {
    Keys k = new Keys();
    k.forEach(key -> kms.scheduleKeyDeletion(r -> r.keyId(key.keyId()).pendingWindowInDays(7)));

    k.operations().forEach((what, call) -> {
      KeyMetadata key = k.keyOf(what);
      assertKmsErrorOf(what, KmsInvalidStateException.class, "KMSInvalidStateException",
          key.arn() + " is pending deletion.", call);
    });

    k.forEach(key -> {
      kms.cancelKeyDeletion(r -> r.keyId(key.keyId()));
      // AWS: a key whose deletion is cancelled is Disabled.
      assertEquals(KeyState.DISABLED, kms.describeKey(r -> r.keyId(key.keyId())).keyMetadata().keyState());
      kms.enableKey(r -> r.keyId(key.keyId()));
    });
    k.assertUsable();
  }

  @Test
  void asymmetricAndHmacKeys_afterTheirDeletionWindow_areGone() {
    KeyMetadata signing = KeyPool.create(kms, KeySpec.ECC_NIST_P256, KeyUsageType.SIGN_VERIFY);
    KeyMetadata hmac = KeyPool.create(kms, KeySpec.HMAC_256, KeyUsageType.GENERATE_VERIFY_MAC);
    for (KeyMetadata key : List.of(signing, hmac)) {
      kms.scheduleKeyDeletion(r -> r.keyId(key.keyId()).pendingWindowInDays(7));
    }
    server.advance(Duration.ofDays(7).plusHours(1));
    server.keywarden().runJobs();

    for (KeyMetadata key : List.of(signing, hmac)) {
      assertKmsError(NotFoundException.class, "NotFoundException", "Key '" + key.arn() + "' does not exist",
          () -> kms.describeKey(r -> r.keyId(key.keyId())));
    }
    assertKmsError(NotFoundException.class, "NotFoundException", null,
        () -> kms.getPublicKey(r -> r.keyId(signing.keyId())));
    assertKmsError(NotFoundException.class, "NotFoundException", null,
        () -> kms.generateMac(r -> r.keyId(hmac.keyId()).message(MESSAGE).macAlgorithm(MacAlgorithmSpec.HMAC_SHA_256)));
  }

  /** Recorded (test_rotate_key_on_demand_raises_error_given_non_symmetric_key): no message. */
  @Test
  void rotateKeyOnDemand_asymmetricOrHmacKey_isUnsupportedOperationWithoutMessage() {
    for (KeyMetadata key : nonSymmetricKeys()) {
      assertNoMessage(assertKmsErrorOf(key.keySpec() + " " + key.keyUsage(), UnsupportedOperationException.class,
          "UnsupportedOperationException", null, () -> kms.rotateKeyOnDemand(r -> r.keyId(key.keyId()))));
    }
  }

  /** "You cannot enable automatic rotation of asymmetric KMS keys, HMAC KMS keys, ..." (EnableKeyRotation). */
  @Test
  void enableAndDisableKeyRotation_asymmetricOrHmacKey_isUnsupportedOperation() {
    for (KeyMetadata key : nonSymmetricKeys()) {
      String what = key.keySpec() + " " + key.keyUsage();
      assertKmsErrorOf("EnableKeyRotation " + what, UnsupportedOperationException.class,
          "UnsupportedOperationException", null, () -> kms.enableKeyRotation(r -> r.keyId(key.keyId())));
      assertKmsErrorOf("DisableKeyRotation " + what, UnsupportedOperationException.class,
          "UnsupportedOperationException", null, () -> kms.disableKeyRotation(r -> r.keyId(key.keyId())));
    }
  }

  /**
   * GetKeyRotationStatus on an asymmetric or HMAC key answers KeyRotationEnabled false on AWS, not an
   * error: Terraform's aws_kms_key reads it for every AWS_KMS key (and fails on any error but
   * NotFound), and works with asymmetric keys on AWS; other emulators changed to this answer for that
   * reason (floci-io/floci#586, #618).
   */
  @Test
  void getKeyRotationStatus_asymmetricOrHmacKey_isFalse() {
    for (KeyMetadata key : nonSymmetricKeys()) {
      GetKeyRotationStatusResponse r = kms.getKeyRotationStatus(g -> g.keyId(key.keyId()));
      assertFalse(r.keyRotationEnabled(), key.keySpec() + " " + key.keyUsage());
    }
  }

  /**
   * Recorded (test_error_messaging_for_invalid_keys, decrypt-invalid-key-id): Decrypt of a symmetric
   * ciphertext naming an ECC_NIST_P256 SIGN_VERIFY key, with EncryptionAlgorithm SYMMETRIC_DEFAULT, is
   * IncorrectKeyException: the ciphertext names another key.
   */
  @Test
  void decrypt_symmetricCiphertextWithASigningKeyId_isTheRecordedIncorrectKey() {
    KeyMetadata symmetric = kms.createKey(r -> {}).keyMetadata();
    KeyMetadata signing = KeyPool.create(kms, KeySpec.ECC_NIST_P256, KeyUsageType.SIGN_VERIFY);
    SdkBytes blob = kms.encrypt(r -> r.keyId(symmetric.keyId()).plaintext(SdkBytes.fromUtf8String("some important message")))
        .ciphertextBlob();
    assertKmsError(IncorrectKeyException.class, "IncorrectKeyException", INCORRECT_KEY,
        () -> kms.decrypt(r -> r.keyId(signing.keyId()).ciphertextBlob(blob)
            .encryptionAlgorithm(EncryptionAlgorithmSpec.SYMMETRIC_DEFAULT)));
  }

  // ------------------------------------------------------------------------------ helpers

  private static List<KeyMetadata> nonSymmetric;

  /** Created once: the rotation tests do not change them. */
  private static synchronized List<KeyMetadata> nonSymmetricKeys() {
    if (nonSymmetric == null) {
      nonSymmetric = List.of(
          KeyPool.create(kms, KeySpec.RSA_2048, KeyUsageType.SIGN_VERIFY),
          KeyPool.create(kms, KeySpec.RSA_2048, KeyUsageType.ENCRYPT_DECRYPT),
          KeyPool.create(kms, KeySpec.ECC_NIST_P256, KeyUsageType.SIGN_VERIFY),
          KeyPool.create(kms, KeySpec.ECC_NIST_P384, KeyUsageType.KEY_AGREEMENT),
          KeyPool.create(kms, KeySpec.ECC_NIST_EDWARDS25519, KeyUsageType.SIGN_VERIFY),
          KeyPool.create(kms, KeySpec.ML_DSA_44, KeyUsageType.SIGN_VERIFY),
          KeyPool.create(kms, KeySpec.HMAC_256, KeyUsageType.GENERATE_VERIFY_MAC));
    }
    return nonSymmetric;
  }

  /** One fresh key per usage, with what each operation needs made while the keys are usable. */
  private static final class Keys {
    final KeyMetadata signing = KeyPool.create(kms, KeySpec.ECC_NIST_P256, KeyUsageType.SIGN_VERIFY);
    final KeyMetadata hmac = KeyPool.create(kms, KeySpec.HMAC_256, KeyUsageType.GENERATE_VERIFY_MAC);
    final KeyMetadata agreement = KeyPool.create(kms, KeySpec.ECC_NIST_P256, KeyUsageType.KEY_AGREEMENT);
    final KeyMetadata rsa = KeyPool.create(kms, KeySpec.RSA_2048, KeyUsageType.ENCRYPT_DECRYPT);
    final KeyMetadata symmetric = kms.createKey(r -> {}).keyMetadata();
    final KeyMetadata usableRsa = KeyPool.create(kms, KeySpec.RSA_2048, KeyUsageType.ENCRYPT_DECRYPT);
    final SdkBytes signature = kms.sign(r -> r.keyId(signing.keyId()).message(MESSAGE)
        .signingAlgorithm(SigningAlgorithmSpec.ECDSA_SHA_256)).signature();
    final SdkBytes mac = kms.generateMac(r -> r.keyId(hmac.keyId()).message(MESSAGE)
        .macAlgorithm(MacAlgorithmSpec.HMAC_SHA_256)).mac();
    final SdkBytes peer = SdkBytes.fromByteArray(
        IndependentCrypto.generateKeyPair(KeySpec.ECC_NIST_P256).getPublic().getEncoded());
    final SdkBytes secret = kms.deriveSharedSecret(r -> r.keyId(agreement.keyId()).publicKey(peer)
        .keyAgreementAlgorithm(KeyAgreementAlgorithmSpec.ECDH)).sharedSecret();
    final SdkBytes rsaBlob = kms.encrypt(r -> r.keyId(rsa.keyId()).plaintext(MESSAGE)
        .encryptionAlgorithm(EncryptionAlgorithmSpec.RSAES_OAEP_SHA_256)).ciphertextBlob();
    final SdkBytes usableRsaBlob = kms.encrypt(r -> r.keyId(usableRsa.keyId()).plaintext(MESSAGE)
        .encryptionAlgorithm(EncryptionAlgorithmSpec.RSAES_OAEP_SHA_256)).ciphertextBlob();
    private final Map<String, KeyMetadata> keyOf = new LinkedHashMap<>();

    void forEach(Consumer<KeyMetadata> action) {
      List.of(signing, hmac, agreement, rsa, symmetric).forEach(action);
    }

    KeyMetadata keyOf(String operation) {
      return keyOf.get(operation);
    }

    /** Each operation of each key's usage, by name; {@link #keyOf} names the key it uses. */
    Map<String, Executable> operations() {
      Map<String, Executable> ops = new LinkedHashMap<>();
      put(ops, "Sign", signing, () -> kms.sign(r -> r.keyId(signing.keyId()).message(MESSAGE)
          .signingAlgorithm(SigningAlgorithmSpec.ECDSA_SHA_256)));
      put(ops, "Verify", signing, () -> kms.verify(r -> r.keyId(signing.keyId()).message(MESSAGE)
          .signature(signature).signingAlgorithm(SigningAlgorithmSpec.ECDSA_SHA_256)));
      put(ops, "GetPublicKey", signing, () -> kms.getPublicKey(r -> r.keyId(signing.keyId())));
      put(ops, "GenerateMac", hmac, () -> kms.generateMac(r -> r.keyId(hmac.keyId()).message(MESSAGE)
          .macAlgorithm(MacAlgorithmSpec.HMAC_SHA_256)));
      put(ops, "VerifyMac", hmac, () -> kms.verifyMac(r -> r.keyId(hmac.keyId()).message(MESSAGE).mac(mac)
          .macAlgorithm(MacAlgorithmSpec.HMAC_SHA_256)));
      put(ops, "DeriveSharedSecret", agreement, () -> kms.deriveSharedSecret(r -> r.keyId(agreement.keyId())
          .publicKey(peer).keyAgreementAlgorithm(KeyAgreementAlgorithmSpec.ECDH)));
      put(ops, "GetPublicKey (KEY_AGREEMENT)", agreement, () -> kms.getPublicKey(r -> r.keyId(agreement.keyId())));
      put(ops, "Encrypt (RSA)", rsa, () -> kms.encrypt(r -> r.keyId(rsa.keyId()).plaintext(MESSAGE)
          .encryptionAlgorithm(EncryptionAlgorithmSpec.RSAES_OAEP_SHA_256)));
      put(ops, "Decrypt (RSA)", rsa, () -> kms.decrypt(r -> r.keyId(rsa.keyId()).ciphertextBlob(rsaBlob)
          .encryptionAlgorithm(EncryptionAlgorithmSpec.RSAES_OAEP_SHA_256)));
      put(ops, "ReEncrypt from RSA", rsa, () -> kms.reEncrypt(r -> r.ciphertextBlob(rsaBlob)
          .sourceKeyId(rsa.keyId()).sourceEncryptionAlgorithm(EncryptionAlgorithmSpec.RSAES_OAEP_SHA_256)
          .destinationKeyId(usableRsa.keyId()).destinationEncryptionAlgorithm(EncryptionAlgorithmSpec.RSAES_OAEP_SHA_1)));
      put(ops, "ReEncrypt to RSA", rsa, () -> kms.reEncrypt(r -> r.ciphertextBlob(usableRsaBlob)
          .sourceKeyId(usableRsa.keyId()).sourceEncryptionAlgorithm(EncryptionAlgorithmSpec.RSAES_OAEP_SHA_256)
          .destinationKeyId(rsa.keyId()).destinationEncryptionAlgorithm(EncryptionAlgorithmSpec.RSAES_OAEP_SHA_256)));
      put(ops, "GetPublicKey (RSA)", rsa, () -> kms.getPublicKey(r -> r.keyId(rsa.keyId())));
      put(ops, "GenerateDataKeyPair", symmetric, () -> kms.generateDataKeyPair(r -> r.keyId(symmetric.keyId())
          .keyPairSpec(DataKeyPairSpec.ECC_NIST_P256)));
      put(ops, "GenerateDataKeyPairWithoutPlaintext", symmetric, () -> kms.generateDataKeyPairWithoutPlaintext(
          r -> r.keyId(symmetric.keyId()).keyPairSpec(DataKeyPairSpec.ECC_NIST_P256)));
      return ops;
    }

    private void put(Map<String, Executable> ops, String name, KeyMetadata key, Executable call) {
      ops.put(name, call);
      keyOf.put(name, key);
    }

    /** Usable again: what was made before answers as before. */
    void assertUsable() {
      assertTrue(kms.verify(r -> r.keyId(signing.keyId()).message(MESSAGE).signature(signature)
          .signingAlgorithm(SigningAlgorithmSpec.ECDSA_SHA_256)).signatureValid());
      assertArrayEquals(mac.asByteArray(), kms.generateMac(r -> r.keyId(hmac.keyId()).message(MESSAGE)
          .macAlgorithm(MacAlgorithmSpec.HMAC_SHA_256)).mac().asByteArray());
      assertArrayEquals(secret.asByteArray(), kms.deriveSharedSecret(r -> r.keyId(agreement.keyId()).publicKey(peer)
          .keyAgreementAlgorithm(KeyAgreementAlgorithmSpec.ECDH)).sharedSecret().asByteArray());
      assertArrayEquals(MESSAGE.asByteArray(), kms.decrypt(r -> r.keyId(rsa.keyId()).ciphertextBlob(rsaBlob)
          .encryptionAlgorithm(EncryptionAlgorithmSpec.RSAES_OAEP_SHA_256)).plaintext().asByteArray());
      kms.generateDataKeyPairWithoutPlaintext(r -> r.keyId(symmetric.keyId()).keyPairSpec(DataKeyPairSpec.ECC_NIST_P256));
    }
  }
}

package io.keywarden.it.asymmetric;

import static io.keywarden.it.asymmetric.KmsErrorAssertions.DRY_RUN;
import static io.keywarden.it.asymmetric.KmsErrorAssertions.assertKmsError;
import static io.keywarden.it.asymmetric.KmsErrorAssertions.assertKmsErrorOf;
import static io.keywarden.it.asymmetric.KmsErrorAssertions.assertNoMessage;
import static io.keywarden.it.asymmetric.KmsErrorAssertions.usageNotValid;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.keywarden.it.TestServer;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.model.DeriveSharedSecretResponse;
import software.amazon.awssdk.services.kms.model.DryRunOperationException;
import software.amazon.awssdk.services.kms.model.InvalidKeyUsageException;
import software.amazon.awssdk.services.kms.model.KeyAgreementAlgorithmSpec;
import software.amazon.awssdk.services.kms.model.KeyMetadata;
import software.amazon.awssdk.services.kms.model.KeySpec;
import software.amazon.awssdk.services.kms.model.KeyUsageType;
import software.amazon.awssdk.services.kms.model.KmsException;
import software.amazon.awssdk.services.kms.model.OriginType;

/**
 * DeriveSharedSecret (ECDH) with KEY_AGREEMENT keys on the NIST curves: the test's own JCA key pair
 * derives the same secret from GetPublicKey's key, and AWS's recorded errors (test_derive_shared_secret).
 */
class DeriveSharedSecretSdkTest {
  private static TestServer server;
  private static KmsClient kms;
  private static KeyPool keys;

  @BeforeAll
  static void start() {
    server = TestServer.dev();
    kms = server.kms();
    keys = new KeyPool(kms);
  }

  @AfterAll
  static void stop() {
    kms.close();
    server.close();
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(value = KeySpec.class, names = {"ECC_NIST_P256", "ECC_NIST_P384", "ECC_NIST_P521"})
  void deriveSharedSecret_withTheTestsOwnKeyPair_equalsTheSecretTheTestDerives(KeySpec spec) {
    KeyMetadata key = agreement(spec);
    KeyPair ours = IndependentCrypto.generateKeyPair(spec);

    DeriveSharedSecretResponse r = derive(key, ours.getPublic().getEncoded());

    assertEquals(key.arn(), r.keyId());
    assertEquals(KeyAgreementAlgorithmSpec.ECDH, r.keyAgreementAlgorithm());
    assertEquals(OriginType.AWS_KMS, r.keyOrigin());
    byte[] kmsPublic = kms.getPublicKey(g -> g.keyId(key.keyId())).publicKey().asByteArray();
    byte[] expected = IndependentCrypto.ecdh(ours.getPrivate(), spec, kmsPublic);
    assertArrayEquals(expected, r.sharedSecret().asByteArray(), "the raw ECDH secret (x-coordinate)");
    int fieldBytes = spec == KeySpec.ECC_NIST_P256 ? 32 : spec == KeySpec.ECC_NIST_P384 ? 48 : 66;
    assertEquals(fieldBytes, r.sharedSecret().asByteArray().length);
  }

  /** Recorded (test_derive_shared_secret, "response"): two KMS keys agree with each other's public keys. */
  @Test
  void deriveSharedSecret_twoKmsKeysWithEachOthersPublicKey_agree() {
    KeyMetadata a = agreement(KeySpec.ECC_NIST_P256);
    KeyMetadata b = KeyPool.create(kms, KeySpec.ECC_NIST_P256, KeyUsageType.KEY_AGREEMENT);
    byte[] publicA = kms.getPublicKey(g -> g.keyId(a.keyId())).publicKey().asByteArray();
    byte[] publicB = kms.getPublicKey(g -> g.keyId(b.keyId())).publicKey().asByteArray();
    assertArrayEquals(derive(a, publicB).sharedSecret().asByteArray(), derive(b, publicA).sharedSecret().asByteArray());
  }

  /** Recorded (test_derive_shared_secret): usage errors name the key and its usage. */
  @Test
  void deriveSharedSecret_keyOfAnotherUsage_isTheRecordedInvalidKeyUsage() {
    byte[] peer = IndependentCrypto.generateKeyPair(KeySpec.ECC_NIST_P256).getPublic().getEncoded();
    KeyMetadata signing = keys.get(KeySpec.ECC_NIST_P256, KeyUsageType.SIGN_VERIFY);
    KeyMetadata symmetric = keys.get(KeySpec.SYMMETRIC_DEFAULT, KeyUsageType.ENCRYPT_DECRYPT);
    KeyMetadata hmac = keys.get(KeySpec.HMAC_256, KeyUsageType.GENERATE_VERIFY_MAC);
    assertKmsError(InvalidKeyUsageException.class, "InvalidKeyUsageException",
        usageNotValid(signing.arn(), "SIGN_VERIFY", "DeriveSharedSecret"), () -> derive(signing, peer));
    assertKmsError(InvalidKeyUsageException.class, "InvalidKeyUsageException",
        usageNotValid(symmetric.arn(), "ENCRYPT_DECRYPT", "DeriveSharedSecret"), () -> derive(symmetric, peer));
    assertKmsError(InvalidKeyUsageException.class, "InvalidKeyUsageException",
        usageNotValid(hmac.arn(), "GENERATE_VERIFY_MAC", "DeriveSharedSecret"), () -> derive(hmac, peer));
  }

  /** Recorded (response-invalid-key-spec): "KeyUsage KEY_AGREEMENT is not compatible with KeySpec RSA_2048". */
  @Test
  void createKey_rsaForKeyAgreement_isTheRecordedValidationException() {
    assertKmsError("ValidationException", "KeyUsage KEY_AGREEMENT is not compatible with KeySpec RSA_2048",
        () -> kms.createKey(r -> r.keySpec(KeySpec.RSA_2048).keyUsage(KeyUsageType.KEY_AGREEMENT)));
  }

  /** Recorded (response-invalid-key-agreement-algo). */
  @Test
  void deriveSharedSecret_unknownAlgorithm_isTheRecordedValidationException() {
    KeyMetadata key = agreement(KeySpec.ECC_NIST_P256);
    byte[] peer = IndependentCrypto.generateKeyPair(KeySpec.ECC_NIST_P256).getPublic().getEncoded();
    assertKmsError("ValidationException", "1 validation error detected: Value 'INVALID' at 'keyAgreementAlgorithm'"
            + " failed to satisfy constraint: Member must satisfy enum value set: [ECDH]",
        () -> kms.deriveSharedSecret(r -> r.keyId(key.keyId()).keyAgreementAlgorithm("INVALID")
            .publicKey(SdkBytes.fromByteArray(peer))));
  }

  /**
   * Recorded (response-invalid-public-key): a public key that is not one is ValidationException with an
   * empty message. So is a key on another curve, of another algorithm, or a point off the curve (the
   * invalid-curve attack: such a point would leak bits of the private key).
   */
  @Test
  void deriveSharedSecret_unusablePeerPublicKey_isValidationExceptionWithoutMessage() {
    KeyMetadata key = agreement(KeySpec.ECC_NIST_P256);
    byte[] p256 = IndependentCrypto.generateKeyPair(KeySpec.ECC_NIST_P256).getPublic().getEncoded();
    Map<String, byte[]> peers = new LinkedHashMap<>();
    peers.put("InvalidPublicKey", "InvalidPublicKey".getBytes(StandardCharsets.UTF_8));
    peers.put("a P-384 key", IndependentCrypto.generateKeyPair(KeySpec.ECC_NIST_P384).getPublic().getEncoded());
    peers.put("a P-521 key", IndependentCrypto.generateKeyPair(KeySpec.ECC_NIST_P521).getPublic().getEncoded());
    peers.put("a secp256k1 key", IndependentCrypto.generateKeyPair(KeySpec.ECC_SECG_P256_K1).getPublic().getEncoded());
    peers.put("an Ed25519 key", IndependentCrypto.generateKeyPair(KeySpec.ECC_NIST_EDWARDS25519).getPublic().getEncoded());
    peers.put("an RSA key", IndependentCrypto.generateKeyPair(KeySpec.RSA_2048).getPublic().getEncoded());
    peers.put("a point off the curve", IndependentCrypto.flipLastBit(p256));
    peers.put("a truncated SPKI", java.util.Arrays.copyOf(p256, p256.length - 1));
    peers.forEach((what, peer) -> assertNoMessage(assertKmsErrorOf(what, KmsException.class, "ValidationException",
        null, () -> derive(key, peer))));
  }

  @Test
  void deriveSharedSecret_dryRun_isDryRunOperation() {
    KeyMetadata key = agreement(KeySpec.ECC_NIST_P384);
    byte[] peer = IndependentCrypto.generateKeyPair(KeySpec.ECC_NIST_P384).getPublic().getEncoded();
    assertKmsError(DryRunOperationException.class, "DryRunOperationException", DRY_RUN,
        () -> kms.deriveSharedSecret(r -> r.keyId(key.keyId()).keyAgreementAlgorithm(KeyAgreementAlgorithmSpec.ECDH)
            .publicKey(SdkBytes.fromByteArray(peer)).dryRun(true)));
  }

  // ------------------------------------------------------------------------------ helpers

  private static KeyMetadata agreement(KeySpec spec) {
    return keys.get(spec, KeyUsageType.KEY_AGREEMENT);
  }

  private static DeriveSharedSecretResponse derive(KeyMetadata key, byte[] peerSpki) {
    return kms.deriveSharedSecret(r -> r.keyId(key.keyId()).keyAgreementAlgorithm(KeyAgreementAlgorithmSpec.ECDH)
        .publicKey(SdkBytes.fromByteArray(peerSpki)));
  }
}

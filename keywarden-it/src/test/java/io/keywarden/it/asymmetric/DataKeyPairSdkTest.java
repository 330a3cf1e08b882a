package io.keywarden.it.asymmetric;

import static io.keywarden.it.asymmetric.KmsErrorAssertions.DRY_RUN;
import static io.keywarden.it.asymmetric.KmsErrorAssertions.assertKmsError;
import static io.keywarden.it.asymmetric.KmsErrorAssertions.assertKmsErrorOf;
import static io.keywarden.it.asymmetric.KmsErrorAssertions.assertNoMessage;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.keywarden.it.TestServer;
import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.model.DataKeyPairSpec;
import software.amazon.awssdk.services.kms.model.DecryptResponse;
import software.amazon.awssdk.services.kms.model.DryRunOperationException;
import software.amazon.awssdk.services.kms.model.GenerateDataKeyPairResponse;
import software.amazon.awssdk.services.kms.model.GenerateDataKeyPairWithoutPlaintextResponse;
import software.amazon.awssdk.services.kms.model.InvalidCiphertextException;
import software.amazon.awssdk.services.kms.model.InvalidKeyUsageException;
import software.amazon.awssdk.services.kms.model.KeyMetadata;
import software.amazon.awssdk.services.kms.model.KeySpec;
import software.amazon.awssdk.services.kms.model.KeyUsageType;
import software.amazon.awssdk.services.kms.model.SigningAlgorithmSpec;
import software.amazon.awssdk.services.kms.model.UnsupportedOperationException;

/**
 * GenerateDataKeyPair and GenerateDataKeyPairWithoutPlaintext for every KeyPairSpec: the private key is
 * PKCS#8 the JDK parses (Bouncy Castle for secp256k1), it matches the public key (the test signs with one
 * and verifies with the other), and its encrypted copy opens with Decrypt under its encryption context
 * (recorded: test_encryption_context_generate_data_key_pair*).
 */
class DataKeyPairSdkTest {
  private static final Map<String, String> CONTEXT = Map.of("purpose", "data key pair", "tenant", "t-1");

  private static TestServer server;
  private static KmsClient kms;
  private static KeyPool keys;
  private static KeyMetadata symmetric;

  @BeforeAll
  static void start() {
    server = TestServer.dev();
    kms = server.kms();
    keys = new KeyPool(kms);
    symmetric = keys.get(KeySpec.SYMMETRIC_DEFAULT, KeyUsageType.ENCRYPT_DECRYPT);
  }

  @AfterAll
  static void stop() {
    kms.close();
    server.close();
  }

  static Stream<DataKeyPairSpec> everySpecButSm2() {
    return Arrays.stream(DataKeyPairSpec.values())
        .filter(s -> s != DataKeyPairSpec.SM2 && s != DataKeyPairSpec.UNKNOWN_TO_SDK_VERSION);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("everySpecButSm2")
  void generateDataKeyPair_privateKeyIsPkcs8MatchingThePublicKey_andItsCiphertextDecrypts(DataKeyPairSpec pairSpec) {
    KeySpec spec = IndependentCrypto.keySpecOf(pairSpec);
    GenerateDataKeyPairResponse r = kms.generateDataKeyPair(g -> g.keyId(symmetric.keyId()).keyPairSpec(pairSpec)
        .encryptionContext(CONTEXT));

    assertEquals(symmetric.arn(), r.keyId());
    assertEquals(pairSpec, r.keyPairSpec());
    assertEquals(symmetric.currentKeyMaterialId(), r.keyMaterialId());
    byte[] pkcs8 = r.privateKeyPlaintext().asByteArray();
    byte[] spki = r.publicKey().asByteArray();
    assertKeyPair(spec, pkcs8, spki);

    DecryptResponse d = kms.decrypt(x -> x.ciphertextBlob(r.privateKeyCiphertextBlob()).encryptionContext(CONTEXT));
    assertArrayEquals(pkcs8, d.plaintext().asByteArray(), "PrivateKeyCiphertextBlob decrypts to the private key");
    assertEquals(symmetric.arn(), d.keyId());
    // Recorded: without its encryption context, the blob does not decrypt.
    assertNoMessage(assertKmsError(InvalidCiphertextException.class, "InvalidCiphertextException", null,
        () -> kms.decrypt(x -> x.ciphertextBlob(r.privateKeyCiphertextBlob()))));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("everySpecButSm2")
  void generateDataKeyPairWithoutPlaintext_decryptedPrivateKeyMatchesThePublicKey(DataKeyPairSpec pairSpec) {
    KeySpec spec = IndependentCrypto.keySpecOf(pairSpec);
    GenerateDataKeyPairWithoutPlaintextResponse r = kms.generateDataKeyPairWithoutPlaintext(
        g -> g.keyId(symmetric.arn()).keyPairSpec(pairSpec).encryptionContext(CONTEXT));

    assertEquals(symmetric.arn(), r.keyId());
    assertEquals(pairSpec, r.keyPairSpec());
    assertEquals(symmetric.currentKeyMaterialId(), r.keyMaterialId());
    byte[] pkcs8 = kms.decrypt(x -> x.ciphertextBlob(r.privateKeyCiphertextBlob()).encryptionContext(CONTEXT))
        .plaintext().asByteArray();
    assertKeyPair(spec, pkcs8, r.publicKey().asByteArray());
    assertNoMessage(assertKmsError(InvalidCiphertextException.class, "InvalidCiphertextException", null,
        () -> kms.decrypt(x -> x.ciphertextBlob(r.privateKeyCiphertextBlob()))));
  }

  @Test
  void generateDataKeyPair_twice_givesTwoDifferentPairs() {
    GenerateDataKeyPairResponse a = kms.generateDataKeyPair(g -> g.keyId(symmetric.keyId())
        .keyPairSpec(DataKeyPairSpec.ECC_NIST_P256));
    GenerateDataKeyPairResponse b = kms.generateDataKeyPair(g -> g.keyId(symmetric.keyId())
        .keyPairSpec(DataKeyPairSpec.ECC_NIST_P256));
    assertFalse(Arrays.equals(a.publicKey().asByteArray(), b.publicKey().asByteArray()));
    assertFalse(Arrays.equals(a.privateKeyPlaintext().asByteArray(), b.privateKeyPlaintext().asByteArray()));
  }

  @Test
  void generateDataKeyPair_withoutEncryptionContext_decryptsWithoutOne_andNotWithOne() {
    GenerateDataKeyPairResponse r = kms.generateDataKeyPair(g -> g.keyId(symmetric.keyId())
        .keyPairSpec(DataKeyPairSpec.ECC_NIST_EDWARDS25519));
    assertArrayEquals(r.privateKeyPlaintext().asByteArray(),
        kms.decrypt(x -> x.ciphertextBlob(r.privateKeyCiphertextBlob())).plaintext().asByteArray());
    assertKmsError(InvalidCiphertextException.class, "InvalidCiphertextException", null,
        () -> kms.decrypt(x -> x.ciphertextBlob(r.privateKeyCiphertextBlob()).encryptionContext(CONTEXT)));
  }

  @Test
  void generateDataKeyPair_sm2_isUnsupportedOperation() {
    assertKmsError(UnsupportedOperationException.class, "UnsupportedOperationException", null,
        () -> kms.generateDataKeyPair(g -> g.keyId(symmetric.keyId()).keyPairSpec(DataKeyPairSpec.SM2)));
    assertKmsError(UnsupportedOperationException.class, "UnsupportedOperationException", null,
        () -> kms.generateDataKeyPairWithoutPlaintext(g -> g.keyId(symmetric.keyId()).keyPairSpec(DataKeyPairSpec.SM2)));
  }

  /** The private key is encrypted under a symmetric encryption key: any other key is the wrong usage. */
  @Test
  void generateDataKeyPair_asymmetricOrHmacKeyId_isInvalidKeyUsage() {
    List<KeyMetadata> wrong = List.of(
        keys.get(KeySpec.RSA_2048, KeyUsageType.ENCRYPT_DECRYPT),
        keys.get(KeySpec.ECC_NIST_P256, KeyUsageType.SIGN_VERIFY),
        keys.get(KeySpec.ECC_NIST_P256, KeyUsageType.KEY_AGREEMENT),
        keys.get(KeySpec.HMAC_256, KeyUsageType.GENERATE_VERIFY_MAC));
    for (KeyMetadata key : wrong) {
      String what = key.keySpec() + " " + key.keyUsage();
      assertKmsErrorOf(what, InvalidKeyUsageException.class, "InvalidKeyUsageException", null,
          () -> kms.generateDataKeyPair(g -> g.keyId(key.keyId()).keyPairSpec(DataKeyPairSpec.ECC_NIST_P256)));
      assertKmsErrorOf(what + " without plaintext", InvalidKeyUsageException.class, "InvalidKeyUsageException", null,
          () -> kms.generateDataKeyPairWithoutPlaintext(
              g -> g.keyId(key.keyId()).keyPairSpec(DataKeyPairSpec.ECC_NIST_P256)));
    }
  }

  /** Recorded: test_generate_data_key_pair_dry_run, test_generate_data_key_pair_without_plaintext_dry_run. */
  @Test
  void generateDataKeyPair_dryRun_isTheRecordedDryRunOperation() {
    assertKmsError(DryRunOperationException.class, "DryRunOperationException", DRY_RUN,
        () -> kms.generateDataKeyPair(g -> g.keyId(symmetric.keyId()).keyPairSpec(DataKeyPairSpec.RSA_2048).dryRun(true)));
    assertKmsError(DryRunOperationException.class, "DryRunOperationException", DRY_RUN,
        () -> kms.generateDataKeyPairWithoutPlaintext(g -> g.keyId(symmetric.keyId())
            .keyPairSpec(DataKeyPairSpec.RSA_2048).dryRun(true)));
  }

  // ------------------------------------------------------------------------------ helpers

  /**
   * The PKCS#8 private key parses outside Keywarden, names the spec's algorithm, and signs what its
   * public key (SPKI, with the spec's OIDs) verifies.
   */
  private static void assertKeyPair(KeySpec spec, byte[] pkcs8, byte[] spki) {
    assertArrayEquals(IndependentCrypto.expectedSpkiAlgorithm(spec), IndependentCrypto.spkiAlgorithm(spki),
        "public key algorithm");
    String[] expected = IndependentCrypto.expectedSpkiAlgorithm(spec);
    PrivateKeyInfo info = PrivateKeyInfo.getInstance(pkcs8);
    assertEquals(expected[0], info.getPrivateKeyAlgorithm().getAlgorithm().getId(), "PKCS#8 algorithm");
    PrivateKey privateKey = IndependentCrypto.privateKey(spec, pkcs8);

    byte[] message = ("signed with a data key pair of " + spec).getBytes(StandardCharsets.UTF_8);
    SigningAlgorithmSpec algorithm = AwsKeySpecs.signingAlgorithms(spec).get(0);
    byte[] signature = IndependentCrypto.sign(spec, algorithm, privateKey, message);
    assertTrue(IndependentCrypto.verify(spec, algorithm, spki, message, signature),
        "a signature by the private key verifies with the public key");
    assertFalse(IndependentCrypto.verify(spec, algorithm, spki, "another message".getBytes(StandardCharsets.UTF_8),
        signature), "the check can fail");
  }
}

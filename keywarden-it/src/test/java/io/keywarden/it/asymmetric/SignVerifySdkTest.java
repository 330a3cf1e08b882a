package io.keywarden.it.asymmetric;

import static io.keywarden.it.asymmetric.IndependentCrypto.digest;
import static io.keywarden.it.asymmetric.IndependentCrypto.hashOf;
import static io.keywarden.it.asymmetric.IndependentCrypto.randomBytes;
import static io.keywarden.it.asymmetric.KmsErrorAssertions.DRY_RUN;
import static io.keywarden.it.asymmetric.KmsErrorAssertions.assertKmsError;
import static io.keywarden.it.asymmetric.KmsErrorAssertions.assertKmsErrorOf;
import static io.keywarden.it.asymmetric.KmsErrorAssertions.assertNoMessage;
import static io.keywarden.it.asymmetric.KmsErrorAssertions.tooLong;
import static io.keywarden.it.asymmetric.KmsErrorAssertions.usageNotValid;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.keywarden.it.TestServer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.model.DryRunOperationException;
import software.amazon.awssdk.services.kms.model.InvalidKeyUsageException;
import software.amazon.awssdk.services.kms.model.KeyMetadata;
import software.amazon.awssdk.services.kms.model.KeySpec;
import software.amazon.awssdk.services.kms.model.KeyUsageType;
import software.amazon.awssdk.services.kms.model.KmsException;
import software.amazon.awssdk.services.kms.model.KmsInvalidSignatureException;
import software.amazon.awssdk.services.kms.model.MessageType;
import software.amazon.awssdk.services.kms.model.SignResponse;
import software.amazon.awssdk.services.kms.model.SigningAlgorithmSpec;
import software.amazon.awssdk.services.kms.model.VerifyResponse;

/**
 * Sign and Verify with every signing algorithm of every spec, RAW, DIGEST and EXTERNAL_MU, each
 * signature checked again outside Keywarden with GetPublicKey's key; the errors AWS defines (recorded
 * in test_sign_verify: bad digest length, bad signature).
 */
class SignVerifySdkTest {
  private static final List<KeySpec> SIGNING_SPECS = List.of(
      KeySpec.RSA_2048, KeySpec.RSA_3072, KeySpec.RSA_4096,
      KeySpec.ECC_NIST_P256, KeySpec.ECC_NIST_P384, KeySpec.ECC_NIST_P521, KeySpec.ECC_SECG_P256_K1,
      KeySpec.ECC_NIST_EDWARDS25519, KeySpec.ML_DSA_44, KeySpec.ML_DSA_65, KeySpec.ML_DSA_87);

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

  static Stream<Arguments> everyAlgorithmOfEverySpec() {
    List<Arguments> out = new ArrayList<>();
    for (KeySpec spec : SIGNING_SPECS) {
      for (SigningAlgorithmSpec a : AwsKeySpecs.signingAlgorithms(spec)) {
        out.add(Arguments.of(spec, a));
      }
    }
    return out.stream();
  }

  /** RAW: every algorithm but ED25519_PH_SHA_512 (DIGEST only). */
  static Stream<Arguments> rawCases() {
    return everyAlgorithmOfEverySpec().filter(a -> a.get()[1] != SigningAlgorithmSpec.ED25519_PH_SHA_512);
  }

  /** DIGEST of a SHA-2 hash: the RSA and ECDSA algorithms. */
  static Stream<Arguments> digestCases() {
    return everyAlgorithmOfEverySpec().filter(a -> {
      String n = a.get()[1].toString();
      return n.startsWith("RSASSA_") || n.startsWith("ECDSA_");
    });
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("rawCases")
  void sign_rawMessage_verifiesInKmsAndWithThePublicKeyAlone(KeySpec spec, SigningAlgorithmSpec algorithm) {
    KeyMetadata key = keys.get(spec, KeyUsageType.SIGN_VERIFY);
    byte[] spki = publicKey(key);
    byte[] message = ("RAW message for " + spec + " " + algorithm).getBytes(StandardCharsets.UTF_8);

    SignResponse s = sign(key, algorithm, MessageType.RAW, message);
    assertEquals(key.arn(), s.keyId());
    assertEquals(algorithm, s.signingAlgorithm());
    byte[] signature = s.signature().asByteArray();
    if (AwsKeySpecs.isRsa(spec)) {
      assertEquals(Integer.parseInt(spec.toString().substring(4)) / 8, signature.length, "RSA signature length");
    }

    assertTrue(IndependentCrypto.verify(spec, algorithm, spki, message, signature), "verified outside Keywarden");
    assertFalse(IndependentCrypto.verify(spec, algorithm, spki, "another message".getBytes(StandardCharsets.UTF_8),
        signature), "the independent check refuses another message");
    assertValid(key, algorithm, MessageType.RAW, message, signature);
    // "A message and its hash digest are considered to be the same message" (Verify, API reference).
    if (algorithm.toString().startsWith("RSASSA_") || algorithm.toString().startsWith("ECDSA_")) {
      assertValid(key, algorithm, MessageType.DIGEST, digest(hashOf(algorithm), message), signature);
    }
    if (algorithm == SigningAlgorithmSpec.ML_DSA_SHAKE_256) {
      assertValid(key, algorithm, MessageType.EXTERNAL_MU, IndependentCrypto.mu(spki, message), signature);
    }
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("digestCases")
  void sign_digest_isTheSignatureOfTheMessageItWasTakenOf(KeySpec spec, SigningAlgorithmSpec algorithm) {
    KeyMetadata key = keys.get(spec, KeyUsageType.SIGN_VERIFY);
    byte[] message = randomBytes(1000);
    byte[] digest = digest(hashOf(algorithm), message);

    SignResponse s = sign(key, algorithm, MessageType.DIGEST, digest);
    byte[] signature = s.signature().asByteArray();

    assertTrue(IndependentCrypto.verify(spec, algorithm, publicKey(key), message, signature),
        "a DIGEST signature verifies outside Keywarden against the message");
    assertValid(key, algorithm, MessageType.DIGEST, digest, signature);
    assertValid(key, algorithm, MessageType.RAW, message, signature);
  }

  /**
   * ED25519_PH_SHA_512 takes a 64-byte DIGEST and, as the API reference warns, KMS still applies
   * Ed25519ph's SHA-512 prehash to it: the signature is Ed25519ph(context "", SHA-512(digest)).
   */
  @Test
  void sign_ed25519PhDigest_isEd25519phOverTheDigestHashedAgain() {
    KeyMetadata key = keys.get(KeySpec.ECC_NIST_EDWARDS25519, KeyUsageType.SIGN_VERIFY);
    byte[] digest = digest("SHA-512", "a message hashed by the client".getBytes(StandardCharsets.UTF_8));

    byte[] signature = sign(key, SigningAlgorithmSpec.ED25519_PH_SHA_512, MessageType.DIGEST, digest)
        .signature().asByteArray();

    assertEquals(64, signature.length);
    assertTrue(IndependentCrypto.verify(KeySpec.ECC_NIST_EDWARDS25519, SigningAlgorithmSpec.ED25519_PH_SHA_512,
        publicKey(key), digest, signature));
    assertValid(key, SigningAlgorithmSpec.ED25519_PH_SHA_512, MessageType.DIGEST, digest, signature);
    assertFalse(IndependentCrypto.verify(KeySpec.ECC_NIST_EDWARDS25519, SigningAlgorithmSpec.ED25519_SHA_512,
        publicKey(key), digest, signature), "not a pure Ed25519 signature of the digest");
  }

  @Test
  void sign_ed25519_isDeterministic() {
    KeyMetadata key = keys.get(KeySpec.ECC_NIST_EDWARDS25519, KeyUsageType.SIGN_VERIFY);
    byte[] m = "same message".getBytes(StandardCharsets.UTF_8);
    assertArrayEquals(sign(key, SigningAlgorithmSpec.ED25519_SHA_512, MessageType.RAW, m).signature().asByteArray(),
        sign(key, SigningAlgorithmSpec.ED25519_SHA_512, MessageType.RAW, m).signature().asByteArray());
  }

  /** EXTERNAL_MU (FIPS 204 §6.2): μ computed by the client; the result is an ordinary ML-DSA signature. */
  @ParameterizedTest(name = "{0}")
  @EnumSource(value = KeySpec.class, names = {"ML_DSA_44", "ML_DSA_65", "ML_DSA_87"})
  void sign_externalMu_isTheMlDsaSignatureOfTheMessage(KeySpec spec) {
    KeyMetadata key = keys.get(spec, KeyUsageType.SIGN_VERIFY);
    byte[] spki = publicKey(key);
    byte[] message = randomBytes(5000); // larger than RAW allows: the point of EXTERNAL_MU
    byte[] mu = IndependentCrypto.mu(spki, message);

    byte[] signature = sign(key, SigningAlgorithmSpec.ML_DSA_SHAKE_256, MessageType.EXTERNAL_MU, mu)
        .signature().asByteArray();

    assertTrue(IndependentCrypto.verify(spec, SigningAlgorithmSpec.ML_DSA_SHAKE_256, spki, message, signature),
        "verifies outside Keywarden as pure ML-DSA of the message");
    assertValid(key, SigningAlgorithmSpec.ML_DSA_SHAKE_256, MessageType.EXTERNAL_MU, mu, signature);
  }

  @Test
  void sign_byAliasAndKeyArn_answersTheKeyArn() {
    KeyMetadata key = keys.get(KeySpec.ECC_NIST_P256, KeyUsageType.SIGN_VERIFY);
    String alias = "alias/asym-sign-" + System.nanoTime();
    kms.createAlias(r -> r.aliasName(alias).targetKeyId(key.keyId()));
    byte[] m = "by alias".getBytes(StandardCharsets.UTF_8);
    for (String id : List.of(alias, key.arn())) {
      SignResponse s = kms.sign(r -> r.keyId(id).message(SdkBytes.fromByteArray(m))
          .signingAlgorithm(SigningAlgorithmSpec.ECDSA_SHA_256));
      assertEquals(key.arn(), s.keyId(), id);
      VerifyResponse v = kms.verify(r -> r.keyId(id).message(SdkBytes.fromByteArray(m)).signature(s.signature())
          .signingAlgorithm(SigningAlgorithmSpec.ECDSA_SHA_256));
      assertEquals(key.arn(), v.keyId(), id);
      assertTrue(v.signatureValid(), id);
    }
  }

  // ------------------------------------------------------------------------------ errors

  /** PlaintextType: 1..4096 bytes (the model). 4096 signs; 4097 is the model's ValidationException. */
  @Test
  void sign_rawMessageOverTheModelsLimit_isValidationException() {
    KeyMetadata key = keys.get(KeySpec.ECC_NIST_P256, KeyUsageType.SIGN_VERIFY);
    byte[] max = randomBytes(4096);
    SdkBytes signature = sign(key, SigningAlgorithmSpec.ECDSA_SHA_256, MessageType.RAW, max).signature();
    assertTrue(IndependentCrypto.verify(KeySpec.ECC_NIST_P256, SigningAlgorithmSpec.ECDSA_SHA_256, publicKey(key),
        max, signature.asByteArray()));

    SdkBytes over = SdkBytes.fromByteArray(randomBytes(4097));
    assertKmsError("ValidationException", tooLong("message", 4096),
        () -> kms.sign(r -> r.keyId(key.keyId()).message(over).signingAlgorithm(SigningAlgorithmSpec.ECDSA_SHA_256)));
    assertKmsError("ValidationException", tooLong("message", 4096),
        () -> kms.verify(r -> r.keyId(key.keyId()).message(over).signature(signature)
            .signingAlgorithm(SigningAlgorithmSpec.ECDSA_SHA_256)));
  }

  /** Recorded (test_sign_verify, bad-digest): "Digest is invalid length for algorithm X.". */
  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("digestLengthCases")
  void sign_digestOfTheWrongLength_isTheRecordedValidationException(KeySpec spec, SigningAlgorithmSpec algorithm) {
    KeyMetadata key = keys.get(spec, KeyUsageType.SIGN_VERIFY);
    int right = algorithm == SigningAlgorithmSpec.ED25519_PH_SHA_512 ? 64 : digest(hashOf(algorithm), new byte[0]).length;
    for (int length : new int[] {right - 1, right + 1, 1}) {
      SdkBytes wrong = SdkBytes.fromByteArray(randomBytes(length));
      assertKmsErrorOf(algorithm + " digest of " + length, KmsException.class, "ValidationException",
          "Digest is invalid length for algorithm " + algorithm + ".",
          () -> kms.sign(r -> r.keyId(key.keyId()).message(wrong).messageType(MessageType.DIGEST)
              .signingAlgorithm(algorithm)));
      assertKmsErrorOf("Verify " + algorithm + " digest of " + length, KmsException.class, "ValidationException",
          null, () -> kms.verify(r -> r.keyId(key.keyId()).message(wrong).messageType(MessageType.DIGEST)
              .signature(SdkBytes.fromByteArray(new byte[64])).signingAlgorithm(algorithm)));
    }
  }

  static Stream<Arguments> digestLengthCases() {
    return Stream.concat(
        digestCases().filter(a -> a.get()[0] == KeySpec.RSA_2048 || !AwsKeySpecs.isRsa((KeySpec) a.get()[0])),
        Stream.of(Arguments.of(KeySpec.ECC_NIST_EDWARDS25519, SigningAlgorithmSpec.ED25519_PH_SHA_512)));
  }

  @Test
  void sign_messageTypeTheAlgorithmDoesNotTake_isValidationException() {
    KeyMetadata ed = keys.get(KeySpec.ECC_NIST_EDWARDS25519, KeyUsageType.SIGN_VERIFY);
    KeyMetadata ml = keys.get(KeySpec.ML_DSA_44, KeyUsageType.SIGN_VERIFY);
    KeyMetadata ec = keys.get(KeySpec.ECC_NIST_P256, KeyUsageType.SIGN_VERIFY);
    Map<String, Object[]> cases = Map.of(
        "ED25519_SHA_512 takes RAW only", new Object[] {ed, SigningAlgorithmSpec.ED25519_SHA_512, MessageType.DIGEST, 64},
        "ED25519_PH_SHA_512 takes DIGEST only", new Object[] {ed, SigningAlgorithmSpec.ED25519_PH_SHA_512, MessageType.RAW, 64},
        "ML-DSA takes no DIGEST", new Object[] {ml, SigningAlgorithmSpec.ML_DSA_SHAKE_256, MessageType.DIGEST, 64},
        "EXTERNAL_MU is 64 bytes", new Object[] {ml, SigningAlgorithmSpec.ML_DSA_SHAKE_256, MessageType.EXTERNAL_MU, 32},
        "EXTERNAL_MU is for ML-DSA", new Object[] {ec, SigningAlgorithmSpec.ECDSA_SHA_256, MessageType.EXTERNAL_MU, 64});
    cases.forEach((what, c) -> {
      KeyMetadata key = (KeyMetadata) c[0];
      SdkBytes m = SdkBytes.fromByteArray(randomBytes((Integer) c[3]));
      assertKmsErrorOf(what, KmsException.class, "ValidationException", null,
          () -> kms.sign(r -> r.keyId(key.keyId()).message(m).messageType((MessageType) c[2])
              .signingAlgorithm((SigningAlgorithmSpec) c[1])));
    });
  }

  /** An algorithm of another spec (recorded: test_sign_verify[ECC_NIST_P256-ECDSA_SHA_384] fails). */
  @Test
  void sign_algorithmOfAnotherSpec_isInvalidKeyUsage() {
    Object[][] cases = {
        {KeySpec.ECC_NIST_P256, SigningAlgorithmSpec.ECDSA_SHA_384},
        {KeySpec.ECC_SECG_P256_K1, SigningAlgorithmSpec.ECDSA_SHA_512},
        {KeySpec.ECC_NIST_P521, SigningAlgorithmSpec.ECDSA_SHA_256},
        {KeySpec.RSA_2048, SigningAlgorithmSpec.ECDSA_SHA_256},
        {KeySpec.ECC_NIST_P256, SigningAlgorithmSpec.RSASSA_PSS_SHA_256},
        {KeySpec.ECC_NIST_EDWARDS25519, SigningAlgorithmSpec.ML_DSA_SHAKE_256},
        {KeySpec.ML_DSA_65, SigningAlgorithmSpec.ED25519_SHA_512},
        {KeySpec.RSA_2048, SigningAlgorithmSpec.SM2_DSA},
    };
    for (Object[] c : cases) {
      KeyMetadata key = keys.get((KeySpec) c[0], KeyUsageType.SIGN_VERIFY);
      SigningAlgorithmSpec a = (SigningAlgorithmSpec) c[1];
      SdkBytes m = SdkBytes.fromByteArray("m".getBytes(StandardCharsets.UTF_8));
      assertKmsErrorOf(c[0] + " " + a, InvalidKeyUsageException.class, "InvalidKeyUsageException", null,
          () -> kms.sign(r -> r.keyId(key.keyId()).message(m).signingAlgorithm(a)));
      assertKmsErrorOf("Verify " + c[0] + " " + a, InvalidKeyUsageException.class, "InvalidKeyUsageException", null,
          () -> kms.verify(r -> r.keyId(key.keyId()).message(m).signingAlgorithm(a)
              .signature(SdkBytes.fromByteArray(new byte[64]))));
    }
  }

  /** Recorded (test_error_messaging_for_invalid_keys): a key whose usage is not SIGN_VERIFY. */
  @Test
  void signAndVerify_keyOfAnotherUsage_isInvalidKeyUsageNamingIt() {
    KeyMetadata rsaEncryption = keys.get(KeySpec.RSA_2048, KeyUsageType.ENCRYPT_DECRYPT);
    KeyMetadata agreement = keys.get(KeySpec.ECC_NIST_P256, KeyUsageType.KEY_AGREEMENT);
    SdkBytes m = SdkBytes.fromByteArray("some important message".getBytes(StandardCharsets.UTF_8));
    for (KeyMetadata key : List.of(rsaEncryption, agreement)) {
      SigningAlgorithmSpec a = AwsKeySpecs.isRsa(key.keySpec()) ? SigningAlgorithmSpec.RSASSA_PSS_SHA_256
          : SigningAlgorithmSpec.ECDSA_SHA_256;
      assertKmsError(InvalidKeyUsageException.class, "InvalidKeyUsageException",
          usageNotValid(key.arn(), key.keyUsageAsString(), "Sign"),
          () -> kms.sign(r -> r.keyId(key.keyId()).message(m).signingAlgorithm(a)));
      assertKmsError(InvalidKeyUsageException.class, "InvalidKeyUsageException",
          usageNotValid(key.arn(), key.keyUsageAsString(), "Verify"),
          () -> kms.verify(r -> r.keyId(key.keyId()).message(m).signingAlgorithm(a)
              .signature(SdkBytes.fromString("random-invalid-signature", StandardCharsets.UTF_8))));
    }
  }

  /** Recorded (test_sign_verify, bad-signature): KMSInvalidSignatureException, 400, empty message. */
  @ParameterizedTest(name = "{0}")
  @MethodSource("firstAlgorithmOfEachSpec")
  void verify_wrongSignature_isKmsInvalidSignatureWithoutMessage(KeySpec spec, SigningAlgorithmSpec algorithm) {
    KeyMetadata key = keys.get(spec, KeyUsageType.SIGN_VERIFY);
    byte[] m = "signed message".getBytes(StandardCharsets.UTF_8);
    MessageType type = algorithm == SigningAlgorithmSpec.ED25519_PH_SHA_512 ? MessageType.DIGEST : MessageType.RAW;
    byte[] message = type == MessageType.DIGEST ? digest("SHA-512", m) : m;
    byte[] signature = sign(key, algorithm, type, message).signature().asByteArray();
    byte[] otherMessage = type == MessageType.DIGEST ? digest("SHA-512", message) : "other message".getBytes(StandardCharsets.UTF_8);

    Map<String, byte[][]> wrong = Map.of(
        "a flipped bit", new byte[][] {message, IndependentCrypto.flipLastBit(signature)},
        "another message", new byte[][] {otherMessage, signature},
        "garbage", new byte[][] {message, "random-invalid-signature".getBytes(StandardCharsets.UTF_8)},
        "one byte", new byte[][] {message, new byte[1]});
    wrong.forEach((what, c) -> {
      KmsInvalidSignatureException e = assertKmsErrorOf(spec + ", " + what, KmsInvalidSignatureException.class,
          "KMSInvalidSignatureException", null,
          () -> kms.verify(r -> r.keyId(key.keyId()).message(SdkBytes.fromByteArray(c[0])).messageType(type)
              .signature(SdkBytes.fromByteArray(c[1])).signingAlgorithm(algorithm)));
      assertNoMessage(e);
    });
  }

  static Stream<Arguments> firstAlgorithmOfEachSpec() {
    return SIGNING_SPECS.stream()
        .filter(s -> s != KeySpec.RSA_3072 && s != KeySpec.RSA_4096)
        .map(s -> Arguments.of(s, AwsKeySpecs.signingAlgorithms(s).get(0)));
  }

  @Test
  void verify_signatureOfAnotherKeyOrAlgorithm_isInvalidSignature() {
    KeyMetadata key = keys.get(KeySpec.RSA_2048, KeyUsageType.SIGN_VERIFY);
    KeyMetadata other = KeyPool.create(kms, KeySpec.RSA_2048, KeyUsageType.SIGN_VERIFY);
    byte[] m = "whose signature?".getBytes(StandardCharsets.UTF_8);
    SdkBytes pss = sign(key, SigningAlgorithmSpec.RSASSA_PSS_SHA_256, MessageType.RAW, m).signature();

    assertKmsError(KmsInvalidSignatureException.class, "KMSInvalidSignatureException", null,
        () -> kms.verify(r -> r.keyId(other.keyId()).message(SdkBytes.fromByteArray(m)).signature(pss)
            .signingAlgorithm(SigningAlgorithmSpec.RSASSA_PSS_SHA_256)));
    for (SigningAlgorithmSpec a : List.of(SigningAlgorithmSpec.RSASSA_PSS_SHA_384,
        SigningAlgorithmSpec.RSASSA_PKCS1_V1_5_SHA_256)) {
      assertKmsErrorOf(a.toString(), KmsInvalidSignatureException.class, "KMSInvalidSignatureException", null,
          () -> kms.verify(r -> r.keyId(key.keyId()).message(SdkBytes.fromByteArray(m)).signature(pss)
              .signingAlgorithm(a)));
    }
  }

  @Test
  void signAndVerify_dryRun_isDryRunOperation() {
    KeyMetadata key = keys.get(KeySpec.ECC_NIST_P256, KeyUsageType.SIGN_VERIFY);
    SdkBytes m = SdkBytes.fromByteArray("dry".getBytes(StandardCharsets.UTF_8));
    SdkBytes signature = sign(key, SigningAlgorithmSpec.ECDSA_SHA_256, MessageType.RAW, m.asByteArray()).signature();

    assertKmsError(DryRunOperationException.class, "DryRunOperationException", DRY_RUN,
        () -> kms.sign(r -> r.keyId(key.keyId()).message(m).signingAlgorithm(SigningAlgorithmSpec.ECDSA_SHA_256)
            .dryRun(true)));
    assertKmsError(DryRunOperationException.class, "DryRunOperationException", DRY_RUN,
        () -> kms.verify(r -> r.keyId(key.keyId()).message(m).signature(signature)
            .signingAlgorithm(SigningAlgorithmSpec.ECDSA_SHA_256).dryRun(true)));
    // DryRun answers what the call would have answered: a wrong algorithm is still InvalidKeyUsage.
    assertKmsError(InvalidKeyUsageException.class, "InvalidKeyUsageException", null,
        () -> kms.sign(r -> r.keyId(key.keyId()).message(m).signingAlgorithm(SigningAlgorithmSpec.ECDSA_SHA_512)
            .dryRun(true)));
    assertTrue(kms.verify(r -> r.keyId(key.keyId()).message(m).signature(signature)
        .signingAlgorithm(SigningAlgorithmSpec.ECDSA_SHA_256).dryRun(false)).signatureValid());
  }

  // ------------------------------------------------------------------------------ helpers

  private static byte[] publicKey(KeyMetadata key) {
    return kms.getPublicKey(r -> r.keyId(key.keyId())).publicKey().asByteArray();
  }

  private static SignResponse sign(KeyMetadata key, SigningAlgorithmSpec a, MessageType type, byte[] message) {
    return kms.sign(r -> r.keyId(key.keyId()).message(SdkBytes.fromByteArray(message)).messageType(type)
        .signingAlgorithm(a));
  }

  private static void assertValid(
      KeyMetadata key, SigningAlgorithmSpec a, MessageType type, byte[] message, byte[] signature) {
    VerifyResponse v = kms.verify(r -> r.keyId(key.keyId()).message(SdkBytes.fromByteArray(message))
        .messageType(type).signature(SdkBytes.fromByteArray(signature)).signingAlgorithm(a));
    assertTrue(v.signatureValid(), () -> "Verify " + type);
    assertEquals(key.arn(), v.keyId());
    assertEquals(a, v.signingAlgorithm());
  }
}

package io.keywarden.domain.crypto.asymmetric;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.keywarden.domain.crypto.InvalidCiphertextException;
import io.keywarden.domain.crypto.KeyPairMaterial;
import io.keywarden.domain.key.EncryptionAlgorithm;
import io.keywarden.domain.key.KeySpec;
import io.keywarden.domain.key.KeySpecs;
import io.keywarden.domain.key.SigningAlgorithm;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.EnumMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class SignaturesTest {
  private static final byte[] MESSAGE = "the message to sign".getBytes(StandardCharsets.UTF_8);
  private static final Map<KeySpec, KeyPairMaterial> KEYS = new EnumMap<>(KeySpec.class);

  static synchronized KeyPairMaterial key(KeySpec spec) {
    return KEYS.computeIfAbsent(spec, KeyPairMaterial::generate);
  }

  static Stream<Arguments> specAndAlgorithm() {
    return Stream.of(KeySpec.values())
        .filter(s -> KeySpecs.isAsymmetric(s) && s != KeySpec.SM2)
        .flatMap(s -> KeySpecs.signingAlgorithms(s).stream().map(a -> Arguments.of(s, a)));
  }

  @ParameterizedTest
  @MethodSource("specAndAlgorithm")
  void signThenVerify_acceptsOnlyTheSameMessage(KeySpec spec, SigningAlgorithm algorithm) {
    KeyPairMaterial key = key(spec);
    MessageType type = algorithm == SigningAlgorithm.ED25519_PH_SHA_512 ? MessageType.DIGEST : MessageType.RAW;
    byte[] message = type == MessageType.DIGEST ? sha(algorithm, MESSAGE) : MESSAGE;
    byte[] sig = Signatures.sign(key, algorithm, type, message);
    assertTrue(Signatures.verify(key, algorithm, type, message, sig));
    byte[] other = message.clone();
    other[0] ^= 1;
    assertFalse(Signatures.verify(key, algorithm, type, other, sig));
    byte[] badSig = sig.clone();
    badSig[badSig.length / 2] ^= 1;
    assertFalse(Signatures.verify(key, algorithm, type, message, badSig));
  }

  @ParameterizedTest
  @MethodSource("specAndAlgorithm")
  void digestSignature_verifiesAsRawSignatureOfTheMessage(KeySpec spec, SigningAlgorithm algorithm) {
    if (algorithm.digestLength() == 0 || algorithm == SigningAlgorithm.ED25519_PH_SHA_512) {
      return;
    }
    KeyPairMaterial key = key(spec);
    byte[] sig = Signatures.sign(key, algorithm, MessageType.DIGEST, sha(algorithm, MESSAGE));
    assertTrue(Signatures.verify(key, algorithm, MessageType.RAW, MESSAGE, sig));
    byte[] rawSig = Signatures.sign(key, algorithm, MessageType.RAW, MESSAGE);
    assertTrue(Signatures.verify(key, algorithm, MessageType.DIGEST, sha(algorithm, MESSAGE), rawSig));
  }

  @Test
  void messageProblems_followKmsRules() {
    assertEquals(Signatures.MessageProblem.LENGTH,
        Signatures.messageProblem(SigningAlgorithm.ECDSA_SHA_256, MessageType.DIGEST, new byte[31]));
    assertNull(Signatures.messageProblem(SigningAlgorithm.ECDSA_SHA_256, MessageType.DIGEST, new byte[32]));
    assertEquals(Signatures.MessageProblem.TYPE,
        Signatures.messageProblem(SigningAlgorithm.ED25519_SHA_512, MessageType.DIGEST, new byte[64]));
    assertEquals(Signatures.MessageProblem.TYPE,
        Signatures.messageProblem(SigningAlgorithm.ED25519_PH_SHA_512, MessageType.RAW, new byte[64]));
    assertEquals(Signatures.MessageProblem.TYPE,
        Signatures.messageProblem(SigningAlgorithm.ECDSA_SHA_256, MessageType.EXTERNAL_MU, new byte[64]));
    assertEquals(Signatures.MessageProblem.LENGTH,
        Signatures.messageProblem(SigningAlgorithm.ML_DSA_SHAKE_256, MessageType.EXTERNAL_MU, new byte[32]));
  }

  @Test
  void mlDsaExternalMu_signsAndVerifies() {
    KeyPairMaterial key = key(KeySpec.ML_DSA_44);
    byte[] mu = new byte[64];
    mu[3] = 7;
    byte[] sig = Signatures.sign(key, SigningAlgorithm.ML_DSA_SHAKE_256, MessageType.EXTERNAL_MU, mu);
    assertTrue(Signatures.verify(key, SigningAlgorithm.ML_DSA_SHAKE_256, MessageType.EXTERNAL_MU, mu, sig));
  }

  @Test
  void wrongAlgorithmForSpec_isRefused() {
    assertThrows(IllegalArgumentException.class,
        () -> Signatures.sign(key(KeySpec.ECC_NIST_P256), SigningAlgorithm.ECDSA_SHA_384, MessageType.RAW, MESSAGE));
  }

  @ParameterizedTest
  @MethodSource("rsaAndOaep")
  void rsaOaep_roundTripsUpToTheLimit(KeySpec spec, EncryptionAlgorithm algorithm) throws Exception {
    KeyPairMaterial key = key(spec);
    int max = RsaOaep.maxPlaintext(key, algorithm);
    byte[] plain = new byte[max];
    plain[0] = 42;
    assertArrayEquals(plain, RsaOaep.decrypt(key, algorithm, RsaOaep.encrypt(key, algorithm, plain)));
    EncryptionAlgorithm other = algorithm == EncryptionAlgorithm.RSAES_OAEP_SHA_1
        ? EncryptionAlgorithm.RSAES_OAEP_SHA_256 : EncryptionAlgorithm.RSAES_OAEP_SHA_1;
    byte[] ct = RsaOaep.encrypt(key, algorithm, plain);
    assertThrows(InvalidCiphertextException.class, () -> RsaOaep.decrypt(key, other, ct));
    assertThrows(IllegalArgumentException.class, () -> RsaOaep.encrypt(key, algorithm, new byte[max + 1]));
  }

  static Stream<Arguments> rsaAndOaep() {
    return Stream.of(KeySpec.RSA_2048, KeySpec.RSA_3072, KeySpec.RSA_4096)
        .flatMap(s -> Stream.of(EncryptionAlgorithm.RSAES_OAEP_SHA_1, EncryptionAlgorithm.RSAES_OAEP_SHA_256)
            .map(a -> Arguments.of(s, a)));
  }

  @Test
  void recordedOaepLimits_match() {
    assertEquals(214, RsaOaep.maxPlaintext(key(KeySpec.RSA_2048), EncryptionAlgorithm.RSAES_OAEP_SHA_1));
    assertEquals(190, RsaOaep.maxPlaintext(key(KeySpec.RSA_2048), EncryptionAlgorithm.RSAES_OAEP_SHA_256));
    assertEquals(446, RsaOaep.maxPlaintext(key(KeySpec.RSA_4096), EncryptionAlgorithm.RSAES_OAEP_SHA_256));
  }

  @Test
  void ecdh_bothSidesDeriveTheSameSecretAndOtherCurvesAreRefused() {
    KeyPairMaterial a = KeyPairMaterial.generate(KeySpec.ECC_NIST_P384);
    KeyPairMaterial b = KeyPairMaterial.generate(KeySpec.ECC_NIST_P384);
    byte[] ab = Ecdh.deriveSharedSecret(a, b.subjectPublicKeyInfo());
    assertArrayEquals(ab, Ecdh.deriveSharedSecret(b, a.subjectPublicKeyInfo()));
    assertEquals(48, ab.length);
    assertThrows(IllegalArgumentException.class,
        () -> Ecdh.deriveSharedSecret(a, key(KeySpec.ECC_NIST_P256).subjectPublicKeyInfo()));
    assertThrows(IllegalArgumentException.class, () -> Ecdh.deriveSharedSecret(a, new byte[] {1, 2, 3}));
  }

  @ParameterizedTest
  @MethodSource("asymmetricSpecs")
  void encodeDecodeAndFromPkcs8_keepTheSameKeyPair(KeySpec spec) {
    KeyPairMaterial k = key(spec);
    KeyPairMaterial decoded = KeyPairMaterial.decode(spec, k.encodeForWrapping());
    assertArrayEquals(k.subjectPublicKeyInfo(), decoded.subjectPublicKeyInfo());
    KeyPairMaterial derived = KeyPairMaterial.fromPkcs8(spec, k.pkcs8());
    assertArrayEquals(k.subjectPublicKeyInfo(), derived.subjectPublicKeyInfo());
    SigningAlgorithm alg = KeySpecs.signingAlgorithms(spec).get(0);
    byte[] sig = Signatures.sign(derived, alg, MessageType.RAW, MESSAGE);
    assertTrue(Signatures.verify(k, alg, MessageType.RAW, MESSAGE, sig));
  }

  static Stream<KeySpec> asymmetricSpecs() {
    return Stream.of(KeySpec.values()).filter(s -> KeySpecs.isAsymmetric(s) && s != KeySpec.SM2);
  }

  @Test
  void fromPkcs8_ofAnotherCurve_isRefused() {
    byte[] p384 = key(KeySpec.ECC_NIST_P384).pkcs8();
    assertThrows(IllegalArgumentException.class, () -> KeyPairMaterial.fromPkcs8(KeySpec.ECC_NIST_P256, p384));
  }

  private static byte[] sha(SigningAlgorithm algorithm, byte[] m) {
    try {
      return MessageDigest.getInstance(algorithm.hashName()).digest(m);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}

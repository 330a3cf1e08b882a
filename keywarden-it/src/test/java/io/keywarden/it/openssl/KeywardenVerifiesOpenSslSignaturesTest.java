package io.keywarden.it.openssl;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.keywarden.it.TestServer;
import io.keywarden.server.ServerOptions;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.model.DataKeyPairSpec;
import software.amazon.awssdk.services.kms.model.GenerateDataKeyPairResponse;
import software.amazon.awssdk.services.kms.model.KmsInvalidMacException;
import software.amazon.awssdk.services.kms.model.KmsInvalidSignatureException;
import software.amazon.awssdk.services.kms.model.MacAlgorithmSpec;
import software.amazon.awssdk.services.kms.model.MessageType;
import software.amazon.awssdk.services.kms.model.SigningAlgorithmSpec;
import software.amazon.awssdk.services.kms.model.VerifyResponse;

/**
 * The reverse direction: OpenSSL signs with a private key, and Keywarden's Verify accepts the
 * signature. The private keys are data key pairs from GenerateDataKeyPair (their PKCS #8
 * PrivateKeyPlaintext, written as PEM by OpenSSL) and an Ed25519 key OpenSSL generates; each is
 * seeded (docs/seed-files.md) into a second dev server as a SIGN_VERIFY key. HMAC keys are seeded
 * with known material, so OpenSSL computes the same MACs as GenerateMac.
 */
class KeywardenVerifiesOpenSslSignaturesTest {
  private static final String OPENSSL_ED25519_KEY_ID = "0e5d0000-0000-4000-8000-000000000001";

  @TempDir static Path keys;

  private static OpenSsl keyTool;
  private static TestServer seeded;
  private static KmsClient kms;
  /** The data key pairs, by spec: their seeded key ids and public keys (SPKI DER). */
  private static final Map<DataKeyPairSpec, String> KEY_IDS = new EnumMap<>(DataKeyPairSpec.class);
  private static final Map<DataKeyPairSpec, byte[]> PUBLIC_KEYS = new EnumMap<>(DataKeyPairSpec.class);
  private static final Map<DataKeyPairSpec, String> PRIVATE_KEY_PEMS = new EnumMap<>(DataKeyPairSpec.class);
  /** The seeded HMAC keys' ids and material (hex). */
  private static final Map<MacAlgorithmSpec, String> MAC_KEY_IDS = new EnumMap<>(MacAlgorithmSpec.class);
  private static final Map<MacAlgorithmSpec, String> MAC_KEYS_HEX = new EnumMap<>(MacAlgorithmSpec.class);

  @TempDir Path dir;

  @BeforeAll
  static void generateKeysAndSeedASecondServer() throws IOException {
    keyTool = OpenSsl.in(keys);
    StringBuilder seed = new StringBuilder("keys:\n");
    int n = 0;
    try (TestServer first = TestServer.dev(); KmsClient firstKms = first.kms()) {
      String wrappingKey = firstKms.createKey(b -> b.description("wraps data key pairs")).keyMetadata().keyId();
      for (DataKeyPairSpec spec : List.of(
          DataKeyPairSpec.ECC_NIST_P256, DataKeyPairSpec.ECC_NIST_P384, DataKeyPairSpec.ECC_NIST_P521,
          DataKeyPairSpec.ECC_SECG_P256_K1, DataKeyPairSpec.RSA_2048, DataKeyPairSpec.ECC_NIST_EDWARDS25519)) {
        GenerateDataKeyPairResponse pair =
            firstKms.generateDataKeyPair(b -> b.keyId(wrappingKey).keyPairSpec(spec));
        String pem = keyTool.privateKeyPem(spec.toString(), pair.privateKeyPlaintext().asByteArray());
        String keyId = "0e5d0000-0000-4000-8000-1000000000" + String.format("%02d", ++n);
        KEY_IDS.put(spec, keyId);
        PUBLIC_KEYS.put(spec, pair.publicKey().asByteArray());
        PRIVATE_KEY_PEMS.put(spec, pem);
        seedAsymmetricKey(seed, keyId, keySpecOf(spec), pem);
      }
    }
    keyTool.ok("genpkey", "-algorithm", "ED25519", "-out", "openssl-ed25519.pem");
    seedAsymmetricKey(seed, OPENSSL_ED25519_KEY_ID, "ECC_NIST_EDWARDS25519", "openssl-ed25519.pem");
    for (MacAlgorithmSpec mac : List.of(
        MacAlgorithmSpec.HMAC_SHA_224, MacAlgorithmSpec.HMAC_SHA_256, MacAlgorithmSpec.HMAC_SHA_384,
        MacAlgorithmSpec.HMAC_SHA_512)) {
      String bits = mac.toString().substring(mac.toString().length() - 3);
      String keyId = "0e5d0000-0000-4000-8000-2000000000" + String.format("%02d", ++n);
      String hex = HexFormat.of().formatHex(random(Integer.parseInt(bits) / 8));
      MAC_KEY_IDS.put(mac, keyId);
      MAC_KEYS_HEX.put(mac, hex);
      seed.append("  - keyId: ").append(keyId).append('\n')
          .append("    keySpec: HMAC_").append(bits).append('\n')
          .append("    keyUsage: GENERATE_VERIFY_MAC\n")
          .append("    materialHex: ").append(hex).append('\n');
    }
    Path seedFile = keys.resolve("seed.yaml");
    Files.writeString(seedFile, seed, StandardCharsets.UTF_8);
    seeded = TestServer.start(ServerOptions.devInMemory().withSeedFile(seedFile));
    kms = seeded.kms();
  }

  @AfterAll
  static void stop() {
    if (kms != null) {
      kms.close();
    }
    if (seeded != null) {
      seeded.close();
    }
  }

  /** An OpenSSL signature made with a data key pair's private key. */
  record Case(DataKeyPairSpec spec, SigningAlgorithmSpec algorithm) {
    @Override
    public String toString() {
      return spec + " " + algorithm;
    }

    String digest() {
      String name = algorithm.toString();
      return "-sha" + name.substring(name.length() - 3);
    }

    boolean pss() {
      return algorithm.toString().startsWith("RSASSA_PSS_");
    }

    /** RSASSA-PKCS1-v1_5 is deterministic: every signer gives the same bytes. */
    boolean deterministic() {
      return algorithm.toString().startsWith("RSASSA_PKCS1_");
    }
  }

  static Stream<Case> hashThenSignCases() {
    return Stream.of(
        new Case(DataKeyPairSpec.ECC_NIST_P256, SigningAlgorithmSpec.ECDSA_SHA_256),
        new Case(DataKeyPairSpec.ECC_NIST_P384, SigningAlgorithmSpec.ECDSA_SHA_384),
        new Case(DataKeyPairSpec.ECC_NIST_P521, SigningAlgorithmSpec.ECDSA_SHA_512),
        new Case(DataKeyPairSpec.ECC_SECG_P256_K1, SigningAlgorithmSpec.ECDSA_SHA_256),
        new Case(DataKeyPairSpec.RSA_2048, SigningAlgorithmSpec.RSASSA_PSS_SHA_256),
        new Case(DataKeyPairSpec.RSA_2048, SigningAlgorithmSpec.RSASSA_PSS_SHA_512),
        new Case(DataKeyPairSpec.RSA_2048, SigningAlgorithmSpec.RSASSA_PKCS1_V1_5_SHA_256),
        new Case(DataKeyPairSpec.RSA_2048, SigningAlgorithmSpec.RSASSA_PKCS1_V1_5_SHA_384));
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(value = DataKeyPairSpec.class, names = {
      "ECC_NIST_P256", "ECC_NIST_P384", "ECC_NIST_P521", "ECC_SECG_P256_K1", "RSA_2048", "ECC_NIST_EDWARDS25519"})
  void seededDataKeyPair_getPublicKeyIsTheDataKeyPairsPublicKeyAndOpenSslsToo(DataKeyPairSpec spec) {
    byte[] fromKeywarden = kms.getPublicKey(b -> b.keyId(KEY_IDS.get(spec))).publicKey().asByteArray();

    assertArrayEquals(PUBLIC_KEYS.get(spec), fromKeywarden, "GetPublicKey of the seeded key");
    assertArrayEquals(keyTool.publicKeyDerOf(PRIVATE_KEY_PEMS.get(spec)), fromKeywarden,
        "the SubjectPublicKeyInfo OpenSSL derives from the private key");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("hashThenSignCases")
  void openSslSignatureOfMessage_keywardenVerifiesRawAndAsDigest(Case c) {
    OpenSsl openssl = OpenSsl.in(dir);
    String keyId = KEY_IDS.get(c.spec());
    byte[] message = random(4096);
    openssl.write("msg", message);
    List<String> sign = new ArrayList<>(List.of(
        "dgst", c.digest(), "-sign", keys.resolve(PRIVATE_KEY_PEMS.get(c.spec())).toString(), "-out", "sig"));
    if (c.pss()) {
      sign.addAll(List.of(
          "-sigopt", "rsa_padding_mode:pss", "-sigopt", "rsa_pss_saltlen:digest",
          "-sigopt", "rsa_mgf1_md:" + c.digest().substring(1)));
    }
    sign.add("msg");
    openssl.ok(sign.toArray(String[]::new));
    byte[] signature = openssl.read("sig");
    openssl.ok("dgst", c.digest(), "-binary", "-out", "msg.digest", "msg");
    byte[] digest = openssl.read("msg.digest");

    assertValid(verify(keyId, c.algorithm(), MessageType.RAW, message, signature), keyId, c.algorithm());
    assertValid(verify(keyId, c.algorithm(), MessageType.DIGEST, digest, signature), keyId, c.algorithm());
    byte[] tampered = message.clone();
    tampered[0] ^= 1;
    assertThrows(KmsInvalidSignatureException.class,
        () -> verify(keyId, c.algorithm(), MessageType.RAW, tampered, signature));
    if (c.deterministic()) {
      assertArrayEquals(signature, sign(keyId, c.algorithm(), message),
          "Keywarden's PKCS #1 v1.5 signature with the same key is OpenSSL's, byte for byte");
    }
  }

  @Test
  void openSslEd25519KeyAndSignature_keywardenVerifiesAndSignsTheSameBytes() {
    openSslEd25519Signature_keywardenVerifiesAndSignsTheSameBytes(
        OPENSSL_ED25519_KEY_ID, keys.resolve("openssl-ed25519.pem"));
  }

  @Test
  void dataKeyPairEd25519Signature_keywardenVerifiesAndSignsTheSameBytes() {
    openSslEd25519Signature_keywardenVerifiesAndSignsTheSameBytes(
        KEY_IDS.get(DataKeyPairSpec.ECC_NIST_EDWARDS25519),
        keys.resolve(PRIVATE_KEY_PEMS.get(DataKeyPairSpec.ECC_NIST_EDWARDS25519)));
  }

  private void openSslEd25519Signature_keywardenVerifiesAndSignsTheSameBytes(String keyId, Path privateKey) {
    OpenSsl openssl = OpenSsl.in(dir);
    byte[] message = random(4096);
    openssl.write("msg", message);
    openssl.ok("pkeyutl", "-sign", "-inkey", privateKey.toString(), "-rawin", "-in", "msg", "-out", "sig");
    byte[] signature = openssl.read("sig");

    SigningAlgorithmSpec ed25519 = SigningAlgorithmSpec.ED25519_SHA_512;
    assertValid(verify(keyId, ed25519, MessageType.RAW, message, signature), keyId, ed25519);
    byte[] tampered = message.clone();
    tampered[4095] ^= 1;
    assertThrows(KmsInvalidSignatureException.class,
        () -> verify(keyId, ed25519, MessageType.RAW, tampered, signature));
    // Ed25519 is deterministic (RFC 8032): the same key signs the same message with the same bytes.
    assertArrayEquals(signature, sign(keyId, ed25519, message), "Keywarden's Ed25519 signature");
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(value = MacAlgorithmSpec.class, names = {"HMAC_SHA_224", "HMAC_SHA_256", "HMAC_SHA_384", "HMAC_SHA_512"})
  void openSslHmacWithSeededMaterial_isGenerateMacAndVerifyMacAcceptsIt(MacAlgorithmSpec algorithm) {
    OpenSsl openssl = OpenSsl.in(dir);
    String keyId = MAC_KEY_IDS.get(algorithm);
    String bits = algorithm.toString().substring(algorithm.toString().length() - 3);
    byte[] message = random(4096);
    openssl.write("msg", message);
    openssl.ok("dgst", "-sha" + bits, "-mac", "HMAC", "-macopt", "hexkey:" + MAC_KEYS_HEX.get(algorithm),
        "-binary", "-out", "mac", "msg");
    byte[] mac = openssl.read("mac");
    assertEquals(Integer.parseInt(bits) / 8, mac.length);

    byte[] generated = kms.generateMac(b -> b.keyId(keyId).macAlgorithm(algorithm)
        .message(SdkBytes.fromByteArray(message))).mac().asByteArray();
    assertArrayEquals(mac, generated, "GenerateMac is OpenSSL's HMAC under the seeded material");
    assertTrue(kms.verifyMac(b -> b.keyId(keyId).macAlgorithm(algorithm)
        .message(SdkBytes.fromByteArray(message)).mac(SdkBytes.fromByteArray(mac))).macValid());
    byte[] wrong = mac.clone();
    wrong[0] ^= 1;
    assertThrows(KmsInvalidMacException.class, () -> kms.verifyMac(b -> b.keyId(keyId).macAlgorithm(algorithm)
        .message(SdkBytes.fromByteArray(message)).mac(SdkBytes.fromByteArray(wrong))));
  }

  private static void seedAsymmetricKey(StringBuilder seed, String keyId, String keySpec, String pemFile) {
    seed.append("  - keyId: ").append(keyId).append('\n')
        .append("    keySpec: ").append(keySpec).append('\n')
        .append("    keyUsage: SIGN_VERIFY\n")
        .append("    privateKeyPem: |\n");
    String pem = new String(keyTool.read(pemFile), StandardCharsets.US_ASCII);
    assertTrue(pem.startsWith("-----BEGIN PRIVATE KEY-----"), pemFile + " is not a PKCS #8 PEM");
    pem.lines().forEach(line -> seed.append("      ").append(line).append('\n'));
  }

  private static String keySpecOf(DataKeyPairSpec spec) {
    // The key specs of data key pairs are the KMS key specs of the same names.
    return spec.toString();
  }

  private static VerifyResponse verify(
      String keyId, SigningAlgorithmSpec algorithm, MessageType type, byte[] message, byte[] signature) {
    return kms.verify(b -> b.keyId(keyId)
        .signingAlgorithm(algorithm)
        .messageType(type)
        .message(SdkBytes.fromByteArray(message))
        .signature(SdkBytes.fromByteArray(signature)));
  }

  private static byte[] sign(String keyId, SigningAlgorithmSpec algorithm, byte[] message) {
    return kms.sign(b -> b.keyId(keyId).signingAlgorithm(algorithm).messageType(MessageType.RAW)
            .message(SdkBytes.fromByteArray(message)))
        .signature()
        .asByteArray();
  }

  private static void assertValid(VerifyResponse r, String keyId, SigningAlgorithmSpec algorithm) {
    assertTrue(r.signatureValid());
    assertEquals(algorithm, r.signingAlgorithm());
    assertTrue(r.keyId().endsWith(":key/" + keyId), r.keyId());
  }

  private static byte[] random(int n) {
    byte[] b = new byte[n];
    new SecureRandom().nextBytes(b);
    return b;
  }
}

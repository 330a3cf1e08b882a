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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
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
 * PrivateKeyPlaintext, written as PEM by OpenSSL) and keys OpenSSL generates itself ({@code openssl
 * genpkey}, as docs/seed-files.md suggests); each is seeded into a second dev server as a
 * SIGN_VERIFY key. HMAC keys are seeded with known material, so OpenSSL computes the same MACs as
 * GenerateMac.
 */
class KeywardenVerifiesOpenSslSignaturesTest {
  @TempDir static Path keys;

  private static OpenSsl keyTool;
  private static TestServer seeded;
  private static KmsClient kms;
  /** The seeded signing keys by name ("data key pair ECC_NIST_P256", "openssl P-256", ...). */
  private static final Map<String, SeededKey> SIGNING_KEYS = new LinkedHashMap<>();
  /** The seeded HMAC keys' ids and material (hex). */
  private static final Map<MacAlgorithmSpec, String> MAC_KEY_IDS = new EnumMap<>(MacAlgorithmSpec.class);
  private static final Map<MacAlgorithmSpec, String> MAC_KEYS_HEX = new EnumMap<>(MacAlgorithmSpec.class);

  @TempDir Path dir;

  /**
   * A private key seeded as a KMS key.
   *
   * @param pem the PKCS #8 PEM file, in {@link #keys}
   * @param publicKey the SubjectPublicKeyInfo its source gave: the data key pair's PublicKey, or
   *     {@code null} for keys OpenSSL generated
   */
  record SeededKey(String name, String keySpec, String keyId, String pem, byte[] publicKey) {
    @Override
    public String toString() {
      return name;
    }
  }

  @BeforeAll
  static void generateKeysAndSeedASecondServer() throws IOException {
    keyTool = OpenSsl.in(keys);
    try (TestServer first = TestServer.dev(); KmsClient firstKms = first.kms()) {
      String wrappingKey = firstKms.createKey(b -> b.description("wraps data key pairs")).keyMetadata().keyId();
      for (DataKeyPairSpec spec : List.of(
          DataKeyPairSpec.ECC_NIST_P256, DataKeyPairSpec.ECC_NIST_P384, DataKeyPairSpec.ECC_NIST_P521,
          DataKeyPairSpec.ECC_SECG_P256_K1, DataKeyPairSpec.RSA_2048, DataKeyPairSpec.ECC_NIST_EDWARDS25519)) {
        GenerateDataKeyPairResponse pair =
            firstKms.generateDataKeyPair(b -> b.keyId(wrappingKey).keyPairSpec(spec));
        // The key specs of data key pairs are the KMS key specs of the same names.
        addSigningKey("data key pair " + spec, spec.toString(),
            keyTool.privateKeyPem("pair-" + spec, pair.privateKeyPlaintext().asByteArray()),
            pair.publicKey().asByteArray());
      }
    }
    opensslKey("openssl P-256", "ECC_NIST_P256", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256");
    opensslKey("openssl P-384", "ECC_NIST_P384", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-384");
    opensslKey("openssl P-521", "ECC_NIST_P521", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-521");
    opensslKey("openssl secp256k1", "ECC_SECG_P256K1", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:secp256k1");
    opensslKey("openssl RSA 3072", "RSA_3072", "-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:3072");
    opensslKey("openssl Ed25519", "ECC_NIST_EDWARDS25519", "-algorithm", "ED25519");

    StringBuilder seed = new StringBuilder("keys:\n");
    for (SeededKey k : SIGNING_KEYS.values()) {
      seed.append("  - keyId: ").append(k.keyId()).append('\n')
          .append("    description: ").append(k.name()).append('\n')
          .append("    keySpec: ").append(k.keySpec()).append('\n')
          .append("    keyUsage: SIGN_VERIFY\n")
          .append("    privateKeyPem: |\n");
      String pem = new String(keyTool.read(k.pem()), StandardCharsets.US_ASCII);
      assertTrue(pem.startsWith("-----BEGIN PRIVATE KEY-----"), k.pem() + " is not a PKCS #8 PEM");
      pem.lines().forEach(line -> seed.append("      ").append(line).append('\n'));
    }
    for (MacAlgorithmSpec mac : List.of(
        MacAlgorithmSpec.HMAC_SHA_224, MacAlgorithmSpec.HMAC_SHA_256, MacAlgorithmSpec.HMAC_SHA_384,
        MacAlgorithmSpec.HMAC_SHA_512)) {
      String keyId = keyId(20 + MAC_KEY_IDS.size());
      String hex = HexFormat.of().formatHex(random(bits(mac) / 8));
      MAC_KEY_IDS.put(mac, keyId);
      MAC_KEYS_HEX.put(mac, hex);
      seed.append("  - keyId: ").append(keyId).append('\n')
          .append("    keySpec: HMAC_").append(bits(mac)).append('\n')
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

  /** An OpenSSL signature made with a seeded key's private key. */
  record Case(SeededKey key, SigningAlgorithmSpec algorithm) {
    @Override
    public String toString() {
      return key + " " + algorithm;
    }

    String digest() {
      return "-sha" + bits(algorithm);
    }

    boolean pss() {
      return algorithm.toString().startsWith("RSASSA_PSS_");
    }

    /** RSASSA-PKCS1-v1_5 is deterministic: every signer gives the same bytes. */
    boolean deterministic() {
      return algorithm.toString().startsWith("RSASSA_PKCS1_");
    }
  }

  static Stream<SeededKey> seededKeys() {
    return SIGNING_KEYS.values().stream();
  }

  static Stream<Case> hashThenSignCases() {
    List<Case> cases = new ArrayList<>();
    for (SeededKey k : SIGNING_KEYS.values()) {
      switch (k.keySpec()) {
        case "ECC_NIST_P256", "ECC_SECG_P256K1" -> cases.add(new Case(k, SigningAlgorithmSpec.ECDSA_SHA_256));
        case "ECC_NIST_P384" -> cases.add(new Case(k, SigningAlgorithmSpec.ECDSA_SHA_384));
        case "ECC_NIST_P521" -> cases.add(new Case(k, SigningAlgorithmSpec.ECDSA_SHA_512));
        case "RSA_2048", "RSA_3072" -> {
          cases.add(new Case(k, SigningAlgorithmSpec.RSASSA_PSS_SHA_256));
          cases.add(new Case(k, SigningAlgorithmSpec.RSASSA_PSS_SHA_512));
          cases.add(new Case(k, SigningAlgorithmSpec.RSASSA_PKCS1_V1_5_SHA_256));
          cases.add(new Case(k, SigningAlgorithmSpec.RSASSA_PKCS1_V1_5_SHA_384));
        }
        default -> { } // Ed25519: ed25519Cases
      }
    }
    return cases.stream();
  }

  static Stream<SeededKey> ed25519Keys() {
    return SIGNING_KEYS.values().stream().filter(k -> k.keySpec().equals("ECC_NIST_EDWARDS25519"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("seededKeys")
  void seededKey_getPublicKeyIsWhatOpenSslDerivesFromThePrivateKey(SeededKey k) {
    byte[] fromKeywarden = kms.getPublicKey(b -> b.keyId(k.keyId())).publicKey().asByteArray();

    assertArrayEquals(keyTool.publicKeyDerOf(k.pem()), fromKeywarden,
        "GetPublicKey against the SubjectPublicKeyInfo OpenSSL derives from the private key");
    if (k.publicKey() != null) {
      assertArrayEquals(k.publicKey(), fromKeywarden, "GetPublicKey against the data key pair's PublicKey");
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("hashThenSignCases")
  void openSslSignatureOfMessage_keywardenVerifiesRawAndAsDigest(Case c) {
    OpenSsl openssl = OpenSsl.in(dir);
    String keyId = c.key().keyId();
    byte[] message = random(4096);
    openssl.write("msg", message);
    List<String> sign = new ArrayList<>(List.of(
        "dgst", c.digest(), "-sign", keys.resolve(c.key().pem()).toString(), "-out", "sig"));
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

  @ParameterizedTest(name = "{0}")
  @MethodSource("ed25519Keys")
  void openSslEd25519Signature_keywardenVerifiesAndSignsTheSameBytes(SeededKey k) {
    OpenSsl openssl = OpenSsl.in(dir);
    byte[] message = random(4096);
    openssl.write("msg", message);
    openssl.ok("pkeyutl", "-sign", "-inkey", keys.resolve(k.pem()).toString(), "-rawin", "-in", "msg", "-out", "sig");
    byte[] signature = openssl.read("sig");

    SigningAlgorithmSpec ed25519 = SigningAlgorithmSpec.ED25519_SHA_512;
    assertValid(verify(k.keyId(), ed25519, MessageType.RAW, message, signature), k.keyId(), ed25519);
    byte[] tampered = message.clone();
    tampered[4095] ^= 1;
    assertThrows(KmsInvalidSignatureException.class,
        () -> verify(k.keyId(), ed25519, MessageType.RAW, tampered, signature));
    // Ed25519 is deterministic (RFC 8032): the same key signs the same message with the same bytes.
    assertArrayEquals(signature, sign(k.keyId(), ed25519, message), "Keywarden's Ed25519 signature");
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(value = MacAlgorithmSpec.class, names = {"HMAC_SHA_224", "HMAC_SHA_256", "HMAC_SHA_384", "HMAC_SHA_512"})
  void openSslHmacWithSeededMaterial_isGenerateMacAndVerifyMacAcceptsIt(MacAlgorithmSpec algorithm) {
    OpenSsl openssl = OpenSsl.in(dir);
    String keyId = MAC_KEY_IDS.get(algorithm);
    byte[] message = random(4096);
    openssl.write("msg", message);
    openssl.ok("dgst", "-sha" + bits(algorithm), "-mac", "HMAC", "-macopt", "hexkey:" + MAC_KEYS_HEX.get(algorithm),
        "-binary", "-out", "mac", "msg");
    byte[] mac = openssl.read("mac");
    assertEquals(bits(algorithm) / 8, mac.length);

    byte[] generated = kms.generateMac(b -> b.keyId(keyId).macAlgorithm(algorithm)
        .message(SdkBytes.fromByteArray(message))).mac().asByteArray();
    assertArrayEquals(mac, generated, "GenerateMac against OpenSSL's HMAC under the seeded material");
    assertTrue(kms.verifyMac(b -> b.keyId(keyId).macAlgorithm(algorithm)
        .message(SdkBytes.fromByteArray(message)).mac(SdkBytes.fromByteArray(mac))).macValid());
    byte[] wrong = mac.clone();
    wrong[0] ^= 1;
    assertThrows(KmsInvalidMacException.class, () -> kms.verifyMac(b -> b.keyId(keyId).macAlgorithm(algorithm)
        .message(SdkBytes.fromByteArray(message)).mac(SdkBytes.fromByteArray(wrong))));
  }

  /** {@code openssl genpkey ARGS} writes a PKCS #8 PEM private key, seeded as a key of that spec. */
  private static void opensslKey(String name, String keySpec, String... genpkeyArgs) {
    String pem = name.replace(' ', '-') + ".pem";
    List<String> args = new ArrayList<>(List.of("genpkey"));
    args.addAll(List.of(genpkeyArgs));
    args.addAll(List.of("-out", pem));
    keyTool.ok(args.toArray(String[]::new));
    addSigningKey(name, keySpec, pem, null);
  }

  private static void addSigningKey(String name, String keySpec, String pem, byte[] publicKey) {
    SIGNING_KEYS.put(name, new SeededKey(name, keySpec, keyId(SIGNING_KEYS.size()), pem, publicKey));
  }

  private static String keyId(int n) {
    return String.format("0e5d0000-0000-4000-8000-%012d", n);
  }

  /** The hash size at the end of an algorithm's name: 224, 256, 384 or 512. */
  private static int bits(Object algorithm) {
    String name = algorithm.toString();
    return Integer.parseInt(name.substring(name.length() - 3));
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

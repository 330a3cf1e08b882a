package io.keywarden.it.openssl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.keywarden.it.TestServer;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.model.GetPublicKeyResponse;
import software.amazon.awssdk.services.kms.model.KeySpec;
import software.amazon.awssdk.services.kms.model.KeyUsageType;
import software.amazon.awssdk.services.kms.model.MessageType;
import software.amazon.awssdk.services.kms.model.SigningAlgorithmSpec;

/**
 * OpenSSL verifies Keywarden's signatures with nothing but the public key from GetPublicKey: RSASSA-PSS
 * (salt as long as the hash) and PKCS #1 v1.5 with each SHA-2 size, ECDSA on each curve (DER
 * signatures), Ed25519. RAW messages, and DIGEST messages hashed by OpenSSL, signed as digests by
 * Keywarden and verified by OpenSSL over the original message. Each case also shows that OpenSSL
 * rejects the signature for a message with one bit changed, so a pass means OpenSSL checked.
 *
 * <p>Not covered, as the installed OpenSSL 3.0 lacks them: ED25519_PH_SHA_512 (Ed25519ph arrived in
 * OpenSSL 3.2) and ML_DSA_SHAKE_256 (ML-DSA arrived in OpenSSL 3.5).
 */
class OpenSslVerifiesKeywardenSignaturesTest {
  /** RAW messages go up to 4096 bytes: sign the largest. */
  private static final int MAX_RAW_MESSAGE = 4096;

  private static TestServer server;
  private static KmsClient kms;
  /** One SIGN_VERIFY key per spec, created when a case first needs it. */
  private static final Map<KeySpec, String> KEYS = new ConcurrentHashMap<>();

  @TempDir Path dir;

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

  /** A signing algorithm on a key spec. */
  record Case(KeySpec spec, SigningAlgorithmSpec algorithm) {
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
  }

  /** Every RSA algorithm on RSA_2048, the larger moduli once each, ECDSA on each curve. */
  static Stream<Case> hashThenSignCases() {
    List<Case> cases = new ArrayList<>();
    for (SigningAlgorithmSpec a : List.of(
        SigningAlgorithmSpec.RSASSA_PSS_SHA_256, SigningAlgorithmSpec.RSASSA_PSS_SHA_384,
        SigningAlgorithmSpec.RSASSA_PSS_SHA_512, SigningAlgorithmSpec.RSASSA_PKCS1_V1_5_SHA_256,
        SigningAlgorithmSpec.RSASSA_PKCS1_V1_5_SHA_384, SigningAlgorithmSpec.RSASSA_PKCS1_V1_5_SHA_512)) {
      cases.add(new Case(KeySpec.RSA_2048, a));
    }
    cases.add(new Case(KeySpec.RSA_3072, SigningAlgorithmSpec.RSASSA_PSS_SHA_384));
    cases.add(new Case(KeySpec.RSA_3072, SigningAlgorithmSpec.RSASSA_PKCS1_V1_5_SHA_256));
    cases.add(new Case(KeySpec.RSA_4096, SigningAlgorithmSpec.RSASSA_PSS_SHA_512));
    cases.add(new Case(KeySpec.RSA_4096, SigningAlgorithmSpec.RSASSA_PKCS1_V1_5_SHA_512));
    cases.add(new Case(KeySpec.ECC_NIST_P256, SigningAlgorithmSpec.ECDSA_SHA_256));
    cases.add(new Case(KeySpec.ECC_NIST_P384, SigningAlgorithmSpec.ECDSA_SHA_384));
    cases.add(new Case(KeySpec.ECC_NIST_P521, SigningAlgorithmSpec.ECDSA_SHA_512));
    cases.add(new Case(KeySpec.ECC_SECG_P256_K1, SigningAlgorithmSpec.ECDSA_SHA_256));
    return cases.stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("hashThenSignCases")
  void rawMessage_openSslVerifiesSignatureWithPublicKey(Case c) {
    OpenSsl openssl = OpenSsl.in(dir);
    String keyId = key(c.spec());
    String pub = openssl.publicKeyPem("pub", publicKey(keyId, c.spec()));
    byte[] message = random(MAX_RAW_MESSAGE);
    openssl.write("msg", message);

    byte[] signature = sign(keyId, c.algorithm(), MessageType.RAW, message);
    openssl.write("sig", signature);

    OpenSsl.Result verified = openssl.run(verifyArgs(c, pub, "msg"));
    assertEquals(0, verified.exitCode(), verified::describe);
    assertEquals("Verified OK", verified.stdout().strip(), verified::describe);
    assertRejectsTampered(openssl, verifyArgs(c, pub, tampered(openssl, message)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("hashThenSignCases")
  void digestOfMessage_openSslVerifiesSignatureOverMessage(Case c) {
    OpenSsl openssl = OpenSsl.in(dir);
    String keyId = key(c.spec());
    String pub = openssl.publicKeyPem("pub", publicKey(keyId, c.spec()));
    byte[] message = random(100_000); // DIGEST lets the message be as long as it likes
    openssl.write("msg", message);
    openssl.ok("dgst", c.digest(), "-binary", "-out", "msg.digest", "msg");
    byte[] digest = openssl.read("msg.digest");

    byte[] signature = sign(keyId, c.algorithm(), MessageType.DIGEST, digest);
    openssl.write("sig", signature);

    OpenSsl.Result verified = openssl.run(verifyArgs(c, pub, "msg"));
    assertEquals(0, verified.exitCode(), verified::describe);
    assertEquals("Verified OK", verified.stdout().strip(), verified::describe);
    assertRejectsTampered(openssl, verifyArgs(c, pub, tampered(openssl, message)));
  }

  @Test
  void ed25519RawMessage_openSslVerifiesSignatureWithPublicKey() {
    OpenSsl openssl = OpenSsl.in(dir);
    String keyId = key(KeySpec.ECC_NIST_EDWARDS25519);
    String pub = openssl.publicKeyPem("pub", publicKey(keyId, KeySpec.ECC_NIST_EDWARDS25519));
    byte[] message = random(MAX_RAW_MESSAGE);
    openssl.write("msg", message);

    byte[] signature = sign(keyId, SigningAlgorithmSpec.ED25519_SHA_512, MessageType.RAW, message);
    assertEquals(64, signature.length, "an Ed25519 signature is R || S, 64 bytes");
    openssl.write("sig", signature);

    OpenSsl.Result verified = openssl.ok(
        "pkeyutl", "-verify", "-pubin", "-inkey", pub, "-rawin", "-in", "msg", "-sigfile", "sig");
    assertEquals("Signature Verified Successfully", verified.stdout().strip(), verified::describe);
    String bad = tampered(openssl, message);
    OpenSsl.Result rejected = openssl.run(
        "pkeyutl", "-verify", "-pubin", "-inkey", pub, "-rawin", "-in", bad, "-sigfile", "sig");
    assertEquals(1, rejected.exitCode(), rejected::describe);
    assertTrue(rejected.stdout().contains("Signature Verification Failure"), rejected::describe);
  }

  private static String[] verifyArgs(Case c, String pub, String messageFile) {
    List<String> args = new ArrayList<>(List.of("dgst", c.digest(), "-verify", pub, "-signature", "sig"));
    if (c.pss()) {
      // KMS's RSASSA-PSS: MGF1 over the same hash, salt as long as the hash (OpenSSL checks it).
      args.addAll(List.of(
          "-sigopt", "rsa_padding_mode:pss",
          "-sigopt", "rsa_pss_saltlen:digest",
          "-sigopt", "rsa_mgf1_md:" + c.digest().substring(1)));
    }
    args.add(messageFile);
    return args.toArray(String[]::new);
  }

  /** The message with its last bit flipped, written to a file: returns the file's name. */
  private static String tampered(OpenSsl openssl, byte[] message) {
    byte[] bad = message.clone();
    bad[bad.length - 1] ^= 1;
    return openssl.write("msg.tampered", bad);
  }

  private static void assertRejectsTampered(OpenSsl openssl, String[] verifyTampered) {
    OpenSsl.Result r = openssl.run(verifyTampered);
    assertEquals(1, r.exitCode(), () -> "OpenSSL accepted a tampered message:\n" + r.describe());
    assertEquals("Verification failure", r.stdout().strip(), r::describe);
  }

  private static String key(KeySpec spec) {
    return KEYS.computeIfAbsent(
        spec,
        s -> kms.createKey(b -> b.keySpec(s).keyUsage(KeyUsageType.SIGN_VERIFY)).keyMetadata().keyId());
  }

  private static byte[] publicKey(String keyId, KeySpec spec) {
    GetPublicKeyResponse r = kms.getPublicKey(b -> b.keyId(keyId));
    assertEquals(spec, r.keySpec());
    assertEquals(KeyUsageType.SIGN_VERIFY, r.keyUsage());
    return r.publicKey().asByteArray();
  }

  private static byte[] sign(String keyId, SigningAlgorithmSpec algorithm, MessageType type, byte[] message) {
    return kms.sign(b -> b.keyId(keyId)
            .signingAlgorithm(algorithm)
            .messageType(type)
            .message(SdkBytes.fromByteArray(message)))
        .signature()
        .asByteArray();
  }

  private static byte[] random(int n) {
    byte[] b = new byte[n];
    new SecureRandom().nextBytes(b);
    return b;
  }
}

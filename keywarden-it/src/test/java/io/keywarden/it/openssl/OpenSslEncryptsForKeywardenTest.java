package io.keywarden.it.openssl;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.keywarden.it.TestServer;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
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
import software.amazon.awssdk.services.kms.model.EncryptionAlgorithmSpec;
import software.amazon.awssdk.services.kms.model.GetPublicKeyResponse;
import software.amazon.awssdk.services.kms.model.InvalidCiphertextException;
import software.amazon.awssdk.services.kms.model.KeySpec;
import software.amazon.awssdk.services.kms.model.KeyUsageType;

/**
 * OpenSSL encrypts with the RSA public key from GetPublicKey (RSAES-OAEP, SHA-1 or SHA-256 with MGF1
 * over the same hash, as KMS documents) and Keywarden's Decrypt returns the plaintext: the offline
 * encryption of the seeds, where clients hold only the public key.
 */
class OpenSslEncryptsForKeywardenTest {
  private static TestServer server;
  private static KmsClient kms;
  /** One ENCRYPT_DECRYPT key per RSA size, created when a case first needs it. */
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

  /** An OAEP algorithm on an RSA size, and the most plaintext it carries: k - 2·hLen - 2. */
  record Case(KeySpec spec, EncryptionAlgorithmSpec algorithm, int maxPlaintext) {
    @Override
    public String toString() {
      return spec + " " + algorithm + " " + maxPlaintext + " bytes";
    }

    String hash() {
      return algorithm == EncryptionAlgorithmSpec.RSAES_OAEP_SHA_1 ? "sha1" : "sha256";
    }

    int modulusBytes() {
      return Integer.parseInt(spec.toString().substring(4)) / 8;
    }
  }

  /** Each RSA size with each OAEP hash, at the recorded plaintext limits (214 ... 446 bytes). */
  static Stream<Case> cases() {
    List<Case> cases = new ArrayList<>();
    cases.add(new Case(KeySpec.RSA_2048, EncryptionAlgorithmSpec.RSAES_OAEP_SHA_1, 214));
    cases.add(new Case(KeySpec.RSA_2048, EncryptionAlgorithmSpec.RSAES_OAEP_SHA_256, 190));
    cases.add(new Case(KeySpec.RSA_3072, EncryptionAlgorithmSpec.RSAES_OAEP_SHA_1, 342));
    cases.add(new Case(KeySpec.RSA_3072, EncryptionAlgorithmSpec.RSAES_OAEP_SHA_256, 318));
    cases.add(new Case(KeySpec.RSA_4096, EncryptionAlgorithmSpec.RSAES_OAEP_SHA_1, 470));
    cases.add(new Case(KeySpec.RSA_4096, EncryptionAlgorithmSpec.RSAES_OAEP_SHA_256, 446));
    return cases.stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void openSslOaepCiphertextOfLargestPlaintext_keywardenDecrypts(Case c) {
    OpenSsl openssl = OpenSsl.in(dir);
    String keyId = key(c.spec());
    String pub = openssl.publicKeyPem("pub", publicKey(keyId, c));
    byte[] plaintext = random(c.maxPlaintext());
    openssl.write("plaintext", plaintext);

    openssl.ok(oaepEncrypt(pub, c.hash(), c.hash()));
    byte[] ciphertext = openssl.read("ciphertext");
    assertEquals(c.modulusBytes(), ciphertext.length, "an RSA ciphertext is as long as the modulus");

    assertArrayEquals(plaintext, decrypt(keyId, c.algorithm(), ciphertext));
    assertArrayEquals(plaintext, decrypt(keyId, c.algorithm(), ciphertext), "RSA-OAEP decrypts again");
  }

  @Test
  void openSslOaepSha256Ciphertext_decryptedAsSha1_isInvalidCiphertext() {
    OpenSsl openssl = OpenSsl.in(dir);
    String keyId = key(KeySpec.RSA_2048);
    String pub = openssl.publicKeyPem("pub", kms.getPublicKey(b -> b.keyId(keyId)).publicKey().asByteArray());
    openssl.write("plaintext", random(32));
    openssl.ok(oaepEncrypt(pub, "sha256", "sha256"));
    byte[] ciphertext = openssl.read("ciphertext");

    assertThrows(InvalidCiphertextException.class,
        () -> decrypt(keyId, EncryptionAlgorithmSpec.RSAES_OAEP_SHA_1, ciphertext));
  }

  @Test
  void openSslOaepSha256WithMgf1Sha1_isInvalidCiphertext() {
    // The JDK's "OAEPWithSHA-256AndMGF1Padding" default: SHA-256 for the label hash, SHA-1 for MGF1.
    // KMS's RSAES_OAEP_SHA_256 uses MGF1-SHA-256, so such a ciphertext must not decrypt.
    OpenSsl openssl = OpenSsl.in(dir);
    String keyId = key(KeySpec.RSA_2048);
    String pub = openssl.publicKeyPem("pub", kms.getPublicKey(b -> b.keyId(keyId)).publicKey().asByteArray());
    openssl.write("plaintext", random(32));
    openssl.ok(oaepEncrypt(pub, "sha256", "sha1"));
    byte[] ciphertext = openssl.read("ciphertext");

    assertThrows(InvalidCiphertextException.class,
        () -> decrypt(keyId, EncryptionAlgorithmSpec.RSAES_OAEP_SHA_256, ciphertext));
  }

  @Test
  void hybridEncryption_openSslWrapsAesKeyAndEncryptsFile_keywardenUnwrapsKeyThatDecryptsIt() {
    // A client holding only the public key: a fresh AES-256 key encrypts the data (OpenSSL enc), the
    // public key wraps the AES key; later Keywarden unwraps the AES key and the data decrypts.
    OpenSsl openssl = OpenSsl.in(dir);
    String keyId = key(KeySpec.RSA_3072);
    String pub = openssl.publicKeyPem("pub", kms.getPublicKey(b -> b.keyId(keyId)).publicKey().asByteArray());
    byte[] data = random(50_000);
    openssl.write("data", data);
    openssl.ok("rand", "-out", "plaintext", "32");
    String aesKeyHex = HexFormat.of().formatHex(openssl.read("plaintext"));
    String iv = HexFormat.of().formatHex(random(16));
    openssl.ok("enc", "-aes-256-cbc", "-K", aesKeyHex, "-iv", iv, "-in", "data", "-out", "data.enc");
    openssl.ok(oaepEncrypt(pub, "sha256", "sha256"));
    byte[] wrappedKey = openssl.read("ciphertext");
    openssl.write("plaintext", new byte[0]); // the client forgets the AES key

    byte[] unwrapped = decrypt(keyId, EncryptionAlgorithmSpec.RSAES_OAEP_SHA_256, wrappedKey);
    openssl.ok("enc", "-d", "-aes-256-cbc", "-K", HexFormat.of().formatHex(unwrapped), "-iv", iv,
        "-in", "data.enc", "-out", "data.dec");

    assertArrayEquals(data, openssl.read("data.dec"));
  }

  /** {@code openssl pkeyutl -encrypt} of file "plaintext" into "ciphertext" with RSAES-OAEP. */
  private static String[] oaepEncrypt(String pub, String oaepHash, String mgf1Hash) {
    return new String[] {
      "pkeyutl", "-encrypt", "-pubin", "-inkey", pub, "-in", "plaintext", "-out", "ciphertext",
      "-pkeyopt", "rsa_padding_mode:oaep",
      "-pkeyopt", "rsa_oaep_md:" + oaepHash,
      "-pkeyopt", "rsa_mgf1_md:" + mgf1Hash
    };
  }

  private static String key(KeySpec spec) {
    return KEYS.computeIfAbsent(
        spec,
        s -> kms.createKey(b -> b.keySpec(s).keyUsage(KeyUsageType.ENCRYPT_DECRYPT)).keyMetadata().keyId());
  }

  private static byte[] publicKey(String keyId, Case c) {
    GetPublicKeyResponse r = kms.getPublicKey(b -> b.keyId(keyId));
    assertEquals(c.spec(), r.keySpec());
    assertEquals(KeyUsageType.ENCRYPT_DECRYPT, r.keyUsage());
    assertEquals(
        List.of(EncryptionAlgorithmSpec.RSAES_OAEP_SHA_1, EncryptionAlgorithmSpec.RSAES_OAEP_SHA_256),
        r.encryptionAlgorithms());
    return r.publicKey().asByteArray();
  }

  private static byte[] decrypt(String keyId, EncryptionAlgorithmSpec algorithm, byte[] ciphertext) {
    return kms.decrypt(b -> b.keyId(keyId)
            .encryptionAlgorithm(algorithm)
            .ciphertextBlob(SdkBytes.fromByteArray(ciphertext)))
        .plaintext()
        .asByteArray();
  }

  private static byte[] random(int n) {
    byte[] b = new byte[n];
    new SecureRandom().nextBytes(b);
    return b;
  }
}

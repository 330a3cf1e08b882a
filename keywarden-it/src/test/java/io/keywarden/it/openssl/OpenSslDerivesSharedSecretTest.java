package io.keywarden.it.openssl;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.keywarden.it.TestServer;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.model.DeriveSharedSecretResponse;
import software.amazon.awssdk.services.kms.model.KeyAgreementAlgorithmSpec;
import software.amazon.awssdk.services.kms.model.KeySpec;
import software.amazon.awssdk.services.kms.model.KeyUsageType;

/**
 * ECDH both ways round: a peer whose key pair OpenSSL generates derives, with {@code openssl pkeyutl
 * -derive} and the KMS key's public key from GetPublicKey, the very shared secret that
 * DeriveSharedSecret returns for the peer's public key (the raw x-coordinate, no KDF).
 */
class OpenSslDerivesSharedSecretTest {
  private static TestServer server;
  private static KmsClient kms;

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

  @ParameterizedTest(name = "{0}")
  @CsvSource({"ECC_NIST_P256, P-256, 32", "ECC_NIST_P384, P-384, 48", "ECC_NIST_P521, P-521, 66"})
  void openSslPeer_derivesTheSharedSecretDeriveSharedSecretReturns(
      KeySpec spec, String curve, int secretLength) {
    OpenSsl openssl = OpenSsl.in(dir);
    String keyId = kms.createKey(b -> b.keySpec(spec).keyUsage(KeyUsageType.KEY_AGREEMENT)).keyMetadata().keyId();
    String kmsPublicKey = openssl.publicKeyPem("kms-pub",
        kms.getPublicKey(b -> b.keyId(keyId)).publicKey().asByteArray());
    openssl.ok("genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:" + curve, "-out", "peer.pem");
    byte[] peerPublicKey = openssl.publicKeyDerOf("peer.pem");

    openssl.ok("pkeyutl", "-derive", "-inkey", "peer.pem", "-peerkey", kmsPublicKey, "-out", "secret");
    byte[] opensslSecret = openssl.read("secret");
    DeriveSharedSecretResponse r = kms.deriveSharedSecret(b -> b.keyId(keyId)
        .keyAgreementAlgorithm(KeyAgreementAlgorithmSpec.ECDH)
        .publicKey(SdkBytes.fromByteArray(peerPublicKey)));

    assertEquals(secretLength, opensslSecret.length, "the x-coordinate, as long as the field");
    assertArrayEquals(opensslSecret, r.sharedSecret().asByteArray(), "Keywarden's and OpenSSL's secrets");
    assertEquals(KeyAgreementAlgorithmSpec.ECDH, r.keyAgreementAlgorithm());
  }
}

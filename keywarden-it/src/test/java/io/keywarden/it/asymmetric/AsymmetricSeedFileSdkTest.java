package io.keywarden.it.asymmetric;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.keywarden.it.TestServer;
import io.keywarden.server.ServerOptions;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.model.EncryptionAlgorithmSpec;
import software.amazon.awssdk.services.kms.model.KeyAgreementAlgorithmSpec;
import software.amazon.awssdk.services.kms.model.KeyMetadata;
import software.amazon.awssdk.services.kms.model.KeySpec;
import software.amazon.awssdk.services.kms.model.KeyUsageType;
import software.amazon.awssdk.services.kms.model.MacAlgorithmSpec;
import software.amazon.awssdk.services.kms.model.MessageType;
import software.amazon.awssdk.services.kms.model.SigningAlgorithmSpec;

/**
 * Seed files (docs/seed-files.md) with asymmetric keys given as PKCS#8 PEM, generated here by the JDK
 * (Bouncy Castle for ML-DSA), and HMAC keys with fixed material: what one dev server signs, MACs or
 * encrypts, a second one started with the same seed verifies, recomputes or decrypts, and the test
 * itself, holding the private keys and the HMAC material, gets the same results.
 */
class AsymmetricSeedFileSdkTest {
  private static final String P256_ID = "5b0c8a6e-1f2d-4c3b-9a8e-7d6c5b4a3f21";
  private static final String ED25519_ID = "6c1d9b7f-2a3e-4d4c-8b9f-8e7d6c5b4a32";
  private static final String ML_DSA_ID = "7d2eac80-3b4f-4e5d-9ca0-9f8e7d6c5b43";
  private static final String RSA_ID = "8e3fbd91-4c50-4f6e-8db1-a09f8e7d6c54";
  private static final String ECDH_ID = "9f40cea2-5d61-4a7f-9ec2-b1a09f8e7d65";
  private static final Map<KeySpec, String> HMAC_IDS = Map.of(
      KeySpec.HMAC_224, "a051dfb3-6e72-4b80-8fd3-c2b1a09f8e76",
      KeySpec.HMAC_256, "b162e0c4-7f83-4c91-90e4-d3c2b1a09f87",
      KeySpec.HMAC_384, "c273f1d5-8094-4da2-a1f5-e4d3c2b1a098",
      KeySpec.HMAC_512, "d38402e6-91a5-4eb3-b206-f5e4d3c2b1a9");

  private static KeyPair p256;
  private static KeyPair ed25519;
  private static KeyPair mlDsa;
  private static KeyPair rsa;
  private static KeyPair ecdh;
  /** Test-only HMAC material: bytes 0, 1, 2, ... of the spec's length. */
  private static final Map<KeySpec, byte[]> HMAC_MATERIAL = new LinkedHashMap<>();

  @TempDir Path dir;

  @BeforeAll
  static void keys() throws GeneralSecurityException {
    p256 = IndependentCrypto.generateKeyPair(KeySpec.ECC_NIST_P256);
    ed25519 = IndependentCrypto.generateKeyPair(KeySpec.ECC_NIST_EDWARDS25519);
    rsa = IndependentCrypto.generateKeyPair(KeySpec.RSA_2048);
    ecdh = IndependentCrypto.generateKeyPair(KeySpec.ECC_NIST_P384);
    mlDsa = KeyPairGenerator.getInstance("ML-DSA-44", IndependentCrypto.BC).generateKeyPair();
    for (KeySpec spec : List.of(KeySpec.HMAC_224, KeySpec.HMAC_256, KeySpec.HMAC_384, KeySpec.HMAC_512)) {
      byte[] m = new byte[AwsKeySpecs.macLength(spec)];
      for (int i = 0; i < m.length; i++) {
        m[i] = (byte) i;
      }
      HMAC_MATERIAL.put(spec, m);
    }
  }

  @Test
  void seededKeys_haveTheirSpecUsageAliasesAndThePemsPublicKey() throws IOException {
    try (TestServer server = seeded(writeSeed()); KmsClient kms = server.kms()) {
      Map<String, Object[]> expected = new LinkedHashMap<>();
      expected.put(P256_ID, new Object[] {KeySpec.ECC_NIST_P256, KeyUsageType.SIGN_VERIFY, p256});
      expected.put(ED25519_ID, new Object[] {KeySpec.ECC_NIST_EDWARDS25519, KeyUsageType.SIGN_VERIFY, ed25519});
      expected.put(ML_DSA_ID, new Object[] {KeySpec.ML_DSA_44, KeyUsageType.SIGN_VERIFY, mlDsa});
      expected.put(RSA_ID, new Object[] {KeySpec.RSA_2048, KeyUsageType.ENCRYPT_DECRYPT, rsa});
      expected.put(ECDH_ID, new Object[] {KeySpec.ECC_NIST_P384, KeyUsageType.KEY_AGREEMENT, ecdh});
      expected.forEach((id, e) -> {
        KeyMetadata m = kms.describeKey(r -> r.keyId(id)).keyMetadata();
        assertEquals(e[0], m.keySpec(), id);
        assertEquals(e[1], m.keyUsage(), id);
        byte[] spki = kms.getPublicKey(r -> r.keyId(id)).publicKey().asByteArray();
        assertArrayEquals(((KeyPair) e[2]).getPublic().getEncoded(), spki, "public key of " + e[0]);
      });
      HMAC_IDS.forEach((spec, id) -> {
        KeyMetadata m = kms.describeKey(r -> r.keyId(id)).keyMetadata();
        assertEquals(spec, m.keySpec());
        assertEquals(List.of(AwsKeySpecs.macAlgorithm(spec)), m.macAlgorithms());
      });
      assertEquals(P256_ID, kms.describeKey(r -> r.keyId("alias/seeded-signer")).keyMetadata().keyId());
    }
  }

  @Test
  void seededSigningKeys_signaturesOfOneServer_verifyInAnother_andWithThePemsPublicKey() throws IOException {
    Path seed = writeSeed();
    byte[] message = "signed by a seeded key".getBytes(StandardCharsets.UTF_8);
    byte[] prehashed = IndependentCrypto.digest("SHA-512", message);
    // {key id, algorithm, message type, message, spec, key pair}
    List<Object[]> cases = List.of(
        new Object[] {P256_ID, SigningAlgorithmSpec.ECDSA_SHA_256, MessageType.RAW, message, KeySpec.ECC_NIST_P256, p256},
        new Object[] {ED25519_ID, SigningAlgorithmSpec.ED25519_SHA_512, MessageType.RAW, message,
            KeySpec.ECC_NIST_EDWARDS25519, ed25519},
        new Object[] {ED25519_ID, SigningAlgorithmSpec.ED25519_PH_SHA_512, MessageType.DIGEST, prehashed,
            KeySpec.ECC_NIST_EDWARDS25519, ed25519},
        new Object[] {ML_DSA_ID, SigningAlgorithmSpec.ML_DSA_SHAKE_256, MessageType.RAW, message, KeySpec.ML_DSA_44, mlDsa});
    List<SdkBytes> signatures = new ArrayList<>();
    try (TestServer first = seeded(seed); KmsClient kms = first.kms()) {
      for (Object[] c : cases) {
        signatures.add(kms.sign(r -> r.keyId((String) c[0]).signingAlgorithm((SigningAlgorithmSpec) c[1])
            .messageType((MessageType) c[2]).message(SdkBytes.fromByteArray((byte[]) c[3]))).signature());
      }
    }
    try (TestServer second = seeded(seed); KmsClient kms = second.kms()) {
      for (int i = 0; i < cases.size(); i++) {
        Object[] c = cases.get(i);
        SdkBytes signature = signatures.get(i);
        assertTrue(kms.verify(r -> r.keyId((String) c[0]).signingAlgorithm((SigningAlgorithmSpec) c[1])
            .messageType((MessageType) c[2]).message(SdkBytes.fromByteArray((byte[]) c[3])).signature(signature))
            .signatureValid(), c[1] + " in the second server");
        assertTrue(IndependentCrypto.verify((KeySpec) c[4], (SigningAlgorithmSpec) c[1],
            ((KeyPair) c[5]).getPublic().getEncoded(), (byte[]) c[3], signature.asByteArray()),
            c[1] + " with the public key of the PEM");
      }
      // And the reverse: the test signs with the PEM's private key, Keywarden verifies.
      byte[] ours = IndependentCrypto.sign(KeySpec.ECC_NIST_P256, SigningAlgorithmSpec.ECDSA_SHA_256,
          p256.getPrivate(), message);
      assertTrue(kms.verify(r -> r.keyId(P256_ID).signingAlgorithm(SigningAlgorithmSpec.ECDSA_SHA_256)
          .message(SdkBytes.fromByteArray(message)).signature(SdkBytes.fromByteArray(ours))).signatureValid());
    }
  }

  @Test
  void seededHmacKeys_macsAreEqualAcrossServers_andEqualToTheJcasHmacOfTheMaterial() throws IOException {
    Path seed = writeSeed();
    SdkBytes message = SdkBytes.fromUtf8String("MAC me");
    Map<KeySpec, byte[]> first = new LinkedHashMap<>();
    try (TestServer server = seeded(seed); KmsClient kms = server.kms()) {
      HMAC_IDS.forEach((spec, id) -> first.put(spec, kms.generateMac(r -> r.keyId(id).message(message)
          .macAlgorithm(AwsKeySpecs.macAlgorithm(spec))).mac().asByteArray()));
    }
    try (TestServer server = seeded(seed); KmsClient kms = server.kms()) {
      HMAC_IDS.forEach((spec, id) -> {
        MacAlgorithmSpec a = AwsKeySpecs.macAlgorithm(spec);
        byte[] mac = kms.generateMac(r -> r.keyId(id).message(message).macAlgorithm(a)).mac().asByteArray();
        assertArrayEquals(first.get(spec), mac, spec + " across servers");
        String jca = "Hmac" + a.toString().substring("HMAC_".length()).replace("_", "");
        assertArrayEquals(IndependentCrypto.hmac(jca, HMAC_MATERIAL.get(spec), message.asByteArray()), mac,
            spec + " equals the JCA's " + jca + " of the seeded material");
      });
    }
  }

  @Test
  void seededRsaAndKeyAgreementKeys_workWithTheTestsHalfOfTheKeyPair() throws IOException {
    Path seed = writeSeed();
    byte[] plaintext = "for the seeded RSA key".getBytes(StandardCharsets.UTF_8);
    SdkBytes ciphertext;
    try (TestServer first = seeded(seed); KmsClient kms = first.kms()) {
      ciphertext = kms.encrypt(r -> r.keyId(RSA_ID).plaintext(SdkBytes.fromByteArray(plaintext))
          .encryptionAlgorithm(EncryptionAlgorithmSpec.RSAES_OAEP_SHA_256)).ciphertextBlob();
    }
    try (TestServer second = seeded(seed); KmsClient kms = second.kms()) {
      assertArrayEquals(plaintext, kms.decrypt(r -> r.keyId(RSA_ID).ciphertextBlob(ciphertext)
          .encryptionAlgorithm(EncryptionAlgorithmSpec.RSAES_OAEP_SHA_256)).plaintext().asByteArray());
      try {
        javax.crypto.Cipher c = javax.crypto.Cipher.getInstance("RSA/ECB/OAEPWithSHA-1AndMGF1Padding");
        c.init(javax.crypto.Cipher.DECRYPT_MODE, rsa.getPrivate());
        byte[] sha1 = kms.encrypt(r -> r.keyId(RSA_ID).plaintext(SdkBytes.fromByteArray(plaintext))
            .encryptionAlgorithm(EncryptionAlgorithmSpec.RSAES_OAEP_SHA_1)).ciphertextBlob().asByteArray();
        assertArrayEquals(plaintext, c.doFinal(sha1), "the PEM's private key decrypts Keywarden's OAEP SHA-1");
      } catch (GeneralSecurityException e) {
        throw new AssertionError(e);
      }

      KeyPair peer = IndependentCrypto.generateKeyPair(KeySpec.ECC_NIST_P384);
      byte[] secret = kms.deriveSharedSecret(r -> r.keyId(ECDH_ID).keyAgreementAlgorithm(KeyAgreementAlgorithmSpec.ECDH)
          .publicKey(SdkBytes.fromByteArray(peer.getPublic().getEncoded()))).sharedSecret().asByteArray();
      assertArrayEquals(IndependentCrypto.ecdh(ecdh.getPrivate(), KeySpec.ECC_NIST_P384, peer.getPublic().getEncoded()),
          secret, "ECDH(seeded private key, peer public key)");
    }
  }

  @Test
  void reset_bringsSeededAsymmetricAndHmacKeysBackWithTheirMaterial() throws IOException, InterruptedException {
    try (TestServer server = seeded(writeSeed()); KmsClient kms = server.kms()) {
      SdkBytes message = SdkBytes.fromUtf8String("before reset");
      byte[] mac = kms.generateMac(r -> r.keyId(HMAC_IDS.get(KeySpec.HMAC_256)).message(message)
          .macAlgorithm(MacAlgorithmSpec.HMAC_SHA_256)).mac().asByteArray();
      kms.scheduleKeyDeletion(r -> r.keyId(P256_ID).pendingWindowInDays(7));

      HttpResponse<String> reset = HttpClient.newHttpClient().send(
          HttpRequest.newBuilder(server.endpoint().resolve("/_keywarden/reset"))
              .POST(HttpRequest.BodyPublishers.noBody()).build(),
          HttpResponse.BodyHandlers.ofString());
      assertEquals(200, reset.statusCode(), reset.body());

      assertEquals("Enabled", kms.describeKey(r -> r.keyId(P256_ID)).keyMetadata().keyStateAsString());
      assertArrayEquals(p256.getPublic().getEncoded(),
          kms.getPublicKey(r -> r.keyId(P256_ID)).publicKey().asByteArray());
      assertArrayEquals(mac, kms.generateMac(r -> r.keyId(HMAC_IDS.get(KeySpec.HMAC_256)).message(message)
          .macAlgorithm(MacAlgorithmSpec.HMAC_SHA_256)).mac().asByteArray());
    }
  }

  /** A PEM of another curve, size or algorithm than the keySpec, or material of the wrong length: refused at start. */
  @Test
  void seedFile_materialThatIsNotOfTheKeySpec_refusesToStart() throws IOException {
    KeyPair p521 = IndependentCrypto.generateKeyPair(KeySpec.ECC_NIST_P521);
    Map<String, String> entries = new LinkedHashMap<>();
    entries.put("a P-256 PEM as ECC_NIST_P384", asymmetric(P256_ID, "ECC_NIST_P384", "SIGN_VERIFY", p256));
    entries.put("a P-521 PEM as ECC_NIST_P256", asymmetric(P256_ID, "ECC_NIST_P256", "SIGN_VERIFY", p521));
    entries.put("an RSA-2048 PEM as RSA_3072", asymmetric(RSA_ID, "RSA_3072", "ENCRYPT_DECRYPT", rsa));
    entries.put("an Ed25519 PEM as ECC_NIST_P256", asymmetric(P256_ID, "ECC_NIST_P256", "SIGN_VERIFY", ed25519));
    entries.put("a P-256 PEM as RSA_2048", asymmetric(RSA_ID, "RSA_2048", "SIGN_VERIFY", p256));
    entries.put("32 bytes as HMAC_384", hmac(HMAC_IDS.get(KeySpec.HMAC_384), "HMAC_384", HMAC_MATERIAL.get(KeySpec.HMAC_256)));
    entries.put("an Ed25519 key for KEY_AGREEMENT",
        asymmetric(ED25519_ID, "ECC_NIST_EDWARDS25519", "KEY_AGREEMENT", ed25519));
    entries.put("an HMAC key for SIGN_VERIFY", hmac(HMAC_IDS.get(KeySpec.HMAC_256), "HMAC_256",
        HMAC_MATERIAL.get(KeySpec.HMAC_256)).replace("GENERATE_VERIFY_MAC", "SIGN_VERIFY"));
    assertRefused(entries);
  }

  /**
   * secp256k1 and P-256 both have 256-bit group orders; a P-256 PEM seeded as ECC_SECG_P256K1 is a key of
   * another curve and must be refused as the others are (else GetPublicKey answers a P-256 SPKI for a
   * key whose KeySpec says secp256k1).
   */
  @Test
  void seedFile_p256PemAsSecp256k1_refusesToStart() throws IOException {
    assertRefused(Map.of("a P-256 PEM as ECC_SECG_P256K1",
        asymmetric(P256_ID, "ECC_SECG_P256K1", "SIGN_VERIFY", p256)));
  }

  @Test
  void seedFile_secp256k1PemAsP256_refusesToStart() throws IOException {
    KeyPair k1 = IndependentCrypto.generateKeyPair(KeySpec.ECC_SECG_P256_K1);
    assertRefused(Map.of("a secp256k1 PEM as ECC_NIST_P256", asymmetric(P256_ID, "ECC_NIST_P256", "SIGN_VERIFY", k1)));
  }

  /** An ML-DSA-44 key seeded as ML_DSA_65 is not an ML_DSA_65 key (its SPKI and signatures are ML-DSA-44's). */
  @Test
  void seedFile_mlDsaPemOfAnotherParameterSet_refusesToStart() throws IOException {
    assertRefused(Map.of("an ML-DSA-44 PEM as ML_DSA_65", asymmetric(ML_DSA_ID, "ML_DSA_65", "SIGN_VERIFY", mlDsa)));
  }

  // ------------------------------------------------------------------------------ helpers

  private void assertRefused(Map<String, String> entries) throws IOException {
    for (Map.Entry<String, String> e : entries.entrySet()) {
      Path seed = dir.resolve("bad-" + Math.abs(e.getKey().hashCode()) + ".yaml");
      Files.writeString(seed, "keys:\n" + e.getValue());
      // If the server starts, it is closed at once and the assertion fails.
      RuntimeException refused = assertThrows(RuntimeException.class, () -> seeded(seed).close(),
          e.getKey() + " was accepted");
      assertTrue(refused instanceof IllegalArgumentException, () -> e.getKey() + ": " + refused);
    }
  }

  private static TestServer seeded(Path seed) {
    return TestServer.start(ServerOptions.devInMemory().withSeedFile(seed));
  }

  private Path writeSeed() throws IOException {
    StringBuilder y = new StringBuilder("region: us-east-1\nkeys:\n");
    y.append(asymmetric(P256_ID, "ECC_NIST_P256", "SIGN_VERIFY", p256)).append("    aliases: [alias/seeded-signer]\n");
    y.append(asymmetric(ED25519_ID, "ECC_NIST_EDWARDS25519", "SIGN_VERIFY", ed25519));
    y.append(asymmetric(ML_DSA_ID, "ML_DSA_44", "SIGN_VERIFY", mlDsa));
    y.append(asymmetric(RSA_ID, "RSA_2048", "ENCRYPT_DECRYPT", rsa));
    y.append(asymmetric(ECDH_ID, "ECC_NIST_P384", "KEY_AGREEMENT", ecdh));
    HMAC_IDS.forEach((spec, id) -> y.append(hmac(id, spec.toString(), HMAC_MATERIAL.get(spec))));
    Path seed = dir.resolve("seed.yaml");
    Files.writeString(seed, y.toString());
    return seed;
  }

  private static String asymmetric(String keyId, String spec, String usage, KeyPair pair) {
    StringBuilder y = new StringBuilder();
    y.append("  - keyId: ").append(keyId).append('\n');
    y.append("    keySpec: ").append(spec).append('\n');
    y.append("    keyUsage: ").append(usage).append('\n');
    y.append("    privateKeyPem: |\n");
    for (String line : IndependentCrypto.pem(pair.getPrivate()).split("\n")) {
      y.append("      ").append(line).append('\n');
    }
    return y.toString();
  }

  /** HMAC_256 by hex, the others by base64: both forms are documented. */
  private static String hmac(String keyId, String spec, byte[] material) {
    String m = spec.equals("HMAC_256")
        ? "    materialHex: " + HexFormat.of().formatHex(material)
        : "    material: " + java.util.Base64.getEncoder().encodeToString(material);
    return "  - keyId: " + keyId + "\n    keySpec: " + spec + "\n    keyUsage: GENERATE_VERIFY_MAC\n" + m + "\n";
  }
}

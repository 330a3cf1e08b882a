package io.keywarden.it.openssl;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.keywarden.it.TestServer;
import io.keywarden.server.ServerOptions;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a developer meets seeding keys that OpenSSL wrote (docs/seed-files.md): the older {@code BEGIN
 * EC PRIVATE KEY} form is refused with the command that converts it, the converted key works, and a
 * key that does not fit its keySpec stops the start with a message that says which key is wrong.
 */
class SeedFileOpenSslKeysTest {
  private static final String KEY_ID = "5eed0000-0000-4000-8000-000000000001";

  @TempDir Path dir;

  @Test
  void traditionalEcPrivateKeyPem_isRefusedWithTheConversionCommand_convertedKeyWorks() throws IOException {
    OpenSsl openssl = OpenSsl.in(dir);
    openssl.ok("ecparam", "-name", "prime256v1", "-genkey", "-noout", "-out", "traditional.pem");
    assertTrue(new String(openssl.read("traditional.pem"), StandardCharsets.US_ASCII)
        .startsWith("-----BEGIN EC PRIVATE KEY-----"), "openssl ecparam -genkey writes the SEC 1 form");
    Path seed = seedFile("ECC_NIST_P256", "traditional.pem");

    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> TestServer.start(ServerOptions.devInMemory().withSeedFile(seed)).close());
    assertTrue(e.getMessage().contains("openssl pkcs8 -topk8 -nocrypt"), e.getMessage());
    assertTrue(e.getMessage().contains("keys[1]"), e.getMessage());

    openssl.ok("pkcs8", "-topk8", "-nocrypt", "-in", "traditional.pem", "-out", "pkcs8.pem");
    Path converted = seedFile("ECC_NIST_P256", "pkcs8.pem");
    try (TestServer server = TestServer.start(ServerOptions.devInMemory().withSeedFile(converted))) {
      assertArrayEquals(openssl.publicKeyDerOf("pkcs8.pem"),
          server.kms().getPublicKey(b -> b.keyId(KEY_ID)).publicKey().asByteArray());
    }
  }

  @Test
  void pemOfAnotherCurve_startFailsNamingTheKey() throws IOException {
    // A P-384 key seeded as ECC_NIST_P256. SeedFile names the file and entry in its own errors
    // ("FILE: keys[1]: ..."), but this one comes later, from KeyPairMaterial.fromPkcs8 through
    // KmsService.seedKey, and says only "not a ECC_NIST_P256 private key (PKCS#8)".
    OpenSsl openssl = OpenSsl.in(dir);
    openssl.ok("genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-384", "-out", "p384.pem");
    Path seed = seedFile("ECC_NIST_P256", "p384.pem");

    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> TestServer.start(ServerOptions.devInMemory().withSeedFile(seed)).close());
    assertTrue(e.getMessage().contains("ECC_NIST_P256"), e.getMessage());
    assertTrue(e.getMessage().contains(KEY_ID) || e.getMessage().contains("keys[1]"),
        () -> "the message names neither the key id nor the seed entry: " + e.getMessage());
  }

  private Path seedFile(String keySpec, String pemFile) throws IOException {
    StringBuilder seed = new StringBuilder("keys:\n")
        .append("  - keyId: ").append(KEY_ID).append('\n')
        .append("    keySpec: ").append(keySpec).append('\n')
        .append("    keyUsage: SIGN_VERIFY\n")
        .append("    privateKeyPem: |\n");
    Files.readAllLines(dir.resolve(pemFile), StandardCharsets.US_ASCII)
        .forEach(line -> seed.append("      ").append(line).append('\n'));
    Path file = dir.resolve(pemFile + ".seed.yaml");
    Files.writeString(file, seed, StandardCharsets.UTF_8);
    return file;
  }
}

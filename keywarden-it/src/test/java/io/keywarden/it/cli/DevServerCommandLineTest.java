package io.keywarden.it.cli;

import static io.keywarden.it.cli.KeywardenCommandLineTest.START_TIMEOUT;
import static io.keywarden.it.cli.KeywardenCommandLineTest.ok;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.keywarden.it.TestServer;
import io.keywarden.server.ServerOptions;
import java.io.IOException;
import java.net.ConnectException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.model.DecryptResponse;
import software.amazon.awssdk.services.kms.model.ListKeysResponse;

/** {@code keywarden server --dev} from the jar: start-up time, and seed files (--seed). */
class DevServerCommandLineTest {
  private static final String SEEDED_KEY_ID = "6f1c2b9e-3a4d-4e5f-8a7b-9c0d1e2f3a4b";
  private static final String SEEDED_ALIAS = "alias/seeded-orders";
  /** Bytes 0x00..0x1f: test material, never for real data. */
  private static final String SEEDED_MATERIAL = "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=";

  @TempDir Path dir;

  /**
   * The target is a first answer under a second. This measures, and prints, the time from
   * launching the JVM to the first health answer and to the first SigV4-signed ListKeys; it asserts
   * only that both come.
   */
  @Test
  void devServer_fromLaunchToFirstSignedAnswer_isMeasured() throws Exception {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
    // Warm this JVM's HTTP client and SDK first, so that the time measured is the server's.
    try (TestServer warm = TestServer.dev(); KmsClient warmKms = warm.kms()) {
      http.send(HttpRequest.newBuilder(warm.endpoint().resolve("/_keywarden/health")).build(),
          HttpResponse.BodyHandlers.ofString());
      warmKms.listKeys();
    }
    int port = freePort();
    URI endpoint = URI.create("http://127.0.0.1:" + port);
    HttpRequest health = HttpRequest.newBuilder(endpoint.resolve("/_keywarden/health"))
        .timeout(Duration.ofSeconds(5)).build();

    KmsClient built = kmsClient(endpoint); // SDK set-up is not the server's time either
    built.close();
    long launched = System.nanoTime();
    try (KmsClient kms = kmsClient(endpoint);
        ServerProcess server = ServerProcess.start("--dev", "--port", Integer.toString(port))) {
      HttpResponse<String> first = null;
      long deadline = launched + START_TIMEOUT.toNanos();
      while (first == null) {
        try {
          first = http.send(health, HttpResponse.BodyHandlers.ofString());
        } catch (ConnectException notYet) {
          if (System.nanoTime() > deadline) {
            throw new AssertionError("no answer on " + endpoint + " after " + START_TIMEOUT + ":\n"
                + server.output());
          }
          Thread.sleep(2);
        }
      }
      long healthAnswered = System.nanoTime();
      ListKeysResponse keys = kms.listKeys();
      long signedAnswered = System.nanoTime();

      assertEquals(200, first.statusCode(), first::body);
      assertTrue(first.body().contains("\"sealed\":false"), first::body);
      assertTrue(keys.keys().isEmpty(), keys::toString);
      System.out.printf(
          "dev start-up (java -jar keywarden.jar server --dev): first /_keywarden/health answer after "
              + "%d ms, first signed ListKeys answer after %d ms (target: under 1000 ms)%n",
          (healthAnswered - launched) / 1_000_000, (signedAnswered - launched) / 1_000_000);
    }
  }

  @Test
  void devSeed_seededKeyAndAlias_existAndWorkThroughTheCli() throws Exception {
    AwsCli cli = AwsCli.v1();
    Path seed = writeSeedFile();
    Map<String, String> env = AwsCli.environment("AKIASEEDTEST", "any-secret", dir);
    try (ServerProcess server = ServerProcess.start("--dev", "--port", "0", "--seed", seed.toString())) {
      URI endpoint = server.awaitListening(START_TIMEOUT);

      assertEquals(
          SEEDED_KEY_ID + "\tseeded orders key\tEnabled",
          ok(cli.kms(endpoint, env, "describe-key", "--key-id", SEEDED_ALIAS, "--query",
              "KeyMetadata.[KeyId,Description,KeyState]", "--output", "text")));
      assertEquals(
          SEEDED_ALIAS,
          ok(cli.kms(endpoint, env, "list-aliases", "--key-id", SEEDED_KEY_ID,
              "--query", "Aliases[].AliasName", "--output", "text")));
      Path ciphertext = encryptWithCli(cli, endpoint, env);
      assertEquals("seeded", decryptWithCli(cli, endpoint, env, ciphertext));
    }
  }

  /**
   * docs/seed-files.md: seeded keys have fixed ids and material "so that test suites can hard-code
   * key ids and even precomputed ciphertexts". A ciphertext made by one dev server must therefore
   * decrypt on the next one started with the same seed file.
   */
  @Test
  void devSeed_ciphertextFromAnEarlierRunWithTheSameSeed_decryptsAfterRestart() throws Exception {
    AwsCli cli = AwsCli.v1();
    Path seed = writeSeedFile();
    Map<String, String> env = AwsCli.environment("AKIASEEDTEST", "any-secret", dir);
    Path ciphertext;
    try (ServerProcess first = ServerProcess.start("--dev", "--port", "0", "--seed", seed.toString())) {
      ciphertext = encryptWithCli(cli, first.awaitListening(START_TIMEOUT), env);
    }
    try (ServerProcess second = ServerProcess.start("--dev", "--port", "0", "--seed", seed.toString())) {
      URI endpoint = second.awaitListening(START_TIMEOUT);
      Subprocess.Result r =
          cli.kms(endpoint, env, "decrypt", "--ciphertext-blob", "fileb://" + ciphertext,
              "--encryption-context", "use=seed-test", "--query", "Plaintext", "--output", "text");
      assertEquals(0, r.exitCode(),
          () -> "a ciphertext of the seeded key from an earlier run does not decrypt (is the seeded key's"
              + " KeyMaterialId random per start?):\n" + r.describe());
      assertEquals("seeded", new String(Base64.getDecoder().decode(r.stdout().strip()), StandardCharsets.UTF_8));
    }
  }

  /** The same promise across {@code POST /_keywarden/reset}, which re-applies the seed file. */
  @Test
  void devSeed_ciphertextFromBeforeAReset_decryptsAfterIt() throws Exception {
    Path seed = writeSeedFile();
    try (TestServer server = TestServer.start(ServerOptions.devInMemory().withSeedFile(seed));
        KmsClient kms = server.kms()) {
      SdkBytes blob =
          kms.encrypt(r -> r.keyId(SEEDED_ALIAS).plaintext(SdkBytes.fromUtf8String("seeded")))
              .ciphertextBlob();
      HttpResponse<String> reset =
          HttpClient.newHttpClient()
              .send(HttpRequest.newBuilder(server.endpoint().resolve("/_keywarden/reset"))
                      .POST(HttpRequest.BodyPublishers.noBody()).build(),
                  HttpResponse.BodyHandlers.ofString());
      assertEquals(200, reset.statusCode(), reset::body);

      DecryptResponse decrypted = kms.decrypt(r -> r.ciphertextBlob(blob));
      assertEquals("seeded", decrypted.plaintext().asUtf8String());
    }
  }

  private Path writeSeedFile() throws IOException {
    Path seed = dir.resolve("seed.yaml");
    Files.writeString(
        seed,
        String.join(
            "\n",
            "keys:",
            "  - keyId: " + SEEDED_KEY_ID,
            "    description: seeded orders key",
            "    material: " + SEEDED_MATERIAL,
            "    aliases: [" + SEEDED_ALIAS + "]",
            ""));
    return seed;
  }

  private Path encryptWithCli(AwsCli cli, URI endpoint, Map<String, String> env) throws IOException {
    Path plaintext = dir.resolve("seeded.txt");
    Files.writeString(plaintext, "seeded");
    String blob =
        ok(cli.kms(endpoint, env, "encrypt", "--key-id", SEEDED_ALIAS, "--plaintext", "fileb://" + plaintext,
            "--encryption-context", "use=seed-test", "--query", "CiphertextBlob", "--output", "text"));
    Path ciphertext = dir.resolve("seeded.bin");
    Files.write(ciphertext, Base64.getDecoder().decode(blob));
    return ciphertext;
  }

  private static String decryptWithCli(AwsCli cli, URI endpoint, Map<String, String> env, Path ciphertext) {
    String plaintext =
        ok(cli.kms(endpoint, env, "decrypt", "--ciphertext-blob", "fileb://" + ciphertext,
            "--encryption-context", "use=seed-test", "--query", "Plaintext", "--output", "text"));
    return new String(Base64.getDecoder().decode(plaintext), StandardCharsets.UTF_8);
  }

  /** A KMS client for any dev endpoint, built as {@link TestServer#kms()} builds its own. */
  private static KmsClient kmsClient(URI endpoint) {
    return KmsClient.builder()
        .endpointOverride(endpoint)
        .region(TestServer.REGION)
        .credentialsProvider(
            StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIASTARTUP", "any-secret")))
        .httpClient(UrlConnectionHttpClient.create())
        .build();
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }
}

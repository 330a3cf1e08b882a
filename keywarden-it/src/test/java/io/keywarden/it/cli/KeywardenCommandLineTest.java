package io.keywarden.it.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code keywarden} command of the shaded jar, end to end as an operator runs it: {@code init},
 * a sealed {@code server}, {@code seal-status}, {@code unseal}, {@code credentials}, a restart that
 * unseals itself; then the AWS CLI v1 with the printed credentials.
 */
class KeywardenCommandLineTest {
  static final Duration START_TIMEOUT = Duration.ofSeconds(30);
  private static final String ACCOUNT = "111122223333";
  private static final Pattern ACCESS_KEY_ID = Pattern.compile("AWS_ACCESS_KEY_ID=(\\S+)");
  private static final Pattern SECRET = Pattern.compile("AWS_SECRET_ACCESS_KEY=(\\S+)");

  @TempDir Path dir;

  @Test
  void productionLifecycle_initUnsealCredentialsRestart_decryptsTheOldCiphertext() throws Exception {
    AwsCli cli = AwsCli.v1();
    Path data = dir.resolve("data");
    Path passphrase = dir.resolve("passphrase");
    Files.writeString(passphrase, "correct horse battery staple\n");

    Subprocess.Result init =
        KeywardenCommand.run(
            "init", "--data-dir", data.toString(), "--passphrase-file", passphrase.toString(),
            "--account-id", ACCOUNT);
    assertEquals(0, init.exitCode(), init::describe);
    assertTrue(init.stdout().contains("Account: " + ACCOUNT), init::describe);
    Map<String, String> admin = credentials(init);

    Path plaintext = dir.resolve("plain.txt");
    Files.writeString(plaintext, "a production secret, kept across a restart");
    Path ciphertext = dir.resolve("ciphertext.bin");
    String keyArn;
    Map<String, String> second;

    try (ServerProcess server = ServerProcess.start("--data-dir", data.toString(), "--port", "0")) {
      URI endpoint = server.awaitListening(START_TIMEOUT);
      assertTrue(server.output().contains("sealed"), server::output);

      Subprocess.Result sealed = KeywardenCommand.run("seal-status", "--endpoint", endpoint.toString());
      assertEquals(2, sealed.exitCode(), sealed::describe);
      assertTrue(sealed.stdout().contains("sealed: true"), sealed::describe);

      Subprocess.Result refused = cli.kms(endpoint, admin, "list-keys");
      assertEquals(255, refused.exitCode(), refused::describe);
      assertTrue(refused.stderr().contains("(ServiceUnavailableException)"), refused::describe);

      Subprocess.Result unseal =
          KeywardenCommand.run(
              "unseal", "--endpoint", endpoint.toString(), "--passphrase-file", passphrase.toString());
      assertEquals(0, unseal.exitCode(), unseal::describe);

      Subprocess.Result unsealed = KeywardenCommand.run("seal-status", "--endpoint", endpoint.toString());
      assertEquals(0, unsealed.exitCode(), unsealed::describe);
      assertTrue(unsealed.stdout().contains("sealed: false"), unsealed::describe);
      assertTrue(unsealed.stdout().contains("mode: production"), unsealed::describe);

      keyArn =
          ok(cli.kms(endpoint, admin, "create-key", "--description", "restart test",
              "--query", "KeyMetadata.Arn", "--output", "text"));
      assertTrue(keyArn.matches("arn:aws:kms:us-east-1:" + ACCOUNT + ":key/[0-9a-f-]{36}"), keyArn);
      String blob =
          ok(cli.kms(endpoint, admin, "encrypt", "--key-id", keyArn,
              "--plaintext", "fileb://" + plaintext, "--encryption-context", "app=restart",
              "--query", "CiphertextBlob", "--output", "text"));
      Files.write(ciphertext, Base64.getMimeDecoder().decode(blob));

      Map<String, String> wrongSecret = AwsCli.environment(admin.get("AWS_ACCESS_KEY_ID"),
          admin.get("AWS_SECRET_ACCESS_KEY") + "x", dir);
      Subprocess.Result badSignature = cli.kms(endpoint, wrongSecret, "list-keys");
      assertEquals(255, badSignature.exitCode(), badSignature::describe);
      assertTrue(badSignature.stderr().contains("(InvalidSignatureException)"), badSignature::describe);

      Subprocess.Result unknownKey =
          cli.kms(endpoint, AwsCli.environment("AKIAUNKNOWNKEY000000", "whatever", dir), "list-keys");
      assertEquals(255, unknownKey.exitCode(), unknownKey::describe);
      assertTrue(unknownKey.stderr().contains("(UnrecognizedClientException)"), unknownKey::describe);

      Subprocess.Result created =
          KeywardenCommand.run(
              "credentials", "create", "--data-dir", data.toString(),
              "--passphrase-file", passphrase.toString());
      assertEquals(0, created.exitCode(), created::describe);
      second = credentials(created);
      assertNotEquals(admin.get("AWS_ACCESS_KEY_ID"), second.get("AWS_ACCESS_KEY_ID"));
      String listed =
          ok(cli.kms(endpoint, second, "list-keys", "--query", "Keys[].KeyArn", "--output", "text"));
      assertEquals(keyArn, listed, "the second access key sees the account's key");

      Subprocess.Result list = KeywardenCommand.run("credentials", "list", "--data-dir", data.toString());
      assertEquals(0, list.exitCode(), list::describe);
      assertTrue(list.stdout().contains(admin.get("AWS_ACCESS_KEY_ID"))
          && list.stdout().contains(second.get("AWS_ACCESS_KEY_ID")), list::describe);
    } // SIGKILL: a crash, not a clean shutdown

    try (ServerProcess server =
        ServerProcess.start(
            "--data-dir", data.toString(), "--port", "0", "--passphrase-file", passphrase.toString())) {
      URI endpoint = server.awaitListening(START_TIMEOUT);
      assertTrue(server.output().contains("(unsealed)"), server::output);
      String decrypted =
          ok(cli.kms(endpoint, second, "decrypt", "--ciphertext-blob", "fileb://" + ciphertext,
              "--encryption-context", "app=restart", "--query", "[KeyId,Plaintext]", "--output", "text"));
      String[] fields = decrypted.split("\\s+");
      assertEquals(keyArn, fields[0]);
      assertEquals(
          Files.readString(plaintext),
          new String(Base64.getDecoder().decode(fields[1]), StandardCharsets.UTF_8),
          "the ciphertext made before the restart decrypts after it");
    }
  }

  /** The AWS CLI environment for the access key that {@code init} or {@code credentials create} printed. */
  private Map<String, String> credentials(Subprocess.Result printed) {
    Matcher id = ACCESS_KEY_ID.matcher(printed.stdout());
    Matcher secret = SECRET.matcher(printed.stdout());
    assertTrue(id.find() && secret.find(), printed::describe);
    return AwsCli.environment(id.group(1), secret.group(1), dir);
  }

  /** The stdout of a CLI call that must succeed, trimmed. */
  static String ok(Subprocess.Result r) {
    assertEquals(0, r.exitCode(), r::describe);
    return r.stdout().strip();
  }
}

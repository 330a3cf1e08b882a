package io.keywarden.it.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.keywarden.it.TestServer;
import io.keywarden.it.secrets.HttpRotationEndpoint;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.model.SecretsManagerException;

/**
 * {@code keywarden rotation register|list|unregister} on a production data directory while the
 * server runs as a process of its own: a registered HTTP rotation function rotates a secret, an
 * unregistered ARN cannot be invoked any more, and the dev-only {@code --rotation-function} is refused
 * in production.
 */
class RotationCommandLineTest {
  private static final String ACCOUNT = "111122223333";
  private static final String FUNCTION = "arn:aws:lambda:us-east-1:" + ACCOUNT + ":function:cli-registered";
  private static final Pattern ACCESS_KEY_ID = Pattern.compile("AWS_ACCESS_KEY_ID=(\\S+)");
  private static final Pattern SECRET = Pattern.compile("AWS_SECRET_ACCESS_KEY=(\\S+)");
  /** How long a rotation in the server process may take on a loaded machine. */
  private static final Duration ROTATION_WAIT = Duration.ofSeconds(90);

  @TempDir Path dir;

  @Test
  void registeredFunction_rotates_andUnregisteredOneCannotBeInvoked() throws Exception {
    Path data = dir.resolve("data");
    Path passphrase = dir.resolve("passphrase");
    Files.writeString(passphrase, "correct horse battery staple\n");
    Subprocess.Result init = KeywardenCommand.run("init", "--data-dir", data.toString(),
        "--passphrase-file", passphrase.toString(), "--account-id", ACCOUNT);
    assertEquals(0, init.exitCode(), init::describe);
    Matcher id = ACCESS_KEY_ID.matcher(init.stdout());
    Matcher secret = SECRET.matcher(init.stdout());
    assertTrue(id.find() && secret.find(), init::describe);

    Subprocess.Result bad = KeywardenCommand.run("rotation", "register", FUNCTION, "ftp://example.com/x",
        "--data-dir", data.toString());
    assertEquals(1, bad.exitCode(), bad::describe);
    assertTrue(bad.stderr().contains("not an http or https URL"), bad::describe);

    try (ServerProcess server = ServerProcess.start("--data-dir", data.toString(), "--port", "0",
        "--passphrase-file", passphrase.toString(), "--jobs-interval", "1")) {
      URI endpoint = server.awaitListening(KeywardenCommandLineTest.START_TIMEOUT);
      try (HttpRotationEndpoint function =
              new HttpRotationEndpoint(endpoint, id.group(1), secret.group(1));
          SecretsManagerClient sm = TestServer.secretsManager(endpoint, id.group(1), secret.group(1))) {
        Subprocess.Result registered = KeywardenCommand.run("rotation", "register", FUNCTION,
            function.url(), "--data-dir", data.toString());
        assertEquals(0, registered.exitCode(), registered::describe);
        Subprocess.Result list = KeywardenCommand.run("rotation", "list", "--data-dir", data.toString());
        assertEquals(List.of(FUNCTION + "\t" + function.url()), list.stdout().lines().toList(), list::describe);

        sm.createSecret(r -> r.name("app/api-key").secretString("{\"password\":\"first\"}"));
        String version = sm.rotateSecret(r -> r.secretId("app/api-key").rotationLambdaARN(FUNCTION))
            .versionId();
        long deadline = System.nanoTime() + ROTATION_WAIT.toNanos();
        String current = null;
        while (System.nanoTime() < deadline && !version.equals(current)) {
          Thread.sleep(200);
          current = sm.getSecretValue(r -> r.secretId("app/api-key")).versionId();
        }
        assertEquals(version, current, "the registered function rotated the secret");

        Subprocess.Result removed = KeywardenCommand.run("rotation", "unregister", FUNCTION,
            "--data-dir", data.toString());
        assertEquals(0, removed.exitCode(), removed::describe);
        SecretsManagerException refused = assertThrows(SecretsManagerException.class,
            () -> sm.rotateSecret(r -> r.secretId("app/api-key")));
        assertEquals("AccessDeniedException", refused.awsErrorDetails().errorCode());
        Subprocess.Result again = KeywardenCommand.run("rotation", "unregister", FUNCTION,
            "--data-dir", data.toString());
        assertEquals(1, again.exitCode(), again::describe);
      }
    }

    Subprocess.Result devOnly = KeywardenCommand.run("server", "--data-dir", data.toString(),
        "--rotation-function", FUNCTION + "=http://127.0.0.1:1/");
    assertEquals(2, devOnly.exitCode(), devOnly::describe);
    assertTrue(devOnly.stderr().contains("keywarden rotation register"), devOnly::describe);
  }
}

package io.keywarden.it.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.keywarden.it.TestServer;
import io.keywarden.it.secrets.HttpRotationEndpoint;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs src/test/resources/cli/secrets.sh with the AWS CLI v1 and v2 against a dev server: Secrets
 * Manager's create, get, put, list (filters, the CLI's paging), batch-get (v1 only: the v2 CLI here
 * predates it), tag, describe, delete, restore, get-random-password, rotate-secret (through an HTTP
 * rotation function the test serves) and cancel-rotate-secret, with AWS's errors. Both CLIs
 * run at once on one server.
 */
class SecretsCliScriptTest {
  // ~20 s each on a quiet machine; minutes on a loaded one (the CLIs start a Python process per call).
  private static final Duration SCRIPT_TIMEOUT = Duration.ofMinutes(10);

  @TempDir static Path home;

  private static final String ROTATION_FUNCTION =
      "arn:aws:lambda:us-east-1:000000000000:function:cli-rotator";

  private static TestServer server;
  private static HttpRotationEndpoint rotationFunction;
  private static CompletableFuture<Subprocess.Result> v1;
  private static CompletableFuture<Subprocess.Result> v2;

  @BeforeAll
  static void start() {
    server = TestServer.dev();
    try {
      rotationFunction = new HttpRotationEndpoint(server.endpoint());
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    server.keywarden().registerDevRotationFunction(ROTATION_FUNCTION, rotationFunction.url());
    v1 = CompletableFuture.supplyAsync(() -> run(AwsCli.v1(), "AKIASECRETSCLIV1", 255));
    v2 = CompletableFuture.supplyAsync(() -> run(AwsCli.v2(), "AKIASECRETSCLIV2", 254));
  }

  @AfterAll
  static void stop() {
    rotationFunction.close();
    server.close();
  }

  @Test
  void awsCliV1_everyOperationIncludingBatchGetSecretValue() {
    assertPassed(v1.join());
  }

  @Test
  void awsCliV2_everyOperationItHas() {
    assertPassed(v2.join());
  }

  private static Subprocess.Result run(AwsCli cli, String accessKey, int awsErrorExitCode) {
    Map<String, String> env = AwsCli.environment(accessKey, "secrets-cli-secret", home);
    env.put("AWS_CLI", cli.executable().toString());
    env.put("ROTATION_FUNCTION_ARN", ROTATION_FUNCTION);
    return Subprocess.run(List.of("bash", script().toString(), server.endpoint().toString(),
        Integer.toString(awsErrorExitCode)), env, SCRIPT_TIMEOUT);
  }

  private static void assertPassed(Subprocess.Result r) {
    System.out.println("secrets.sh:\n" + r.stdout());
    assertEquals(0, r.exitCode(), () -> "secrets.sh failed:\n" + r.describe());
  }

  private static Path script() {
    URL url = SecretsCliScriptTest.class.getResource("/cli/secrets.sh");
    if (url == null) {
      throw new AssertionError("no /cli/secrets.sh on the test classpath");
    }
    try {
      return Path.of(url.toURI());
    } catch (URISyntaxException e) {
      throw new AssertionError(e);
    }
  }
}

package io.keywarden.it.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.keywarden.it.TestServer;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the AWS CLI scripts of src/test/resources/cli against a dev server: real CLI, real HTTP, real
 * SigV4. Each script checks what the CLI prints and exits non-zero at the first wrong answer.
 *
 * <p>Each CLI call costs most of a second of Python start-up, so both scripts start together (one
 * server, their own keys and aliases) and each test waits for its own script's outcome.
 */
class AwsCliScriptsTest {
  private static final Duration SCRIPT_TIMEOUT = Duration.ofMinutes(5); // ~25 s on a quiet machine; 2 min seen under load

  @TempDir static Path home;

  private static TestServer server;
  private static ExecutorService runner;
  private static CompletableFuture<Subprocess.Result> v2Script;
  private static CompletableFuture<Subprocess.Result> v1Script;

  @BeforeAll
  static void startBothScripts() {
    server = TestServer.dev();
    runner = Executors.newFixedThreadPool(2);
    v2Script = start(() -> runScript("aws-cli-v2.sh", "AWS_CLI_V2", AwsCli.v2()));
    v1Script = start(() -> runScript("aws-cli-v1.sh", "AWS_CLI_V1", AwsCli.v1()));
  }

  @AfterAll
  static void stop() {
    // Subprocess.run kills a script that outlives its timeout; by now both have finished.
    runner.shutdownNow();
    server.close();
  }

  @Test
  void awsCliV2Script_coreFlowAndErrors_passes() {
    // Fails, saying `apt-get install -y awscli`, when /usr/bin/aws is missing.
    assertPassed("aws-cli-v2.sh", v2Script);
  }

  @Test
  void awsCliV1Script_rotationOldCiphertextsAndCoreFlow_passes() {
    assertPassed("aws-cli-v1.sh", v1Script);
  }

  private static CompletableFuture<Subprocess.Result> start(Supplier<Subprocess.Result> script) {
    return CompletableFuture.supplyAsync(script, runner);
  }

  private static Subprocess.Result runScript(String name, String cliVariable, AwsCli cli) {
    Map<String, String> env = AwsCli.environment("AKIACLISCRIPTTEST", "cli-script-secret", home);
    env.put(cliVariable, cli.executable().toString());
    return Subprocess.run(
        List.of("bash", script(name).toString(), server.endpoint().toString()), env, SCRIPT_TIMEOUT);
  }

  private static void assertPassed(String name, CompletableFuture<Subprocess.Result> script) {
    Subprocess.Result r;
    try {
      r = script.join();
    } catch (CompletionException e) {
      if (e.getCause() instanceof Error error) {
        throw error; // an assertion of the set-up: a missing CLI, a timeout
      }
      throw e;
    }
    System.out.println(name + ":\n" + r.stdout());
    assertEquals(0, r.exitCode(), () -> name + " failed:\n" + r.describe());
  }

  private static Path script(String name) {
    URL url = AwsCliScriptsTest.class.getResource("/cli/" + name);
    if (url == null) {
      throw new AssertionError("no /cli/" + name + " on the test classpath");
    }
    try {
      return Path.of(url.toURI());
    } catch (URISyntaxException e) {
      throw new AssertionError(e);
    }
  }
}

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
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs src/test/resources/cli/cloudtrail.sh with the AWS CLI v1 and v2 against a dev server: {@code
 * aws cloudtrail lookup-events} finds the KMS calls the script made (by event name, resource, time and
 * ReadOnly; through the CLI's own paging), CloudTrail's own errors, and {@code aws kms
 * get-key-last-usage} (v1; the v2 CLI here predates it) names the last Decrypt's event. Both CLIs run
 * at once on one server.
 */
class CloudTrailCliScriptTest {
  private static final Duration SCRIPT_TIMEOUT = Duration.ofMinutes(5); // ~20 s each on a quiet machine

  @TempDir static Path home;

  private static TestServer server;
  private static CompletableFuture<Subprocess.Result> v1;
  private static CompletableFuture<Subprocess.Result> v2;

  @BeforeAll
  static void start() {
    server = TestServer.dev();
    v1 = CompletableFuture.supplyAsync(() -> run(AwsCli.v1(), "AKIACLOUDTRAILV1", 255));
    v2 = CompletableFuture.supplyAsync(() -> run(AwsCli.v2(), "AKIACLOUDTRAILV2", 254));
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void awsCliV1_lookupEventsAndGetKeyLastUsage() {
    assertPassed(v1.join());
  }

  @Test
  void awsCliV2_lookupEvents() {
    assertPassed(v2.join());
  }

  private static Subprocess.Result run(AwsCli cli, String accessKey, int awsErrorExitCode) {
    Map<String, String> env = AwsCli.environment(accessKey, "cloudtrail-cli-secret", home);
    env.put("AWS_CLI", cli.executable().toString());
    return Subprocess.run(List.of("bash", script().toString(), server.endpoint().toString(),
        Integer.toString(awsErrorExitCode)), env, SCRIPT_TIMEOUT);
  }

  private static void assertPassed(Subprocess.Result r) {
    System.out.println("cloudtrail.sh:\n" + r.stdout());
    assertEquals(0, r.exitCode(), () -> "cloudtrail.sh failed:\n" + r.describe());
  }

  private static Path script() {
    URL url = CloudTrailCliScriptTest.class.getResource("/cli/cloudtrail.sh");
    if (url == null) {
      throw new AssertionError("no /cli/cloudtrail.sh on the test classpath");
    }
    try {
      return Path.of(url.toURI());
    } catch (URISyntaxException e) {
      throw new AssertionError(e);
    }
  }
}

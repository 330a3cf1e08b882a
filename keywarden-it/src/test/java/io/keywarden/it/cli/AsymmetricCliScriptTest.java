package io.keywarden.it.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.keywarden.it.TestServer;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs src/test/resources/cli/asymmetric-v2.sh, the AWS CLI v2 script for asymmetric signing and
 * HMAC keys (create-key, sign, verify, get-public-key checked with OpenSSL, generate-mac, verify-mac,
 * describe-key and their errors), against a dev server: real CLI, real HTTP, real SigV4.
 */
class AsymmetricCliScriptTest {
  // ~25 s on a quiet machine (about 30 CLI calls); AwsCliScriptsTest has seen 2 min under load.
  private static final Duration SCRIPT_TIMEOUT = Duration.ofMinutes(5);

  @TempDir static Path home;

  private static TestServer server;

  @BeforeAll
  static void start() {
    server = TestServer.dev();
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void asymmetricV2Script_signVerifyPublicKeyAndMacs_passes() {
    // Fails, saying `apt-get install -y awscli`, when /usr/bin/aws is missing.
    AwsCli cli = AwsCli.v2();
    Map<String, String> env = AwsCli.environment("AKIAASYMCLITEST", "asymmetric-cli-secret", home);
    env.put("AWS_CLI_V2", cli.executable().toString());

    Subprocess.Result r = Subprocess.run(
        List.of("bash", script("asymmetric-v2.sh").toString(), server.endpoint().toString()), env, SCRIPT_TIMEOUT);

    System.out.println("asymmetric-v2.sh:\n" + r.stdout());
    assertEquals(0, r.exitCode(), () -> "asymmetric-v2.sh failed:\n" + r.describe());
  }

  private static Path script(String name) {
    URL url = AsymmetricCliScriptTest.class.getResource("/cli/" + name);
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

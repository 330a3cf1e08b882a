package io.keywarden.it.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.keywarden.it.TestServer;
import io.keywarden.server.ServerOptions;
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
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.model.Tag;

/**
 * Runs src/test/resources/cli/role-profile.sh with the AWS CLI v1 and v2 against a dev server holding
 * the identities of authz/identities.yaml: roles assumed through Keywarden's STS (exported temporary
 * credentials, session tags, a credential_process profile, a role_arn profile) and used for KMS,
 * allowed on the key of the session's team and denied, with AWS's message, on the other.
 */
class RoleProfileCliScriptTest {
  private static final Duration SCRIPT_TIMEOUT = Duration.ofMinutes(5);
  // The fixed access keys of authz/identities.yaml (test fixtures that protect nothing).
  private static final String KEY_ADMIN_KEY = "AKIAKEYADMIN00000001";
  private static final String KEY_ADMIN_SECRET = "key-admin-secret-not-for-production";
  private static final String KEY_USER_KEY = "AKIAKEYUSER000000001";
  private static final String KEY_USER_SECRET = "key-user-secret-not-for-production";

  @TempDir static Path home;

  private static TestServer server;
  private static String blueKey;
  private static String redKey;
  private static ExecutorService runner;
  private static CompletableFuture<Subprocess.Result> v1Script;
  private static CompletableFuture<Subprocess.Result> v2Script;

  @BeforeAll
  static void startBothScripts() {
    server = TestServer.start(
        ServerOptions.devInMemory().withIdentitiesFile(resource("/authz/identities.yaml")));
    try (KmsClient keyAdmin = server.kms(KEY_ADMIN_KEY, KEY_ADMIN_SECRET)) {
      blueKey = teamKey(keyAdmin, "blue");
      redKey = teamKey(keyAdmin, "red");
    }
    runner = Executors.newFixedThreadPool(2);
    v1Script = start(() -> runScript(AwsCli.v1()));
    v2Script = start(() -> runScript(AwsCli.v2()));
  }

  @AfterAll
  static void stop() {
    runner.shutdownNow();
    server.close();
  }

  @Test
  void awsCliV1_roleProfileWithEndpointUrl_assumesTheRoleThroughKeywarden() {
    assertPassed("role-profile.sh (v1)", v1Script);
  }

  /** v2 2.9 cannot point a role_arn profile's STS at Keywarden: the script checks the other ways. */
  @Test
  void awsCliV2_exportedAndProcessCredentials_assumeTheRoleThroughKeywarden() {
    assertPassed("role-profile.sh (v2)", v2Script);
  }

  private static String teamKey(KmsClient keyAdmin, String team) {
    return keyAdmin.createKey(r -> r.description("role profile " + team)
        .tags(Tag.builder().tagKey("team").tagValue(team).build())).keyMetadata().arn();
  }

  private static CompletableFuture<Subprocess.Result> start(Supplier<Subprocess.Result> script) {
    return CompletableFuture.supplyAsync(script, runner);
  }

  private static Subprocess.Result runScript(AwsCli cli) {
    Map<String, String> env = AwsCli.environment(KEY_USER_KEY, KEY_USER_SECRET, home);
    env.put("AWS_CLI", cli.executable().toString());
    return Subprocess.run(
        List.of("bash", resource("/cli/role-profile.sh").toString(), server.endpoint().toString(),
            blueKey, redKey),
        env, SCRIPT_TIMEOUT);
  }

  private static void assertPassed(String name, CompletableFuture<Subprocess.Result> script) {
    Subprocess.Result r;
    try {
      r = script.join();
    } catch (CompletionException e) {
      if (e.getCause() instanceof Error error) {
        throw error; // a missing CLI, a timeout
      }
      throw e;
    }
    System.out.println(name + ":\n" + r.stdout());
    assertEquals(0, r.exitCode(), () -> name + " failed:\n" + r.describe());
  }

  private static Path resource(String name) {
    URL url = RoleProfileCliScriptTest.class.getResource(name);
    if (url == null) {
      throw new AssertionError("no " + name + " on the test classpath");
    }
    try {
      return Path.of(url.toURI());
    } catch (URISyntaxException e) {
      throw new AssertionError(e);
    }
  }
}

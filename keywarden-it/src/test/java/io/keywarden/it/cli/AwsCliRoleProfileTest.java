package io.keywarden.it.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.keywarden.it.TestServer;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The AWS CLI v1 with a {@code role_arn} profile: the CLI assumes the role through Keywarden's STS
 * with the source profile's keys (a user of the identities file), then signs with the session.
 * {@code AWS_ENDPOINT_URL} points every client at Keywarden, the CLI's own STS client included
 * ({@code --endpoint-url} alone would send AssumeRole to AWS).
 */
class AwsCliRoleProfileTest {
  @TempDir Path home;

  @Test
  void roleArnProfile_getCallerIdentity_showsTheAssumedRole() throws Exception {
    AwsCli cli = AwsCli.v1();
    Path identities = Path.of(resource("/sts/identities.yaml"));
    try (TestServer server = TestServer.dev(o -> o.withIdentitiesFile(identities))) {
      Path config = home.resolve("config");
      Files.writeString(config, String.join("\n",
          "[profile alice]",
          "region = us-east-1",
          "[profile cli]",
          "role_arn = arn:aws:iam::111122223333:role/cli-role",
          "role_session_name = cli-session",
          "source_profile = alice",
          "region = us-east-1",
          ""));
      Path credentials = home.resolve("credentials");
      Files.writeString(credentials, String.join("\n",
          "[alice]",
          "aws_access_key_id = AKIAALICE00000000001",
          "aws_secret_access_key = alice-secret-for-tests-0001",
          ""));
      Map<String, String> env = AwsCli.environment("unused", "unused", home);
      for (String variable : List.of("AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY")) {
        env.put(variable, null);
      }
      env.put("AWS_CONFIG_FILE", config.toString());
      env.put("AWS_SHARED_CREDENTIALS_FILE", credentials.toString());
      env.put("AWS_ENDPOINT_URL", server.endpoint().toString());
      // The CLI caches assumed-role credentials under ~/.aws/cli/cache: a session of an earlier
      // (ephemeral) dev server would be reused, and fall back to the dev root.
      env.put("HOME", home.toString());

      JsonNode asAlice = callerIdentity(cli, env, "alice");
      assertEquals("arn:aws:iam::111122223333:user/alice", asAlice.get("Arn").asText());

      JsonNode asRole = callerIdentity(cli, env, "cli");
      assertEquals("arn:aws:sts::111122223333:assumed-role/cli-role/cli-session",
          asRole.get("Arn").asText());
      assertEquals("111122223333", asRole.get("Account").asText());
      assertTrue(asRole.get("UserId").asText().matches("AROA[A-Z2-7]{17}:cli-session"),
          asRole.toString());
    }
  }

  private static JsonNode callerIdentity(AwsCli cli, Map<String, String> env, String profile)
      throws Exception {
    Subprocess.Result r = Subprocess.run(
        List.of(cli.executable().toString(), "sts", "get-caller-identity", "--profile", profile,
            "--output", "json"),
        env, Duration.ofSeconds(60));
    assertEquals(0, r.exitCode(), r::describe);
    return new ObjectMapper().readTree(r.stdout());
  }

  private static java.net.URI resource(String name) throws URISyntaxException {
    return AwsCliRoleProfileTest.class.getResource(name).toURI();
  }
}

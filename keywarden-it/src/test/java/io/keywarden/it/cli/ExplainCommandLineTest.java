package io.keywarden.it.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.keywarden.it.TestServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.model.KmsException;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.Credentials;
import software.amazon.awssdk.services.sts.model.Tag;

/**
 * {@code keywarden explain} from the jar against a real server: its answers agree with what the AWS SDK
 * gets when each principal makes the call itself (a user, a role session with session tags, users of
 * another account), and it signs with long-term keys, session credentials and profiles.
 */
class ExplainCommandLineTest {
  private static final String ACCOUNT = "111122223333";
  private static final String OTHER = "444455556666";
  private static final AwsBasicCredentials ADMIN =
      AwsBasicCredentials.create("AKIAADMIN00000000001", "admin-secret-for-tests-0001");
  private static final AwsBasicCredentials ALICE =
      AwsBasicCredentials.create("AKIAALICE00000000001", "alice-secret-for-tests-0001");
  private static final AwsBasicCredentials BOB =
      AwsBasicCredentials.create("AKIABOB0000000000001", "bob-secret-for-tests-00001");
  private static final AwsBasicCredentials CAROL =
      AwsBasicCredentials.create("AKIACAROL00000000001", "carol-secret-for-tests-0001");
  private static final AwsBasicCredentials DAVE =
      AwsBasicCredentials.create("AKIADAVE000000000001", "dave-secret-for-tests-00001");
  private static final ObjectMapper JSON = new ObjectMapper();

  private static TestServer server;
  private static String keyArn;

  @TempDir Path home;

  @BeforeAll
  static void start() throws Exception {
    Path identities = Path.of(ExplainCommandLineTest.class.getResource("/explain/identities.yaml").toURI());
    server = TestServer.dev(o -> o.withIdentitiesFile(identities));
    String policy = "{\"Version\":\"2012-10-17\",\"Statement\":["
        + "{\"Sid\":\"Enable IAM User Permissions\",\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"arn:aws:iam::"
        + ACCOUNT + ":root\"},\"Action\":\"kms:*\",\"Resource\":\"*\"},"
        + "{\"Sid\":\"Partner encrypts\",\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"arn:aws:iam::" + OTHER
        + ":root\"},\"Action\":\"kms:Encrypt\",\"Resource\":\"*\"}]}";
    try (KmsClient admin = kms(ADMIN)) {
      keyArn = admin.createKey(r -> r.policy(policy).tags(t -> t.tagKey("team").tagValue("blue")))
          .keyMetadata().arn();
    }
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void userDecisions_agreeWithTheirOwnCalls() {
    Subprocess.Result allowed = explain(env(ADMIN), "--principal", arn("user/alice"), "--action", "kms:Encrypt",
        "--key", keyArn);
    assertEquals(0, allowed.exitCode(), allowed.describe());
    assertTrue(allowed.stdout().startsWith("ALLOWED: " + arn("user/alice") + " may perform kms:Encrypt on " + keyArn),
        allowed.describe());
    assertTrue(allowed.stdout().contains("Allow identity policy use, statement 0: allows"), allowed.describe());
    assertNull(encryptError(ALICE, keyArn));

    Subprocess.Result denied = explain(env(ADMIN), "--principal", arn("user/bob"), "--action", "kms:Encrypt",
        "--key", keyArn);
    assertEquals(1, denied.exitCode(), denied.describe());
    String sdkMessage = encryptError(BOB, keyArn);
    assertTrue(denied.stdout().contains("Message: " + sdkMessage + "\n"), denied.describe() + "\nSDK: " + sdkMessage);
  }

  @Test
  void roleSessions_signWithSessionCredentials_andSessionTagsDecide() throws Exception {
    Credentials blue = assumeApp("ci-blue", "blue");
    AwsSessionCredentials blueSession =
        AwsSessionCredentials.create(blue.accessKeyId(), blue.secretAccessKey(), blue.sessionToken());
    String sessionArn = "arn:aws:sts::" + ACCOUNT + ":assumed-role/app/ci-blue";
    // Signed with the session's own temporary credentials (X-Amz-Security-Token).
    Subprocess.Result self = explain(env(blueSession), "--principal", sessionArn, "--session-tag", "team=blue",
        "--action", "kms:Encrypt", "--key", keyArn, "--json");
    assertEquals(0, self.exitCode(), self.describe());
    JsonNode answer = JSON.readTree(self.stdout());
    assertEquals(sessionArn, answer.get("EvaluatedPrincipal").asText());
    assertEquals("ALLOWED_BY_KEY_POLICY_AND_IDENTITY_POLICY", answer.get("Outcome").asText());
    assertNull(encryptError(blueSession, keyArn));

    Credentials green = assumeApp("ci-green", "green");
    Subprocess.Result hypothetical = explain(env(ADMIN), "--principal",
        "arn:aws:sts::" + ACCOUNT + ":assumed-role/app/ci-green", "--session-tag", "team=green",
        "--action", "kms:Encrypt", "--key", keyArn);
    assertEquals(1, hypothetical.exitCode(), hypothetical.describe());
    String sdkMessage = encryptError(
        AwsSessionCredentials.create(green.accessKeyId(), green.secretAccessKey(), green.sessionToken()), keyArn);
    assertTrue(hypothetical.stdout().contains("Message: " + sdkMessage + "\n"),
        hypothetical.describe() + "\nSDK: " + sdkMessage);
  }

  @Test
  void otherAccountsUsers_agreeWithTheirOwnCalls() throws Exception {
    Subprocess.Result carol = explain(env(ADMIN), "--principal", "arn:aws:iam::" + OTHER + ":user/carol",
        "--action", "kms:Encrypt", "--key", keyArn, "--json");
    assertEquals(0, carol.exitCode(), carol.describe());
    assertEquals("Partner encrypts", JSON.readTree(carol.stdout()).get("Basis").get(0).get("Sid").asText());
    assertNull(encryptError(CAROL, keyArn));

    Subprocess.Result dave = explain(env(ADMIN), "--principal", "arn:aws:iam::" + OTHER + ":user/dave",
        "--action", "kms:Encrypt", "--key", keyArn, "--json");
    assertEquals(1, dave.exitCode(), dave.describe());
    assertEquals(encryptError(DAVE, keyArn), JSON.readTree(dave.stdout()).get("Message").asText());
  }

  @Test
  void profileCredentials_andErrors() throws Exception {
    Path aws = Files.createDirectories(home.resolve(".aws"));
    Files.writeString(aws.resolve("credentials"), "[explainer]\naws_access_key_id = " + ADMIN.accessKeyId()
        + "\naws_secret_access_key = " + ADMIN.secretAccessKey() + "\n");
    Map<String, String> noKeys = env(null);
    Subprocess.Result byProfile = explain(noKeys, "--profile", "explainer", "--principal", arn("user/alice"),
        "--action", "kms:Decrypt", "--key", keyArn);
    assertEquals(0, byProfile.exitCode(), byProfile.describe());

    Subprocess.Result notPermitted = explain(env(BOB), "--principal", arn("user/alice"), "--action", "kms:Encrypt",
        "--key", keyArn);
    assertEquals(2, notPermitted.exitCode(), notPermitted.describe());
    assertTrue(notPermitted.stderr().contains("AccessDeniedException: User: " + arn("user/bob")
        + " is not authorized to perform: keywarden:ExplainKeyAccess"), notPermitted.describe());
    Subprocess.Result usage = explain(env(ADMIN), "--action", "kms:Encrypt");
    assertEquals(2, usage.exitCode(), usage.describe());
  }

  private Subprocess.Result explain(Map<String, String> env, String... args) {
    List<String> command = new ArrayList<>(KeywardenCommand.javaJar());
    command.add("explain");
    command.add("--endpoint");
    command.add(server.endpoint().toString());
    command.addAll(List.of(args));
    return Subprocess.run(command, env, Duration.ofSeconds(60));
  }

  /** An environment with these credentials only ({@code null}: none), and this test's home. */
  private Map<String, String> env(AwsCredentials credentials) {
    Map<String, String> env = new HashMap<>();
    for (String name : List.of("AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN", "AWS_PROFILE",
        "AWS_SHARED_CREDENTIALS_FILE", "AWS_CONFIG_FILE", "AWS_DEFAULT_REGION")) {
      env.put(name, null);
    }
    env.put("HOME", home.toString());
    env.put("AWS_REGION", TestServer.REGION.id());
    if (credentials != null) {
      env.put("AWS_ACCESS_KEY_ID", credentials.accessKeyId());
      env.put("AWS_SECRET_ACCESS_KEY", credentials.secretAccessKey());
      if (credentials instanceof AwsSessionCredentials s) {
        env.put("AWS_SESSION_TOKEN", s.sessionToken());
      }
    }
    return env;
  }

  private static String arn(String resource) {
    return "arn:aws:iam::" + ACCOUNT + ":" + resource;
  }

  private static Credentials assumeApp(String sessionName, String team) {
    try (StsClient sts = StsClient.builder().endpointOverride(server.endpoint()).region(TestServer.REGION)
        .credentialsProvider(StaticCredentialsProvider.create(ALICE))
        .httpClient(UrlConnectionHttpClient.create()).build()) {
      return sts.assumeRole(r -> r.roleArn(arn("role/app")).roleSessionName(sessionName)
          .tags(Tag.builder().key("team").value(team).build())).credentials();
    }
  }

  private static KmsClient kms(AwsCredentials credentials) {
    return KmsClient.builder().endpointOverride(server.endpoint()).region(TestServer.REGION)
        .credentialsProvider(StaticCredentialsProvider.create(credentials))
        .httpClient(UrlConnectionHttpClient.create())
        .overrideConfiguration(c -> c.retryStrategy(b -> b.maxAttempts(1)))
        .build();
  }

  /** {@code null} if Encrypt succeeds with these credentials, else its AccessDeniedException message. */
  private static String encryptError(AwsCredentials credentials, String keyId) {
    try (KmsClient kms = kms(credentials)) {
      kms.encrypt(r -> r.keyId(keyId).plaintext(SdkBytes.fromUtf8String("explained")));
      return null;
    } catch (KmsException e) {
      assertEquals("AccessDeniedException", e.awsErrorDetails().errorCode(), e.getMessage());
      return e.awsErrorDetails().errorMessage();
    }
  }
}

package io.keywarden.server.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.keywarden.domain.identity.Principal;
import io.keywarden.server.Keywarden;
import io.keywarden.server.ServerOptions;
import io.keywarden.services.api.CallContext;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code keywarden explain} through picocli against a real server in this JVM: SigV4 with a user's
 * access key, the readable and JSON answers, exit codes, credentials from a profile.
 */
class ExplainCommandTest {
  private static final String ACCOUNT = "111122223333";
  private static final String ALICE = "arn:aws:iam::" + ACCOUNT + ":user/alice";
  private static final String BOB = "arn:aws:iam::" + ACCOUNT + ":user/bob";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static Keywarden server;
  private static String keyId;

  @TempDir Path home;

  @BeforeAll
  static void start() throws URISyntaxException {
    Path identities = Path.of(ExplainCommandTest.class.getResource("/explain/identities.yaml").toURI());
    server = Keywarden.start(ServerOptions.devInMemory().withIdentitiesFile(identities));
    CallContext root = new CallContext(Principal.root(ACCOUNT, "AKIAROOT"), "us-east-1", "req-1",
        "127.0.0.1", "test", false, Instant.now());
    ObjectNode created = server.kms().operations().get("CreateKey").operation()
        .invoke(root, JSON.createObjectNode());
    keyId = created.get("KeyMetadata").get("KeyId").asText();
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  private record Run(int code, String out, String err) {}

  private Run run(Map<String, String> env, String... args) {
    ExplainCommand command = new ExplainCommand();
    command.env = env;
    command.home = home;
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = new CommandLine(command).setOut(new PrintWriter(out)).setErr(new PrintWriter(err)).execute(args);
    return new Run(code, out.toString(), err.toString());
  }

  private static Map<String, String> auditor() {
    return Map.of("AWS_ACCESS_KEY_ID", "AKIAAUDITOR000000001", "AWS_SECRET_ACCESS_KEY", "auditor-secret-for-tests-01",
        "AWS_REGION", "us-east-1");
  }

  private String endpoint() {
    return server.endpoint().toString();
  }

  @Test
  void allowed_exits0_andPrintsTheDecidingStatements() {
    Run r = run(auditor(), "--endpoint", endpoint(), "--principal", ALICE, "--action", "kms:Decrypt",
        "--key", keyId, "--context", "kms:EncryptionContext:tenant=acme", "--source-ip", "10.0.0.9");
    assertEquals(0, r.code(), r.err());
    String keyArn = "arn:aws:kms:us-east-1:" + ACCOUNT + ":key/" + keyId;
    assertTrue(r.out().startsWith("ALLOWED: " + ALICE + " may perform kms:Decrypt on " + keyArn + "\n"), r.out());
    assertTrue(r.out().contains("Outcome: ALLOWED_BY_KEY_POLICY_AND_IDENTITY_POLICY\n"), r.out());
    assertTrue(r.out().contains("  Allow key policy, statement 0 (Sid \"Enable IAM User Permissions\"): names the"
        + " caller's account: delegates to its IAM policies\n"), r.out());
    assertTrue(r.out().contains("  Allow identity policy use, statement 0: allows\n"), r.out());
  }

  @Test
  void denied_exits1_withAwsMessage() {
    Run r = run(auditor(), "--endpoint", endpoint(), "--principal", BOB, "--action", "kms:Encrypt", "--key", keyId);
    assertEquals(1, r.code(), r.err());
    assertTrue(r.out().contains("Message: User: " + BOB + " is not authorized to perform: kms:Encrypt on resource: "
        + "arn:aws:kms:us-east-1:" + ACCOUNT + ":key/" + keyId
        + " because no identity-based policy allows the kms:Encrypt action\n"), r.out());
  }

  @Test
  void json_printsTheAnswer() throws Exception {
    Run r = run(auditor(), "--endpoint", endpoint(), "--principal", "arn:aws:iam::" + ACCOUNT + ":root",
        "--action", "kms:CreateKey", "--json");
    assertEquals(0, r.code(), r.err());
    JsonNode answer = JSON.readTree(r.out());
    assertEquals("ALLOWED_BY_IDENTITY_POLICY", answer.get("Outcome").asText());
    assertEquals("account root", answer.get("Basis").get(0).get("Source").asText());
  }

  @Test
  void profileCredentials_andItsRegion() throws Exception {
    Files.createDirectories(home.resolve(".aws"));
    Files.writeString(home.resolve(".aws/credentials"), "[default]\naws_access_key_id = nobody\n"
        + "aws_secret_access_key = x\n\n[audit]\naws_access_key_id = AKIAAUDITOR000000001\n"
        + "aws_secret_access_key = auditor-secret-for-tests-01\n");
    Files.writeString(home.resolve(".aws/config"), "[profile audit]\nregion = us-east-1\n");
    Run r = run(Map.of(), "--endpoint", endpoint(), "--profile", "audit", "--principal", ALICE,
        "--action", "kms:Encrypt", "--key", keyId);
    assertEquals(0, r.code(), r.err());
  }

  @Test
  void errors_exit2() {
    Map<String, String> wrongSecret = new HashMap<>(auditor());
    wrongSecret.put("AWS_SECRET_ACCESS_KEY", "not-the-secret");
    Run badSignature = run(wrongSecret, "--endpoint", endpoint(), "--principal", ALICE, "--action", "kms:Encrypt",
        "--key", keyId);
    assertEquals(2, badSignature.code());
    assertTrue(badSignature.err().contains("InvalidSignatureException"), badSignature.err());

    Run notPermitted = run(Map.of("AWS_ACCESS_KEY_ID", "AKIABOB0000000000001",
        "AWS_SECRET_ACCESS_KEY", "bob-secret-for-tests-00001"), "--endpoint", endpoint(), "--principal", ALICE,
        "--action", "kms:Encrypt", "--key", keyId);
    assertEquals(2, notPermitted.code());
    assertTrue(notPermitted.err().contains("AccessDeniedException: User: " + BOB
        + " is not authorized to perform: keywarden:ExplainKeyAccess"), notPermitted.err());

    assertEquals(2, run(auditor(), "--endpoint", endpoint(), "--action", "kms:Encrypt").code(), "no --principal");
    Run noCredentials = run(Map.of(), "--endpoint", endpoint(), "--principal", ALICE, "--action", "kms:Encrypt",
        "--key", keyId);
    assertEquals(2, noCredentials.code());
    assertTrue(noCredentials.err().contains("no AWS credentials"), noCredentials.err());
    Run badPair = run(auditor(), "--endpoint", endpoint(), "--principal", ALICE, "--action", "kms:Encrypt",
        "--key", keyId, "--context", "novalue");
    assertEquals(2, badPair.code());
    Run unknownKey = run(auditor(), "--endpoint", endpoint(), "--principal", ALICE, "--action", "kms:Encrypt",
        "--key", "alias/none");
    assertEquals(2, unknownKey.code());
    assertTrue(unknownKey.err().contains("NotFoundException"), unknownKey.err());
  }
}

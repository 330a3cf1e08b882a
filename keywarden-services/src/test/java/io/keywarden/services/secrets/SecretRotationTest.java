package io.keywarden.services.secrets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.keywarden.services.api.ApiException;
import io.keywarden.services.secrets.rotation.RotationEvent;
import io.keywarden.services.secrets.rotation.RotationStep;
import io.keywarden.storage.memory.MemoryStorage;
import io.keywarden.storage.sqlite.SqliteStorage;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** RotateSecret, CancelRotateSecret and the rotation engine, with a managed rotator written here. */
class SecretRotationTest {
  static final String T1 = "EXAMPLE1-90ab-cdef-fedc-ba987EXAMPLE";
  static final String T2 = "EXAMPLE2-90ab-cdef-fedc-ba987EXAMPLE";
  static final String T3 = "EXAMPLE3-90ab-cdef-fedc-ba987EXAMPLE";

  SecretsHarness h;
  final TestRotator rotator = new TestRotator();

  @BeforeEach
  void open() {
    h = new SecretsHarness(new MemoryStorage());
    h.secrets.rotations().functions().managed(TestRotator.NAME, rotator::over);
    h.call("CreateSecret", "{\"Name\":\"db\",\"SecretString\":\"v1\",\"ClientRequestToken\":\"" + T1 + "\"}");
  }

  @AfterEach
  void close() {
    h.close();
  }

  private ObjectNode rotate(String token, String extra) {
    return h.call("RotateSecret", "{\"SecretId\":\"db\",\"ClientRequestToken\":\"" + token + "\","
        + "\"RotationLambdaARN\":\"" + TestRotator.ARN + "\"" + extra + "}");
  }

  private void settle() throws Exception {
    h.secrets.rotations().awaitIdle(Duration.ofSeconds(30));
  }

  private ObjectNode describe() {
    return h.call("DescribeSecret", "{\"SecretId\":\"db\"}");
  }

  private JsonNode stages() {
    return describe().get("VersionIdsToStages");
  }

  private static void assertError(String code, String message, ApiException e) {
    assertEquals(code, e.code());
    assertEquals(message, e.getMessage());
  }

  @Test
  void rotateSecret_runsTheFourStepsAndMovesAwsCurrent() throws Exception {
    ObjectNode out = rotate(T2, ",\"RotationRules\":{\"AutomaticallyAfterDays\":30}");
    assertEquals(T2, out.get("VersionId").asText());
    assertEquals("db", out.get("Name").asText());
    settle();
    assertEquals(List.of(RotationStep.values()), rotator.seen.stream().map(RotationEvent::step).toList());
    assertTrue(rotator.seen.stream().allMatch(e -> e.clientRequestToken().equals(T2)
        && e.secretId().equals(out.get("ARN").asText())));
    JsonNode d = describe();
    assertEquals("[\"AWSPREVIOUS\"]", d.get("VersionIdsToStages").get(T1).toString());
    assertEquals("[\"AWSCURRENT\"]", d.get("VersionIdsToStages").get(T2).toString());
    assertTrue(d.get("RotationEnabled").asBoolean());
    assertEquals(TestRotator.ARN, d.get("RotationLambdaARN").asText());
    assertEquals(30, d.get("RotationRules").get("AutomaticallyAfterDays").asInt());
    assertEquals(h.clock.instant().getEpochSecond(), d.get("LastRotatedDate").asLong());
    // 2026-03-01 + 30 days: the window is 2026-03-31, closing at the end of the day.
    assertEquals(Instant.parse("2026-03-31T23:59:59Z").getEpochSecond(), d.get("NextRotationDate").asLong());
    assertFalse(d.has("KeywardenRotationFailure"));
    String now = h.call("GetSecretValue", "{\"SecretId\":\"db\"}").get("SecretString").asText();
    assertTrue(now.startsWith("pw-"), now);
    assertEquals("v1", h.call("GetSecretValue", "{\"SecretId\":\"db\",\"VersionStage\":\"AWSPREVIOUS\"}")
        .get("SecretString").asText());
  }

  @Test
  void rotateSecret_again_rotatesFromTheNewVersion() throws Exception {
    rotate(T2, "");
    settle();
    rotate(T3, "");
    settle();
    assertEquals("[\"AWSPREVIOUS\"]", stages().get(T2).toString());
    assertEquals("[\"AWSCURRENT\"]", stages().get(T3).toString());
    assertFalse(stages().has(T1));
  }

  @Test
  void sameToken_isIdempotent() throws Exception {
    ObjectNode first = rotate(T2, "");
    settle();
    assertEquals(first, rotate(T2, ""));
    settle();
    assertEquals(4, rotator.seen.size());
  }

  @ParameterizedTest
  @EnumSource(RotationStep.class)
  void failedStep_isReportedKeepsPendingAndIsReattemptedByRotateSecret(RotationStep step) throws Exception {
    rotator.failAt = step;
    rotate(T2, "");
    settle();
    JsonNode d = describe();
    assertEquals("[\"AWSCURRENT\"]", d.get("VersionIdsToStages").get(T1).toString());
    assertEquals("[\"AWSPENDING\"]", d.get("VersionIdsToStages").get(T2).toString());
    JsonNode failure = d.get("KeywardenRotationFailure");
    assertEquals(step.wireName(), failure.get("Step").asText());
    assertEquals("told to fail at " + step.wireName(), failure.get("Message").asText());
    assertEquals(1, failure.get("FailedAttempts").asInt());
    assertEquals("v1", h.call("GetSecretValue", "{\"SecretId\":\"db\"}").get("SecretString").asText());

    rotator.failAt = null;
    assertError("InvalidRequestException",
        "A previous rotation isn't complete. That rotation will be reattempted.",
        h.error("RotateSecret", "{\"SecretId\":\"db\",\"ClientRequestToken\":\"" + T3 + "\"}"));
    settle();
    d = describe();
    assertEquals("[\"AWSCURRENT\"]", d.get("VersionIdsToStages").get(T2).toString());
    assertFalse(d.has("KeywardenRotationFailure"));
    assertFalse(d.get("VersionIdsToStages").has(T3));
  }

  @Test
  void finishWithoutMovingAwsCurrent_fails() throws Exception {
    rotator.skipPromotion = true;
    rotate(T2, "");
    settle();
    JsonNode failure = describe().get("KeywardenRotationFailure");
    assertEquals("finishSecret", failure.get("Step").asText());
    assertEquals("finishSecret did not move AWSCURRENT to version " + T2, failure.get("Message").asText());
    assertEquals("[\"AWSPENDING\"]", stages().get(T2).toString());
  }

  @Test
  void failedRotation_isRetriedAfterTheDelay() throws Exception {
    rotator.failAt = RotationStep.SET_SECRET;
    rotate(T2, "");
    settle();
    rotator.failAt = null;
    assertEquals(0, h.secrets.rotations().runDue());
    h.clock.advance(Duration.ofMinutes(1));
    assertEquals(1, h.secrets.rotations().runDue());
    settle();
    assertEquals("[\"AWSCURRENT\"]", stages().get(T2).toString());
    assertEquals(0, h.secrets.rotations().runDue());
  }

  @Test
  void cancelRotateSecret_turnsRotationOffAndTakesAwsPendingAway() throws Exception {
    rotator.failAt = RotationStep.TEST_SECRET;
    rotate(T2, ",\"RotationRules\":{\"ScheduleExpression\":\"rate(4 hours)\"}");
    settle();
    ObjectNode out = h.call("CancelRotateSecret", "{\"SecretId\":\"db\"}");
    assertEquals(T2, out.get("VersionId").asText());
    JsonNode d = describe();
    assertFalse(d.get("RotationEnabled").asBoolean());
    assertEquals("rate(4 hours)", d.get("RotationRules").get("ScheduleExpression").asText());
    assertFalse(d.has("NextRotationDate"));
    assertFalse(d.get("VersionIdsToStages").has(T2));
    h.clock.advance(Duration.ofDays(2));
    assertEquals(0, h.secrets.rotations().runDue());
  }

  @Test
  void cancelRotateSecret_withoutRotation_isInvalidRequest() {
    assertEquals("InvalidRequestException", h.error("CancelRotateSecret", "{\"SecretId\":\"db\"}").code());
  }

  @Test
  void scheduler_rotatesWhenTheWindowOpens() throws Exception {
    // 10:00 now; rate(4 hours) windows open at 00, 04, 08, 12, 16, 20 h.
    ObjectNode out = rotate(T2, ",\"RotateImmediately\":false,\"RotationRules\":"
        + "{\"ScheduleExpression\":\"rate(4 hours)\",\"Duration\":\"2h\"}");
    settle();
    // Not rotating at once: only testSecret ran, on a test version that is gone again.
    assertEquals(List.of(RotationStep.TEST_SECRET), rotator.seen.stream().map(RotationEvent::step).toList());
    assertFalse(stages().has(out.get("VersionId").asText()));
    assertEquals(Instant.parse("2026-03-01T14:00:00Z").getEpochSecond(),
        describe().get("NextRotationDate").asLong());
    assertEquals(0, h.secrets.rotations().runDue());
    h.clock.advance(Duration.ofHours(2));
    assertEquals(1, h.secrets.rotations().runDue());
    assertEquals(0, h.secrets.rotations().runDue());
    settle();
    JsonNode d = describe();
    assertEquals("[\"AWSPREVIOUS\"]", d.get("VersionIdsToStages").get(T1).toString());
    assertEquals(Instant.parse("2026-03-01T12:00:00Z").getEpochSecond(), d.get("LastRotatedDate").asLong());
    assertEquals(Instant.parse("2026-03-01T18:00:00Z").getEpochSecond(), d.get("NextRotationDate").asLong());
  }

  @Test
  void twoNodes_onlyOneStartsADueRotation(@TempDir Path dir) throws Exception {
    h.close();
    h = new SecretsHarness(SqliteStorage.open(dir));
    SecretsManagerService other = new SecretsManagerService(h.storage, h.kms, h.clock, io.keywarden.services.identity.IdentityPolicies.ROOTS_ONLY);
    TestRotator second = new TestRotator();
    h.secrets.rotations().functions().managed(TestRotator.NAME, rotator::over);
    other.rotations().functions().managed(TestRotator.NAME, second::over);
    h.call("CreateSecret", "{\"Name\":\"db\",\"SecretString\":\"v1\",\"ClientRequestToken\":\"" + T1 + "\"}");
    rotate(T2, ",\"RotateImmediately\":false,\"RotationRules\":{\"ScheduleExpression\":\"rate(4 hours)\"}");
    settle();
    h.clock.advance(Duration.ofHours(2));
    assertEquals(1, h.secrets.rotations().runDue() + other.rotations().runDue());
    settle();
    other.rotations().awaitIdle(Duration.ofSeconds(30));
    assertEquals(1 + 4, rotator.seen.size() + second.seen.size());
  }

  @Test
  void rotateSecret_errors() {
    assertError("InvalidRequestException", "No Lambda rotation function ARN is associated with this secret.",
        h.error("RotateSecret", "{\"SecretId\":\"db\",\"ClientRequestToken\":\"" + T2 + "\"}"));
    assertError("AccessDeniedException", "Secrets Manager cannot invoke the specified Lambda function."
        + " Ensure that the function policy grants access to the principal secretsmanager.amazonaws.com.",
        h.error("RotateSecret", "{\"SecretId\":\"db\",\"ClientRequestToken\":\"" + T2
            + "\",\"RotationLambdaARN\":\"arn:aws:lambda:us-east-1:111122223333:function:nope\"}"));
    assertError("InvalidRequestException",
        "You must provide a ClientRequestToken value. We recommend a UUID-type value.",
        h.error("RotateSecret", "{\"SecretId\":\"db\"}"));
    assertError("InvalidParameterException",
        "You cannot specify both rotation frequency and schedule expression together.",
        h.error("RotateSecret", "{\"SecretId\":\"db\",\"ClientRequestToken\":\"" + T2 + "\",\"RotationRules\":"
            + "{\"AutomaticallyAfterDays\":3,\"ScheduleExpression\":\"rate(4 hours)\"}}"));
    for (String rules : List.of("{\"ScheduleExpression\":\"rate(3 hours)\"}",
        "{\"ScheduleExpression\":\"cron(0 25 * * ? *)\"}", "{\"ScheduleExpression\":\"cron(0 8 * * * *)\"}",
        "{\"ScheduleExpression\":\"every day\"}", "{\"AutomaticallyAfterDays\":1,\"Duration\":\"25h\"}",
        "{\"ScheduleExpression\":\"rate(4 hours)\",\"Duration\":\"5h\"}",
        "{\"ScheduleExpression\":\"cron(0 20 * * ? *)\",\"Duration\":\"6h\"}")) {
      assertEquals("InvalidParameterException", h.error("RotateSecret", "{\"SecretId\":\"db\","
          + "\"ClientRequestToken\":\"" + T2 + "\",\"RotationLambdaARN\":\"" + TestRotator.ARN
          + "\",\"RotationRules\":" + rules + "}").code(), rules);
    }
    assertError("ResourceNotFoundException", "Secrets Manager can't find the specified secret.",
        h.error("RotateSecret", "{\"SecretId\":\"nope\",\"ClientRequestToken\":\"" + T2 + "\"}"));
    assertNull(describe().get("RotationEnabled"));
    assertEquals(0, rotator.seen.size());
  }

  @Test
  void managedDatabaseRotator_isResolvedFromItsTemplateName_andItsFailureReported() throws Exception {
    h.call("CreateSecret", "{\"Name\":\"pg\",\"ClientRequestToken\":\"" + T1 + "\",\"SecretString\":"
        + "\"{\\\"engine\\\":\\\"postgres\\\",\\\"host\\\":\\\"127.0.0.1\\\",\\\"port\\\":1,"
        + "\\\"username\\\":\\\"app\\\",\\\"password\\\":\\\"p\\\",\\\"dbname\\\":\\\"db\\\"}\"}");
    h.call("RotateSecret", "{\"SecretId\":\"pg\",\"ClientRequestToken\":\"" + T2 + "\",\"RotationLambdaARN\":"
        + "\"arn:aws:lambda:us-east-1:111122223333:function:SecretsManagerRDSPostgreSQLRotationSingleUser\"}");
    settle();
    JsonNode d = h.call("DescribeSecret", "{\"SecretId\":\"pg\"}");
    // Nothing listens on port 1: the rotator cannot log in, and the step that needs the database fails.
    assertTrue(d.has("KeywardenRotationFailure"), d.toString());
    assertEquals("[\"AWSCURRENT\"]", d.get("VersionIdsToStages").get(T1).toString());
    assertEquals("[\"AWSPENDING\"]", d.get("VersionIdsToStages").get(T2).toString());
  }

  @Test
  void httpFunctionThatCannotBeReached_failsTheFirstStep() throws Exception {
    String arn = "arn:aws:lambda:us-east-1:111122223333:function:http-nowhere";
    // Nothing listens on port 1.
    h.secrets.rotations().functions().endpoints().register(arn, "http://127.0.0.1:1/rotate");
    h.call("RotateSecret", "{\"SecretId\":\"db\",\"ClientRequestToken\":\"" + T2
        + "\",\"RotationLambdaARN\":\"" + arn + "\"}");
    settle();
    JsonNode failure = describe().get("KeywardenRotationFailure");
    assertEquals("createSecret", failure.get("Step").asText());
    assertEquals("the rotation function could not be reached: ConnectException",
        failure.get("Message").asText());
    assertTrue(h.secrets.rotations().functions().endpoints().unregister(arn));
    assertError("InvalidRequestException",
        "A previous rotation isn't complete. That rotation will be reattempted.",
        h.error("RotateSecret", "{\"SecretId\":\"db\",\"ClientRequestToken\":\"" + T3 + "\"}"));
    settle();
    // The reattempt cannot invoke the unregistered function: the failure says so.
    assertEquals("Secrets Manager cannot invoke the specified Lambda function " + arn + ".",
        describe().get("KeywardenRotationFailure").get("Message").asText());
  }
}

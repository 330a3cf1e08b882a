package io.keywarden.it.secrets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.keywarden.it.TestServer;
import io.keywarden.it.sdk.SignedCloudTrail;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.model.CancelRotateSecretResponse;
import software.amazon.awssdk.services.secretsmanager.model.DescribeSecretResponse;
import software.amazon.awssdk.services.secretsmanager.model.InvalidParameterException;
import software.amazon.awssdk.services.secretsmanager.model.InvalidRequestException;
import software.amazon.awssdk.services.secretsmanager.model.ResourceNotFoundException;
import software.amazon.awssdk.services.secretsmanager.model.RotateSecretResponse;
import software.amazon.awssdk.services.secretsmanager.model.SecretsManagerException;

/**
 * RotateSecret and CancelRotateSecret through the AWS SDK for Java v2, with a rotation function served
 * over HTTP by the test ({@link HttpRotationEndpoint}) that calls Keywarden back through the SDK:
 * rotation, the failure report and its reattempt, cancellation, the scheduler, the audit events, and
 * AWS's errors.
 */
class SecretRotationSdkTest {
  static final String FUNCTION = "arn:aws:lambda:us-east-1:000000000000:function:sdk-rotator";

  private static TestServer server;
  private static SecretsManagerClient sm;
  private static HttpRotationEndpoint function;
  private String name;

  @BeforeAll
  static void start() throws Exception {
    server = TestServer.dev();
    sm = server.secretsManager();
    function = new HttpRotationEndpoint(server.endpoint());
    server.keywarden().registerDevRotationFunction(FUNCTION, function.url());
  }

  @AfterAll
  static void stop() {
    function.close();
    sm.close();
    server.close();
  }

  @BeforeEach
  void newSecret() {
    function.failAt = null;
    name = "rotated/" + UUID.randomUUID();
    sm.createSecret(r -> r.name(name).secretString("{\"password\":\"first\"}"));
  }

  private static void settle() throws Exception {
    server.keywarden().secrets().rotations().awaitIdle(Duration.ofSeconds(60));
  }

  private DescribeSecretResponse describe() {
    return sm.describeSecret(r -> r.secretId(name));
  }

  @Test
  void rotateSecret_rotatesThroughTheHttpFunction() throws Exception {
    String before = sm.getSecretValue(r -> r.secretId(name)).versionId();
    RotateSecretResponse out = sm.rotateSecret(r -> r.secretId(name).rotationLambdaARN(FUNCTION)
        .rotationRules(x -> x.automaticallyAfterDays(7L)));
    assertEquals(name, out.name());
    settle();
    String token = out.versionId();
    assertEquals(List.of("createSecret:" + token, "setSecret:" + token, "testSecret:" + token,
        "finishSecret:" + token), function.seen.stream().filter(s -> s.endsWith(token)).toList());
    DescribeSecretResponse d = describe();
    assertTrue(d.rotationEnabled());
    assertEquals(FUNCTION, d.rotationLambdaARN());
    assertEquals(7L, d.rotationRules().automaticallyAfterDays());
    assertEquals(List.of("AWSCURRENT"), d.versionIdsToStages().get(token));
    assertEquals(List.of("AWSPREVIOUS"), d.versionIdsToStages().get(before));
    assertNotNull(d.lastRotatedDate());
    Instant day = d.lastRotatedDate().truncatedTo(ChronoUnit.DAYS).plus(Duration.ofDays(7));
    assertEquals(day.plus(Duration.ofDays(1)).minusSeconds(1), d.nextRotationDate());
    String value = sm.getSecretValue(r -> r.secretId(name)).secretString();
    assertTrue(value.startsWith("{\"password\":\"") && !value.contains("first"), value);
  }

  @Test
  void failedStep_keepsAwsPending_isAudited_andRotateSecretReattemptsIt() throws Exception {
    function.failAt = "setSecret";
    String token = sm.rotateSecret(r -> r.secretId(name).rotationLambdaARN(FUNCTION)).versionId();
    settle();
    DescribeSecretResponse d = describe();
    assertEquals(List.of("AWSPENDING"), d.versionIdsToStages().get(token));
    assertEquals("{\"password\":\"first\"}", sm.getSecretValue(r -> r.secretId(name)).secretString());

    SignedCloudTrail trail = new SignedCloudTrail(server.endpoint(), "AKIADEVTEST", "dev-secret", "us-east-1");
    JsonNode failed = null;
    for (JsonNode e : trail.lookupEvents("{\"LookupAttributes\":[{\"AttributeKey\":\"EventName\","
        + "\"AttributeValue\":\"RotationFailed\"}],\"MaxResults\":50}").get("Events")) {
      JsonNode event = SignedCloudTrail.parse(e.get("CloudTrailEvent").asText());
      if (token.equals(event.at("/serviceEventDetails/clientRequestToken").asText())) {
        failed = event;
      }
    }
    assertNotNull(failed, "a RotationFailed event for " + token);
    assertEquals("secretsmanager.amazonaws.com", failed.get("eventSource").asText());
    assertEquals("AwsServiceEvent", failed.get("eventType").asText());
    assertEquals("setSecret", failed.at("/serviceEventDetails/failedStep").asText());
    assertEquals("the rotation function answered HTTP 500: failing setSecret on purpose",
        failed.at("/serviceEventDetails/failureMessage").asText());

    function.failAt = null;
    InvalidRequestException e = assertThrows(InvalidRequestException.class,
        () -> sm.rotateSecret(r -> r.secretId(name)));
    assertEquals("A previous rotation isn't complete. That rotation will be reattempted.",
        e.awsErrorDetails().errorMessage());
    settle();
    assertEquals(List.of("AWSCURRENT"), describe().versionIdsToStages().get(token));
  }

  @Test
  void cancelRotateSecret_turnsRotationOff_andTakesAwsPendingOffTheUnfinishedVersion() throws Exception {
    function.failAt = "testSecret";
    String token = sm.rotateSecret(r -> r.secretId(name).rotationLambdaARN(FUNCTION)
        .rotationRules(x -> x.scheduleExpression("rate(4 hours)").duration("2h"))).versionId();
    settle();
    CancelRotateSecretResponse out = sm.cancelRotateSecret(r -> r.secretId(name));
    assertEquals(token, out.versionId());
    DescribeSecretResponse d = describe();
    assertFalse(d.rotationEnabled());
    assertEquals("rate(4 hours)", d.rotationRules().scheduleExpression());
    assertNull(d.nextRotationDate());
    assertFalse(d.versionIdsToStages().containsKey(token));
  }

  @Test
  void scheduler_rotatesOnceTheWindowOpens() throws Exception {
    String token = sm.rotateSecret(r -> r.secretId(name).rotationLambdaARN(FUNCTION).rotateImmediately(false)
        .rotationRules(x -> x.scheduleExpression("rate(4 hours)"))).versionId();
    settle();
    assertEquals(List.of("testSecret:" + token), function.seen.stream().filter(s -> s.endsWith(token)).toList());
    DescribeSecretResponse d = describe();
    assertNull(d.lastRotatedDate());
    assertEquals(1, d.versionIdsToStages().size());
    server.advance(Duration.ofHours(5));
    server.keywarden().runJobs();
    settle();
    d = describe();
    assertNotNull(d.lastRotatedDate());
    assertEquals(2, d.versionIdsToStages().size());
    assertTrue(d.nextRotationDate().isAfter(d.lastRotatedDate()));
  }

  @Test
  void sameClientRequestToken_startsOneRotation() throws Exception {
    String token = UUID.randomUUID().toString();
    RotateSecretResponse first = sm.rotateSecret(r -> r.secretId(name).rotationLambdaARN(FUNCTION)
        .clientRequestToken(token));
    RotateSecretResponse again = sm.rotateSecret(r -> r.secretId(name).rotationLambdaARN(FUNCTION)
        .clientRequestToken(token));
    assertEquals(first.versionId(), again.versionId());
    settle();
    assertEquals(4, function.seen.stream().filter(s -> s.endsWith(token)).count());
  }

  @Test
  void errors() {
    InvalidRequestException noFunction = assertThrows(InvalidRequestException.class,
        () -> sm.rotateSecret(r -> r.secretId(name)));
    assertEquals("No Lambda rotation function ARN is associated with this secret.",
        noFunction.awsErrorDetails().errorMessage());
    SecretsManagerException unknown = assertThrows(SecretsManagerException.class,
        () -> sm.rotateSecret(r -> r.secretId(name)
            .rotationLambdaARN("arn:aws:lambda:us-east-1:000000000000:function:missing")));
    assertEquals("AccessDeniedException", unknown.awsErrorDetails().errorCode());
    assertEquals(400, unknown.statusCode());
    assertEquals("Secrets Manager cannot invoke the specified Lambda function. Ensure that the function"
        + " policy grants access to the principal secretsmanager.amazonaws.com.",
        unknown.awsErrorDetails().errorMessage());
    InvalidParameterException both = assertThrows(InvalidParameterException.class,
        () -> sm.rotateSecret(r -> r.secretId(name).rotationLambdaARN(FUNCTION)
            .rotationRules(x -> x.automaticallyAfterDays(1L).scheduleExpression("rate(1 days)"))));
    assertEquals("You cannot specify both rotation frequency and schedule expression together.",
        both.awsErrorDetails().errorMessage());
    assertThrows(InvalidParameterException.class, () -> sm.rotateSecret(r -> r.secretId(name)
        .rotationLambdaARN(FUNCTION).rotationRules(x -> x.scheduleExpression("rate(2 hours)"))));
    assertThrows(SecretsManagerException.class, () -> sm.rotateSecret(r -> r.secretId(name)
        .rotationLambdaARN(FUNCTION).rotationRules(x -> x.automaticallyAfterDays(1001L))));
    assertThrows(ResourceNotFoundException.class, () -> sm.rotateSecret(r -> r.secretId("no/such")
        .rotationLambdaARN(FUNCTION)));
    assertThrows(InvalidRequestException.class, () -> sm.cancelRotateSecret(r -> r.secretId(name)));
    assertNull(describe().rotationEnabled());
  }
}

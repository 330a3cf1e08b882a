package io.keywarden.protocol.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.keywarden.protocol.sigv4.SessionExpiry;
import io.keywarden.services.audit.AuditTrail;
import io.keywarden.services.cloudtrail.CloudTrailService;
import io.keywarden.services.identity.IdentityPolicies;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;

/**
 * CloudTrail over the wire, signed by the AWS SDK's SigV4 signer: the protocol layer routes its
 * target, leaves constraint checks to the service (CloudTrail answers {@code
 * InvalidMaxResultsException}, never {@code ValidationException}), still refuses wrong JSON types,
 * and answers operations it does not implement with {@code UnsupportedOperationException}.
 */
class CloudTrailWireTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String TARGET = CloudTrailService.TARGET_PREFIX + ".";
  private static RecordingAuditLog audit;
  private static KeywardenHttpServer server;
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  @BeforeAll
  static void start() {
    audit = new RecordingAuditLog();
    Clock clock = Clock.systemUTC();
    server = new KeywardenHttpServer(HttpServerConfig.defaults(),
        List.of(new FakeKms(), new CloudTrailService(audit, IdentityPolicies.ROOTS_ONLY, clock)),
        new TestCredentials(false), SessionExpiry.UNKNOWN, new FakeAdmin(), RequestIds.random(), clock,
        AuditTrail.over(audit, clock));
    server.start();
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  private static HttpResponse<String> call(String operation, String body) throws IOException, InterruptedException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    SdkHttpRequest unsigned = SdkHttpRequest.builder()
        .method(SdkHttpMethod.POST)
        .uri(URI.create("http://127.0.0.1:" + server.port() + "/"))
        .putHeader("Content-Type", "application/x-amz-json-1.1")
        .putHeader("X-Amz-Target", TARGET + operation)
        .build();
    SdkHttpRequest signed = AwsV4HttpSigner.create().sign(r -> r
        .identity(AwsCredentialsIdentity.create(TestCredentials.ACCESS_KEY, TestCredentials.SECRET))
        .request(unsigned)
        .payload(ContentStreamProvider.fromByteArray(bytes))
        .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "cloudtrail")
        .putProperty(AwsV4HttpSigner.REGION_NAME, "us-east-1")).request();
    HttpRequest.Builder request = HttpRequest.newBuilder(signed.getUri())
        .POST(HttpRequest.BodyPublishers.ofByteArray(bytes));
    signed.forEachHeader((name, values) -> {
      if (!name.equalsIgnoreCase("host")) {
        values.forEach(v -> request.header(name, v));
      }
    });
    return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static JsonNode json(HttpResponse<String> response) throws IOException {
    return JSON.readTree(response.body());
  }

  @Test
  void lookupEvents_findsTheRecordedCalls() throws Exception {
    call("LookupEvents", "{}");
    HttpResponse<String> response = call("LookupEvents",
        "{\"LookupAttributes\":[{\"AttributeKey\":\"EventName\",\"AttributeValue\":\"LookupEvents\"}]}");
    assertEquals(200, response.statusCode(), response.body());
    JsonNode events = json(response).get("Events");
    assertTrue(events.size() >= 1, response.body());
    JsonNode first = events.get(0);
    assertEquals("cloudtrail.amazonaws.com", first.get("EventSource").asText());
    assertTrue(first.get("EventTime").isNumber());
    JsonNode record = JSON.readTree(first.get("CloudTrailEvent").asText());
    assertEquals(TestCredentials.ACCOUNT, record.get("recipientAccountId").asText());
    assertEquals(response.headers().firstValue("x-amzn-RequestId").isPresent(), true);
  }

  @Test
  void constraintViolations_getCloudTrailsExceptions() throws Exception {
    HttpResponse<String> response = call("LookupEvents", "{\"MaxResults\":51}");
    assertEquals(400, response.statusCode());
    assertEquals("InvalidMaxResultsException", json(response).get("__type").asText());
    response = call("LookupEvents",
        "{\"LookupAttributes\":[{\"AttributeKey\":\"Colour\",\"AttributeValue\":\"blue\"}]}");
    assertEquals("InvalidLookupAttributesException", json(response).get("__type").asText());
    response = call("LookupEvents", "{\"EventCategory\":\"data\"}");
    assertEquals("InvalidEventCategoryException", json(response).get("__type").asText());
  }

  @Test
  void wrongJsonTypes_areStillSerializationErrors() throws Exception {
    HttpResponse<String> response = call("LookupEvents", "{\"MaxResults\":\"ten\"}");
    assertEquals(400, response.statusCode());
    assertEquals("SerializationException", json(response).get("__type").asText());
  }

  @Test
  void otherOperations_areUnsupported() throws Exception {
    HttpResponse<String> response = call("CreateTrail", "{\"Name\":\"t\",\"S3BucketName\":\"b\"}");
    assertEquals(400, response.statusCode());
    assertEquals("UnsupportedOperationException", json(response).get("__type").asText());
  }
}

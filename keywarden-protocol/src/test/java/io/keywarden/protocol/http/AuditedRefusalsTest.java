package io.keywarden.protocol.http;

import static io.keywarden.protocol.http.RawHttp.devAuth;
import static io.keywarden.protocol.http.RawHttp.post;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Requests that reach no operation are API calls too (ADR 8): a path that is no endpoint, a body over
 * the limit, a request the HTTP layer cannot read, an unknown target and Keywarden's admin routes each
 * get exactly one record under the answer's request id, with what the request tells of its service
 * and caller and no more; and each is refused with a 500 that says nothing else if its record cannot
 * be made durable.
 */
class AuditedRefusalsTest {
  private static RunningServer server;

  @BeforeAll
  static void start() {
    server = new RunningServer(HttpServerConfig.defaults().withMaxBodyBytes(1024), true);
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @AfterEach
  void healthyLog() {
    server.audit.failing(false);
    server.admin.sealed = false;
    server.admin.dev = true;
  }

  private static JsonNode recordOf(RawHttp.Response response) {
    String requestId = response.header("x-amzn-RequestId");
    assertTrue(RunningServer.UUID.matcher(requestId).matches(), String.valueOf(requestId));
    return server.audit.only(requestId);
  }

  @Test
  void unknownPath_isRecordedWithoutAService() throws IOException {
    try (RawHttp http = new RawHttp(server.port())) {
      RawHttp.Response response = http.send("GET /favicon.ico HTTP/1.1\r\nHost: localhost\r\n"
          + "User-Agent: curl/8.0\r\n\r\n").read();
      assertEquals(404, response.status);
      JsonNode record = recordOf(response);
      assertEquals("UnknownOperationException", record.get("errorCode").asText());
      assertEquals("No such resource: GET /favicon.ico", record.get("errorMessage").asText());
      assertFalse(record.has("eventSource"), record.toString());
      assertFalse(record.has("eventName"), record.toString());
      assertEquals("Unknown", record.at("/userIdentity/type").asText());
      assertEquals("127.0.0.1", record.get("sourceIPAddress").asText());
      assertEquals("curl/8.0", record.get("userAgent").asText());
      assertEquals("AwsApiCall", record.get("eventType").asText());
      assertFalse(record.has("recipientAccountId"), record.toString());
    }
  }

  @Test
  void unknownPath_namesTheServiceItsHostNames() throws IOException {
    try (RawHttp http = new RawHttp(server.port())) {
      RawHttp.Response response =
          http.send("GET /keys HTTP/1.1\r\nHost: kms.eu-west-1.amazonaws.com\r\n\r\n").read();
      assertEquals(404, response.status);
      assertEquals("kms.amazonaws.com", recordOf(response).get("eventSource").asText());
    }
  }

  @Test
  void oversizedBody_isRecordedWithItsServiceOperationAndClaimedKey() throws IOException {
    try (RawHttp http = new RawHttp(server.port())) {
      http.send("POST / HTTP/1.1\r\nHost: x\r\n" + devAuth("TrentService.Encrypt")
          + "Content-Length: 100000000\r\n\r\n");
      RawHttp.Response response = http.read();
      assertEquals(413, response.status);
      assertTrue(http.closedByServer());
      JsonNode record = recordOf(response);
      assertEquals("RequestEntityTooLargeException", record.get("errorCode").asText());
      assertEquals("kms.amazonaws.com", record.get("eventSource").asText());
      assertEquals("Encrypt", record.get("eventName").asText());
      assertEquals("us-east-1", record.get("awsRegion").asText());
      assertEquals("devkey", record.at("/userIdentity/accessKeyId").asText());
      assertTrue(record.get("requestParameters").isNull());
    }
  }

  @Test
  void oversizedChunkedBody_isRecorded() throws IOException {
    try (RawHttp http = new RawHttp(server.port())) {
      http.send("POST / HTTP/1.1\r\nHost: x\r\n" + devAuth("TrentService.Decrypt")
          + "Transfer-Encoding: chunked\r\n\r\n");
      String chunk = "a".repeat(600);
      http.send(Integer.toHexString(chunk.length()) + "\r\n" + chunk + "\r\n");
      http.send(Integer.toHexString(chunk.length()) + "\r\n" + chunk + "\r\n");
      RawHttp.Response response = http.read();
      assertEquals(413, response.status);
      JsonNode record = recordOf(response);
      assertEquals("Decrypt", record.get("eventName").asText());
      assertFalse(record.toString().contains("aaaa"), record.toString());
    }
  }

  @Test
  void oversizedBodyOfAnAdminRoute_isRecordedAsKeywardens() throws IOException {
    try (RawHttp http = new RawHttp(server.port())) {
      http.send("POST /_keywarden/unseal HTTP/1.1\r\nHost: kms.us-east-1.amazonaws.com\r\n"
          + "Content-Length: 5000\r\n\r\n");
      RawHttp.Response response = http.read();
      assertEquals(413, response.status);
      JsonNode record = recordOf(response);
      assertEquals("keywarden", record.get("eventSource").asText());
      assertFalse(record.has("eventName"), record.toString());
    }
  }

  @Test
  void malformedRequests_areRecorded() throws IOException {
    try (RawHttp http = new RawHttp(server.port())) {
      RawHttp.Response response = http.send("POST / HTTP/1.1\r\nHost: x\r\nContent-Length: zz\r\n\r\n").read();
      assertEquals(400, response.status);
      assertEquals("BadRequestException", recordOf(response).get("errorCode").asText());
    }
    try (RawHttp http = new RawHttp(server.port())) {
      RawHttp.Response response = http.send("GARBAGE\u0001\u0002 what\r\n\r\n").read();
      assertEquals(400, response.status);
      JsonNode record = recordOf(response);
      assertEquals("BadRequestException", record.get("errorCode").asText());
      assertEquals("", record.get("userAgent").asText());
    }
    try (RawHttp http = new RawHttp(server.port())) {
      RawHttp.Response response = http.send("GET / HTTP/1.1\r\nHost: x\r\nX-Big: "
          + "b".repeat(40_000) + "\r\n\r\n").read();
      assertEquals(431, response.status);
      JsonNode record = recordOf(response);
      assertFalse(record.toString().contains("bbbb"), record.toString());
    }
  }

  @Test
  void refusalAfterAPipelinedCall_isAnsweredInOrder() throws IOException {
    try (RawHttp http = new RawHttp(server.port())) {
      server.kms.generateRandomDelayMillis = 200;
      try {
        http.send(post("HTTP/1.1", devAuth("TrentService.GenerateRandom"), "{\"NumberOfBytes\":8}")
            + "POST / HTTP/1.1\r\nHost: x\r\n" + devAuth("TrentService.Encrypt")
            + "Content-Length: 100000000\r\n\r\n");
        RawHttp.Response first = http.read();
        RawHttp.Response second = http.read();
        assertEquals(200, first.status);
        assertEquals(413, second.status);
        assertEquals("GenerateRandom", recordOf(first).get("eventName").asText());
        assertEquals("RequestEntityTooLargeException", recordOf(second).get("errorCode").asText());
      } finally {
        server.kms.generateRandomDelayMillis = 0;
      }
    }
  }

  @Test
  void garbageTarget_recordsNoServiceAndNoUnboundedText() throws IOException {
    try (RawHttp http = new RawHttp(server.port())) {
      RawHttp.Response named = http.send(post("HTTP/1.1", "X-Amz-Target: Nope.Nothing\r\n", "{}")).read();
      assertEquals(400, named.status);
      JsonNode record = recordOf(named);
      assertEquals("UnknownOperationException", record.get("errorCode").asText());
      assertEquals("Nothing", record.get("eventName").asText());
      assertFalse(record.has("eventSource"), record.toString());
      String longName = "X".repeat(5000);
      RawHttp.Response unnamed = http.send(post("HTTP/1.1", "X-Amz-Target: Nope." + longName + "\r\n"
          + "User-Agent: " + "u".repeat(5000) + "\r\n", "{}")).read();
      JsonNode garbage = recordOf(unnamed);
      assertFalse(garbage.has("eventName"), garbage.toString());
      assertEquals("u".repeat(1024), garbage.get("userAgent").asText());
      assertFalse(garbage.toString().contains(longName));
    }
  }

  @Test
  void adminRoutes_areRecordedWithoutThePassphrase() throws IOException {
    try (RawHttp http = new RawHttp(server.port())) {
      RawHttp.Response health = http.send("GET /_keywarden/health HTTP/1.1\r\nHost: x\r\n\r\n").read();
      assertEquals(200, health.status);
      JsonNode healthRecord = recordOf(health);
      assertEquals("keywarden", healthRecord.get("eventSource").asText());
      assertEquals("GetHealth", healthRecord.get("eventName").asText());
      assertTrue(healthRecord.get("readOnly").asBoolean());
      assertFalse(healthRecord.has("errorCode"));
      assertTrue(healthRecord.get("responseElements").isNull());

      server.admin.sealed = true;
      RawHttp.Response wrong = http.send(post("HTTP/1.1", "", "{\"passphrase\":\"guess-1234\"}")
          .replace("POST / ", "POST /_keywarden/unseal ")).read();
      assertEquals(400, wrong.status);
      JsonNode unseal = recordOf(wrong);
      assertEquals("Unseal", unseal.get("eventName").asText());
      assertEquals("UnsealFailedException", unseal.get("errorCode").asText());
      assertFalse(unseal.get("readOnly").asBoolean());
      assertTrue(unseal.get("requestParameters").isNull());
      assertFalse(unseal.toString().contains("guess-1234"));
      RawHttp.Response right = http.send(post("HTTP/1.1", "", "{\"passphrase\":\"" + FakeAdmin.PASSPHRASE + "\"}")
          .replace("POST / ", "POST /_keywarden/unseal ")).read();
      assertEquals(200, right.status);
      JsonNode unsealed = recordOf(right);
      assertFalse(unsealed.has("errorCode"));
      assertFalse(unsealed.toString().contains(FakeAdmin.PASSPHRASE));

      server.admin.dev = false;
      RawHttp.Response reset = http.send(post("HTTP/1.1", "", "").replace("POST / ", "POST /_keywarden/reset ")).read();
      assertEquals(403, reset.status);
      assertEquals("AccessDeniedException", recordOf(reset).get("errorCode").asText());
      assertEquals("Reset", recordOf(reset).get("eventName").asText());

      RawHttp.Response unknown = http.send("GET /_keywarden/secrets HTTP/1.1\r\nHost: x\r\n\r\n").read();
      assertEquals(404, unknown.status);
      JsonNode unknownRecord = recordOf(unknown);
      assertEquals("keywarden", unknownRecord.get("eventSource").asText());
      assertFalse(unknownRecord.has("eventName"));
    }
  }

  @Test
  void failingAuditLog_refusesEveryKindOfRequest() throws IOException {
    server.audit.failing(true);
    int before = server.audit.events().size();
    try (RawHttp http = new RawHttp(server.port())) {
      RawHttp.Response notFound = http.send("GET /favicon.ico HTTP/1.1\r\nHost: x\r\n\r\n").read();
      assertInternal(notFound, "InternalFailure");
      RawHttp.Response health = http.send("GET /_keywarden/health HTTP/1.1\r\nHost: x\r\n\r\n").read();
      assertInternal(health, "InternalFailure");
      assertFalse(health.body.contains("version"), health.body);
      RawHttp.Response unseal = http.send(post("HTTP/1.1", "", "{\"passphrase\":\"x\"}")
          .replace("POST / ", "POST /_keywarden/unseal ")).read();
      assertInternal(unseal, "InternalFailure");
      RawHttp.Response unknownTarget =
          http.send(post("HTTP/1.1", devAuth("TrentService.MakeCoffee"), "{}")).read();
      assertInternal(unknownTarget, "KMSInternalException");
    }
    try (RawHttp http = new RawHttp(server.port())) {
      http.send("POST / HTTP/1.1\r\nHost: x\r\n" + devAuth("TrentService.Encrypt")
          + "Content-Length: 100000000\r\n\r\n");
      RawHttp.Response tooLarge = http.read();
      assertInternal(tooLarge, "KMSInternalException");
      assertTrue(http.closedByServer());
    }
    assertEquals(before, server.audit.events().size());
  }

  private static void assertInternal(RawHttp.Response response, String code) {
    assertEquals(500, response.status, response.body);
    assertEquals("{\"__type\":\"" + code + "\",\"message\":\"" + Dispatcher.INTERNAL_MESSAGE + "\"}",
        response.body);
  }
}

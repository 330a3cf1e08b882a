package io.keywarden.protocol.http;

import static io.keywarden.protocol.http.RawHttp.devAuth;
import static io.keywarden.protocol.http.RawHttp.post;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** What real clients do not send: raw HTTP over a socket, against a dev-mode server (1 KiB bodies). */
class RawProtocolTest {
  private static final String ENCRYPT = "{\"KeyId\":\"k\",\"Plaintext\":\"aGVsbG8=\"}";
  private static final String AMZ_JSON = "application/x-amz-json-1.1";
  private static RunningServer server;

  @BeforeAll
  static void start() {
    server = new RunningServer(HttpServerConfig.defaults().withMaxBodyBytes(1024), true);
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  private static RawHttp.Response exchange(String request) throws IOException {
    try (RawHttp http = new RawHttp(server.port())) {
      return http.send(request).read();
    }
  }

  private static void assertAws(RawHttp.Response response, int status, String body) {
    assertEquals(status, response.status, response.body);
    assertEquals(body, response.body);
    assertEquals(AMZ_JSON, response.header("Content-Type"));
    assertTrue(RunningServer.UUID.matcher(response.header("x-amzn-RequestId")).matches());
  }

  @Test
  void devModeRequest_isAnsweredWithJsonAndRequestId() throws IOException {
    RawHttp.Response response = exchange(post("HTTP/1.1", devAuth("TrentService.Encrypt"), ENCRYPT));
    assertEquals(200, response.status, response.body);
    assertEquals(AMZ_JSON, response.header("Content-Type"));
    assertTrue(RunningServer.UUID.matcher(response.header("x-amzn-RequestId")).matches());
    assertTrue(response.body.startsWith("{\"KeyId\":\"arn:aws:kms:us-east-1:000000000000:key/k\""), response.body);
  }

  @Test
  void jsonContentTypeOrNone_isAccepted() throws IOException {
    String headers = devAuth("TrentService.Encrypt").replace("Content-Type: " + AMZ_JSON + "\r\n", "");
    assertEquals(200, exchange(post("HTTP/1.1", headers, ENCRYPT)).status);
    assertEquals(200, exchange(post("HTTP/1.1",
        headers + "Content-Type: application/json; charset=utf-8\r\n", ENCRYPT)).status);
  }

  @Test
  void emptyBody_readsAsEmptyObject() throws IOException {
    RawHttp.Response response = exchange(post("HTTP/1.1", devAuth("TrentService.GenerateRandom"), ""));
    assertEquals(200, response.status, response.body);
  }

  @Test
  void malformedJson_isSerializationException() throws IOException {
    assertAws(exchange(post("HTTP/1.1", devAuth("TrentService.Encrypt"), "{\"KeyId\":")), 400,
        "{\"__type\":\"SerializationException\"}");
  }

  @Test
  void memberOfTheWrongType_isSerializationExceptionWithMessage() throws IOException {
    assertAws(exchange(post("HTTP/1.1", devAuth("TrentService.GenerateRandom"), "{\"NumberOfBytes\":\"8\"}")),
        400, "{\"__type\":\"SerializationException\",\"message\":\"STRING_VALUE can not be converted to an Integer\"}");
  }

  @Test
  void unknownMissingOrForeignTarget_isUnknownOperation() throws IOException {
    String unknown = "{\"__type\":\"UnknownOperationException\"}";
    assertAws(exchange(post("HTTP/1.1", devAuth("TrentService.Frobnicate"), "{}")), 400, unknown);
    assertAws(exchange(post("HTTP/1.1", devAuth("Other.Encrypt"), "{}")), 400, unknown);
    String noTarget = devAuth("x").replace("X-Amz-Target: x\r\n", "");
    assertAws(exchange(post("HTTP/1.1", noTarget, "{}")), 400, unknown);
    String form = devAuth("TrentService.Encrypt").replace(AMZ_JSON, "application/x-www-form-urlencoded");
    assertAws(exchange(post("HTTP/1.1", form, "{}")), 400, unknown);
  }

  @Test
  void unknownPathOrMethod_is404() throws IOException {
    assertAws(exchange("GET / HTTP/1.1\r\nHost: x\r\n\r\n"), 404,
        "{\"__type\":\"UnknownOperationException\",\"message\":\"No such resource: GET /\"}");
    assertAws(exchange("POST /elsewhere?x=1 HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\n\r\n"), 404,
        "{\"__type\":\"UnknownOperationException\",\"message\":\"No such resource: POST /elsewhere\"}");
  }

  @Test
  void missingAuthorization_isMissingAuthenticationToken() throws IOException {
    String headers = "X-Amz-Target: TrentService.Encrypt\r\nContent-Type: " + AMZ_JSON + "\r\n";
    assertAws(exchange(post("HTTP/1.1", headers, ENCRYPT)), 400,
        "{\"__type\":\"MissingAuthenticationTokenException\",\"message\":\"Missing Authentication Token\"}");
  }

  @Test
  void oversizedContentLength_is413BeforeTheBodyAndCloses() throws IOException {
    try (RawHttp http = new RawHttp(server.port())) {
      http.send("POST / HTTP/1.1\r\nHost: x\r\n" + devAuth("TrentService.Encrypt")
          + "Content-Length: 100000000\r\n\r\n");
      RawHttp.Response response = http.read();
      assertAws(response, 413, "{\"__type\":\"RequestEntityTooLargeException\","
          + "\"message\":\"Request body exceeds the maximum size of 1024 bytes\"}");
      assertEquals("close", response.header("Connection"));
      assertTrue(http.closedByServer());
    }
  }

  @Test
  void oversizedChunkedBody_is413AsSoonAsItPassesTheLimit() throws IOException {
    try (RawHttp http = new RawHttp(server.port())) {
      http.send("POST / HTTP/1.1\r\nHost: x\r\n" + devAuth("TrentService.Encrypt")
          + "Transfer-Encoding: chunked\r\n\r\n");
      String chunk = "a".repeat(600);
      http.send(Integer.toHexString(chunk.length()) + "\r\n" + chunk + "\r\n");
      http.send(Integer.toHexString(chunk.length()) + "\r\n" + chunk + "\r\n");
      RawHttp.Response response = http.read();
      assertEquals(413, response.status);
      assertTrue(http.closedByServer());
    }
  }

  @Test
  void chunkedBodyWithinTheLimit_isAccepted() throws IOException {
    try (RawHttp http = new RawHttp(server.port())) {
      http.send("POST / HTTP/1.1\r\nHost: x\r\n" + devAuth("TrentService.Encrypt")
          + "Transfer-Encoding: chunked\r\n\r\n");
      http.send("5\r\n" + ENCRYPT.substring(0, 5) + "\r\n");
      String rest = ENCRYPT.substring(5);
      http.send(Integer.toHexString(rest.length()) + "\r\n" + rest + "\r\n0\r\n\r\n");
      assertEquals(200, http.read().status);
    }
  }

  @Test
  void expectContinue_getsContinueThenTheAnswer() throws IOException {
    byte[] body = ENCRYPT.getBytes(StandardCharsets.UTF_8);
    try (RawHttp http = new RawHttp(server.port())) {
      http.send("POST / HTTP/1.1\r\nHost: x\r\n" + devAuth("TrentService.Encrypt") + "Expect: 100-continue\r\n"
          + "Content-Length: " + body.length + "\r\n\r\n");
      assertEquals(100, http.read().status);
      http.send(body);
      assertEquals(200, http.read().status);
    }
  }

  @Test
  void keepAlive_servesSeveralRequestsOnOneConnectionWithDistinctIds() throws IOException {
    try (RawHttp http = new RawHttp(server.port())) {
      RawHttp.Response first = http.send(post("HTTP/1.1", devAuth("TrentService.Encrypt"), ENCRYPT)).read();
      RawHttp.Response second = http.send(post("HTTP/1.1", devAuth("TrentService.Encrypt"), ENCRYPT)).read();
      assertEquals(200, first.status);
      assertEquals(200, second.status);
      assertNull(second.header("Connection"));
      assertFalse(first.header("x-amzn-RequestId").equals(second.header("x-amzn-RequestId")));
    }
  }

  @Test
  void pipelinedBlockingThenInlineRequests_areAnsweredInOrder() throws IOException {
    server.kms.generateRandomDelayMillis = 200;
    try (RawHttp http = new RawHttp(server.port())) {
      http.send(post("HTTP/1.1", devAuth("TrentService.GenerateRandom"), "{\"NumberOfBytes\":3}")
          + post("HTTP/1.1", devAuth("TrentService.Encrypt"), ENCRYPT)
          + post("HTTP/1.1", devAuth("TrentService.GenerateRandom"), "{\"NumberOfBytes\":6}"));
      assertEquals("{\"Plaintext\":\"AAAA\"}", http.read().body);
      assertTrue(http.read().body.contains("CiphertextBlob"));
      assertEquals("{\"Plaintext\":\"AAAAAAAA\"}", http.read().body);
    } finally {
      server.kms.generateRandomDelayMillis = 0;
    }
  }

  @Test
  void http10WithoutKeepAlive_isClosedAfterTheAnswer() throws IOException {
    try (RawHttp http = new RawHttp(server.port())) {
      RawHttp.Response response = http.send(post("HTTP/1.0", devAuth("TrentService.Encrypt"), ENCRYPT)).read();
      assertEquals(200, response.status);
      assertEquals("close", response.header("Connection"));
      assertTrue(http.closedByServer());
    }
  }

  @Test
  void http10WithKeepAlive_staysOpen() throws IOException {
    String keepAlive = devAuth("TrentService.Encrypt") + "Connection: keep-alive\r\n";
    try (RawHttp http = new RawHttp(server.port())) {
      RawHttp.Response first = http.send(post("HTTP/1.0", keepAlive, ENCRYPT)).read();
      assertEquals("keep-alive", first.header("Connection"));
      assertEquals("HTTP/1.0", first.version);
      assertEquals(200, http.send(post("HTTP/1.0", keepAlive, ENCRYPT)).read().status);
    }
  }

  @Test
  void http11ConnectionClose_isHonoured() throws IOException {
    try (RawHttp http = new RawHttp(server.port())) {
      RawHttp.Response response =
          http.send(post("HTTP/1.1", devAuth("TrentService.Encrypt") + "Connection: close\r\n", ENCRYPT)).read();
      assertEquals("close", response.header("Connection"));
      assertTrue(http.closedByServer());
    }
  }

  @Test
  void malformedRequestLine_is400AndCloses() throws IOException {
    try (RawHttp http = new RawHttp(server.port())) {
      RawHttp.Response response = http.send("POST / HTTP/1.1\r\nHost: x\r\nContent-Length: zz\r\n\r\n").read();
      assertEquals(400, response.status);
      assertTrue(RunningServer.UUID.matcher(response.header("x-amzn-RequestId")).matches());
      assertTrue(http.closedByServer());
    }
  }
}

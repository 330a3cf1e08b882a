package io.keywarden.protocol.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The admin routes and the sealed gate, through java.net.http. */
class AdminAndSealTest {
  private final HttpClient http = HttpClient.newHttpClient();
  private RunningServer server;

  @BeforeEach
  void start() {
    server = new RunningServer(HttpServerConfig.defaults(), true);
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private HttpResponse<String> send(String method, String path, String body, String... headers)
      throws IOException, InterruptedException {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(server.url() + path))
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
    if (headers.length > 0) {
      request.headers(headers);
    }
    HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    assertTrue(RunningServer.UUID.matcher(response.headers().firstValue("x-amzn-RequestId").orElse("")).matches());
    return response;
  }

  private HttpResponse<String> encrypt() throws IOException, InterruptedException {
    String raw = RawHttp.devAuth("TrentService.Encrypt");
    String date = raw.split("X-Amz-Date: ")[1].split("\r\n")[0];
    String authorization = raw.split("Authorization: ")[1].split("\r\n")[0];
    return send("POST", "/", "{\"KeyId\":\"k\",\"Plaintext\":\"aGk=\"}",
        "X-Amz-Target", "TrentService.Encrypt", "Content-Type", "application/x-amz-json-1.1",
        "X-Amz-Date", date, "Authorization", authorization);
  }

  @Test
  void health_reportsReadyAndDev() throws IOException, InterruptedException {
    HttpResponse<String> response = send("GET", "/_keywarden/health", null);
    assertEquals(200, response.statusCode());
    assertEquals("application/json", response.headers().firstValue("Content-Type").orElse(""));
    assertEquals("{\"status\":\"ready\",\"sealed\":false,\"dev\":true,\"version\":\"0.1.0-test\"}", response.body());
  }

  @Test
  void sealedServer_answers503BeforeAuthentication() throws IOException, InterruptedException {
    server.admin.sealed = true;
    HttpResponse<String> api = send("POST", "/", "{}", "X-Amz-Target", "TrentService.Encrypt");
    assertEquals(503, api.statusCode());
    assertEquals("application/x-amz-json-1.1", api.headers().firstValue("Content-Type").orElse(""));
    assertEquals("{\"__type\":\"ServiceUnavailableException\",\"message\":\"Keywarden is sealed. "
        + "Unseal it with 'keywarden unseal'.\"}", api.body());
    HttpResponse<String> health = send("GET", "/_keywarden/health", null);
    assertEquals(200, health.statusCode());
    assertEquals("{\"status\":\"sealed\",\"sealed\":true,\"dev\":true,\"version\":\"0.1.0-test\"}", health.body());
  }

  @Test
  void unsealWithWrongPassphrase_failsAndStaysSealed() throws IOException, InterruptedException {
    server.admin.sealed = true;
    HttpResponse<String> response = send("POST", "/_keywarden/unseal", "{\"passphrase\":\"guess\"}");
    assertEquals(400, response.statusCode());
    assertEquals("{\"__type\":\"UnsealFailedException\",\"message\":\"Unseal failed: the passphrase is wrong "
        + "or the seal is damaged\"}", response.body());
    assertEquals(503, encrypt().statusCode());
  }

  @Test
  void unsealWithThePassphrase_opensTheApiOnTheBlockingPool() throws IOException, InterruptedException {
    server.admin.sealed = true;
    HttpResponse<String> response =
        send("POST", "/_keywarden/unseal", "{\"passphrase\":\"" + FakeAdmin.PASSPHRASE + "\"}");
    assertEquals(200, response.statusCode());
    assertEquals("{\"sealed\":false}", response.body());
    assertTrue(server.admin.unsealThread.startsWith("keywarden-blocking"), server.admin.unsealThread);
    assertEquals(200, encrypt().statusCode());
  }

  @Test
  void unsealWithoutPassphrase_isRefused() throws IOException, InterruptedException {
    HttpResponse<String> missing = send("POST", "/_keywarden/unseal", "{\"pass\":\"x\"}");
    assertEquals(400, missing.statusCode());
    assertEquals("{\"__type\":\"ValidationException\",\"message\":\"1 validation error detected: Value null at "
        + "'passphrase' failed to satisfy constraint: Member must not be null\"}", missing.body());
    HttpResponse<String> malformed = send("POST", "/_keywarden/unseal", "passphrase=x");
    assertEquals(400, malformed.statusCode());
    assertEquals("{\"__type\":\"SerializationException\"}", malformed.body());
  }

  @Test
  void resetInDevMode_resets() throws IOException, InterruptedException {
    HttpResponse<String> response = send("POST", "/_keywarden/reset", null);
    assertEquals(200, response.statusCode());
    assertEquals("{}", response.body());
    assertEquals(1, server.admin.resets.get());
  }

  @Test
  void resetOutsideDevMode_isAccessDenied() throws IOException, InterruptedException {
    server.admin.dev = false;
    HttpResponse<String> response = send("POST", "/_keywarden/reset", null);
    assertEquals(403, response.statusCode());
    assertEquals("{\"__type\":\"AccessDeniedException\",\"message\":\"Reset is only allowed in dev mode.\"}",
        response.body());
    assertEquals(0, server.admin.resets.get());
  }

  @Test
  void unknownAdminRouteOrMethod_is404() throws IOException, InterruptedException {
    assertEquals(404, send("GET", "/_keywarden/unseal", null).statusCode());
    assertEquals(404, send("POST", "/_keywarden/health", null).statusCode());
    assertEquals(404, send("GET", "/_keywarden/nothing", null).statusCode());
  }
}

package io.keywarden.protocol.http;

import static io.keywarden.protocol.http.RawHttp.devAuth;
import static io.keywarden.protocol.http.RawHttp.post;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The bounds of the blocking and compute pools, the idle timeout, the Date header of errors, and bad wiring. */
class ServerLimitsTest {

  @Test
  void saturatedBlockingPool_answersThrottling() throws IOException {
    HttpServerConfig config = HttpServerConfig.defaults().withThreads(1, 1).withBlockingQueue(1);
    try (RunningServer server = new RunningServer(config, true)) {
      server.kms.generateRandomDelayMillis = 300;
      List<RawHttp> connections = new ArrayList<>();
      try {
        for (int i = 0; i < 3; i++) {
          RawHttp http = new RawHttp(server.port());
          connections.add(http);
          http.send(post("HTTP/1.1", devAuth("TrentService.GenerateRandom"), "{\"NumberOfBytes\":1}"));
        }
        List<String> bodies = new ArrayList<>();
        List<String> throttled = new ArrayList<>();
        for (RawHttp http : connections) {
          RawHttp.Response response = http.read();
          bodies.add(response.body);
          if (response.body.contains("ThrottlingException")) {
            throttled.add(response.header("x-amzn-RequestId"));
          }
        }
        assertTrue(bodies.contains("{\"__type\":\"ThrottlingException\",\"message\":\"Rate exceeded\"}"),
            bodies.toString());
        // A throttled call is recorded like any other.
        for (String requestId : throttled) {
          assertEquals("ThrottlingException", server.audit.only(requestId).get("errorCode").asText());
        }
      } finally {
        for (RawHttp http : connections) {
          http.close();
        }
      }
    }
  }

  @Test
  void saturatedComputePool_answersThrottling_whileTheBlockingPoolStillServes() throws IOException {
    HttpServerConfig config = HttpServerConfig.defaults().withComputeThreads(1).withBlockingQueue(1);
    try (RunningServer server = new RunningServer(config, true)) {
      server.kms.signDelayMillis = 300;
      String sign = "{\"KeyId\":\"k\",\"Message\":\"YWJj\",\"SigningAlgorithm\":\"ECDSA_SHA_256\"}";
      List<RawHttp> connections = new ArrayList<>();
      try {
        for (int i = 0; i < 3; i++) {
          RawHttp http = new RawHttp(server.port());
          connections.add(http);
          http.send(post("HTTP/1.1", devAuth("TrentService.Sign"), sign));
        }
        // the compute pool's thread and queue are taken; blocking operations have their own pool
        try (RawHttp other = new RawHttp(server.port())) {
          assertEquals(200,
              other.send(post("HTTP/1.1", devAuth("TrentService.GenerateRandom"), "{\"NumberOfBytes\":1}")).read().status);
        }
        List<String> bodies = new ArrayList<>();
        for (RawHttp http : connections) {
          bodies.add(http.read().body);
        }
        assertTrue(bodies.contains("{\"__type\":\"ThrottlingException\",\"message\":\"Rate exceeded\"}"),
            bodies.toString());
      } finally {
        for (RawHttp http : connections) {
          http.close();
        }
      }
    }
  }

  @Test
  void idleConnection_isClosed() throws IOException {
    HttpServerConfig config = HttpServerConfig.defaults().withIdleTimeout(Duration.ofMillis(200));
    try (RunningServer server = new RunningServer(config, true); RawHttp http = new RawHttp(server.port())) {
      assertEquals(200, http.send(post("HTTP/1.1", devAuth("TrentService.GenerateRandom"), "{}")).read().status);
      long start = System.nanoTime();
      assertTrue(http.closedByServer());
      assertTrue(System.nanoTime() - start < 5_000_000_000L);
    }
  }

  @Test
  void apiError_carriesTheServersDate() throws IOException {
    try (RunningServer server = new RunningServer(HttpServerConfig.defaults(), false);
        RawHttp http = new RawHttp(server.port())) {
      RawHttp.Response response =
          http.send(post("HTTP/1.1", "X-Amz-Target: TrentService.Encrypt\r\n", "{}")).read();
      assertEquals(400, response.status);
      Instant date = ZonedDateTime.parse(response.header("Date"), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
      assertTrue(Duration.between(date, Instant.now()).abs().getSeconds() < 60, date.toString());
    }
  }

  @Test
  void serviceImplementingAnOperationOutsideItsModel_isRefused() {
    FakeKms kms = new FakeKms() {
      @Override
      public java.util.Map<String, io.keywarden.services.api.OperationBinding> operations() {
        return java.util.Map.of("Frobnicate", new io.keywarden.services.api.OperationBinding(
            "Frobnicate", io.keywarden.services.api.Execution.INLINE, (c, i) -> i));
      }
    };
    assertThrows(IllegalArgumentException.class, () -> new KeywardenHttpServer(HttpServerConfig.defaults(),
        List.of(kms), new TestCredentials(false), new FakeAdmin(), RequestIds.random()));
  }

  @Test
  void serviceWithAForeignTargetPrefix_isRefused() {
    FakeKms kms = new FakeKms() {
      @Override
      public String targetPrefix() {
        return "NotTrent";
      }
    };
    assertThrows(IllegalArgumentException.class, () -> new KeywardenHttpServer(HttpServerConfig.defaults(),
        List.of(kms), new TestCredentials(false), new FakeAdmin(), RequestIds.random()));
  }

  @Test
  void requestIds_areVersion4Uuids() {
    java.util.function.Supplier<String> ids = RequestIds.random();
    for (int i = 0; i < 1000; i++) {
      assertTrue(RunningServer.UUID.matcher(ids.get()).matches());
    }
  }
}

package io.keywarden.it.secrets;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.keywarden.it.TestServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.model.DescribeSecretResponse;
import software.amazon.awssdk.services.secretsmanager.model.ResourceNotFoundException;

/**
 * A rotation function served over HTTP, as Keywarden invokes one registered for a RotationLambdaARN:
 * each step arrives as a POST of {@code {"SecretId", "ClientRequestToken", "Step"}} and is done as
 * AWS's rotation template for a generic secret does it, calling Keywarden back through the AWS SDK v2
 * with credentials of its own: createSecret puts a GetRandomPassword value as AWSPENDING, testSecret
 * reads it, finishSecret moves AWSCURRENT with UpdateSecretVersionStage. Answers 200 when a step
 * succeeded, 500 with the reason when it failed (or when told to fail at a step).
 */
public final class HttpRotationEndpoint implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** The steps received, as {@code step:token}. */
  public final List<String> seen = new CopyOnWriteArrayList<>();
  /** The step to fail at, or {@code null}. */
  public volatile String failAt;

  private final HttpServer http;
  private final ExecutorService threads = Executors.newFixedThreadPool(2);
  private final SecretsManagerClient sm;

  /** A function calling back a dev server (which takes any credentials). */
  public HttpRotationEndpoint(URI keywarden) throws IOException {
    this(keywarden, "AKIAROTATIONFN", "rotation-function-secret");
  }

  /** @param keywarden the endpoint to call back, with these credentials */
  public HttpRotationEndpoint(URI keywarden, String accessKeyId, String secretAccessKey)
      throws IOException {
    this.sm = TestServer.secretsManager(keywarden, accessKeyId, secretAccessKey);
    this.http = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    http.setExecutor(threads);
    http.createContext("/rotate", this::handle);
    http.start();
  }

  /** The URL to register for the function's ARN. */
  public String url() {
    return "http://127.0.0.1:" + http.getAddress().getPort() + "/rotate";
  }

  private void handle(HttpExchange exchange) throws IOException {
    int status;
    String answer;
    try {
      JsonNode event = JSON.readTree(exchange.getRequestBody().readAllBytes());
      String step = event.get("Step").asText();
      String token = event.get("ClientRequestToken").asText();
      seen.add(step + ":" + token);
      if (step.equals(failAt)) {
        throw new IllegalStateException("failing " + step + " on purpose");
      }
      run(event.get("SecretId").asText(), token, step);
      status = 200;
      answer = "{}";
    } catch (RuntimeException e) {
      status = 500;
      answer = e.getMessage();
    }
    byte[] body = answer.getBytes(StandardCharsets.UTF_8);
    exchange.sendResponseHeaders(status, body.length);
    exchange.getResponseBody().write(body);
    exchange.close();
  }

  private void run(String arn, String token, String step) {
    DescribeSecretResponse metadata = sm.describeSecret(r -> r.secretId(arn));
    Map<String, List<String>> versions = metadata.versionIdsToStages();
    if (!versions.containsKey(token)) {
      throw new IllegalStateException("Secret version " + token + " has no stage for rotation");
    }
    if (versions.get(token).contains("AWSCURRENT")) {
      return;
    }
    if (!versions.get(token).contains("AWSPENDING")) {
      throw new IllegalStateException("Secret version " + token + " not set as AWSPENDING");
    }
    switch (step) {
      case "createSecret" -> {
        sm.getSecretValue(r -> r.secretId(arn).versionStage("AWSCURRENT"));
        try {
          sm.getSecretValue(r -> r.secretId(arn).versionId(token).versionStage("AWSPENDING"));
        } catch (ResourceNotFoundException e) {
          String password = sm.getRandomPassword(r -> r.excludeCharacters("/@\"'\\")).randomPassword();
          sm.putSecretValue(r -> r.secretId(arn).clientRequestToken(token)
              .secretString("{\"password\":\"" + password + "\"}").versionStages("AWSPENDING"));
        }
      }
      case "setSecret" -> { }
      case "testSecret" -> sm.getSecretValue(r -> r.secretId(arn).versionId(token).versionStage("AWSPENDING"));
      case "finishSecret" -> {
        String current = null;
        for (Map.Entry<String, List<String>> v : versions.entrySet()) {
          if (v.getValue().contains("AWSCURRENT")) {
            current = v.getKey();
          }
        }
        String from = current;
        sm.updateSecretVersionStage(r -> r.secretId(arn).versionStage("AWSCURRENT")
            .moveToVersionId(token).removeFromVersionId(from));
      }
      default -> throw new IllegalStateException("unknown step " + step);
    }
  }

  @Override
  public void close() {
    http.stop(0);
    threads.shutdownNow();
    sm.close();
  }
}

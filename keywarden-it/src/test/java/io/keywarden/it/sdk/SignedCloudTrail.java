package io.keywarden.it.sdk;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;

/**
 * CloudTrail calls signed by the AWS SDK v2's own SigV4 signer, sent as the SDK's CloudTrailClient
 * would send them (AWS JSON 1.1, {@code X-Amz-Target}), for bodies the typed client cannot send (bad
 * tokens, raw JSON). The SDK's own {@code CloudTrailClient} is tested in {@link CloudTrailClientTest}
 * (module 2.50.2: 2.54, the version of the other SDK modules here, is not served).
 */
public final class SignedCloudTrail {
  static final String TARGET = "com.amazonaws.cloudtrail.v20131101.CloudTrail_20131101.";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  /** An answer: status, request id, body. */
  record Reply(int status, String requestId, JsonNode body) {
    String errorCode() {
      return body.path("__type").asText(null);
    }
  }

  private final URI endpoint;
  private final String accessKeyId;
  private final String secretAccessKey;
  private final String region;

  public SignedCloudTrail(URI endpoint, String accessKeyId, String secretAccessKey, String region) {
    this.endpoint = endpoint;
    this.accessKeyId = accessKeyId;
    this.secretAccessKey = secretAccessKey;
    this.region = region;
  }

  Reply call(String operation, String body) {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    SdkHttpRequest unsigned = SdkHttpRequest.builder()
        .method(SdkHttpMethod.POST)
        .uri(endpoint.resolve("/"))
        .putHeader("Content-Type", "application/x-amz-json-1.1")
        .putHeader("X-Amz-Target", TARGET + operation)
        .build();
    SdkHttpRequest signed = AwsV4HttpSigner.create().sign(r -> r
        .identity(AwsCredentialsIdentity.create(accessKeyId, secretAccessKey))
        .request(unsigned)
        .payload(ContentStreamProvider.fromByteArray(bytes))
        .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "cloudtrail")
        .putProperty(AwsV4HttpSigner.REGION_NAME, region)).request();
    HttpRequest.Builder request = HttpRequest.newBuilder(signed.getUri())
        .POST(HttpRequest.BodyPublishers.ofByteArray(bytes));
    signed.forEachHeader((name, values) -> {
      if (!name.equalsIgnoreCase("host")) {
        values.forEach(v -> request.header(name, v));
      }
    });
    try {
      HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
      return new Reply(response.statusCode(), response.headers().firstValue("x-amzn-RequestId").orElse(null),
          JSON.readTree(response.body()));
    } catch (IOException e) {
      throw new AssertionError(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  /** LookupEvents; fails the test unless it succeeds. */
  public JsonNode lookupEvents(String body) {
    Reply reply = call("LookupEvents", body);
    if (reply.status() != 200) {
      throw new AssertionError("LookupEvents " + body + ": " + reply.status() + " " + reply.body());
    }
    return reply.body();
  }

  public static JsonNode parse(String json) {
    try {
      return JSON.readTree(json);
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }
}

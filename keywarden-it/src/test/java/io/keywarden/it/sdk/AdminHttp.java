package io.keywarden.it.sdk;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kms.KmsClient;

/**
 * Keywarden's own HTTP routes ({@code /_keywarden/health|unseal|reset}), which are not AWS APIs and so
 * are called with a plain HTTP client, and SDK clients that do not retry (so that a 503 is seen once).
 */
final class AdminHttp {
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private AdminHttp() {}

  /** A response's status and body. */
  record Reply(int status, String body) {}

  static Reply get(URI endpoint, String path) {
    return send(HttpRequest.newBuilder(endpoint.resolve(path)).GET());
  }

  static Reply post(URI endpoint, String path, String json) {
    return send(
        HttpRequest.newBuilder(endpoint.resolve(path))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(json)));
  }

  private static Reply send(HttpRequest.Builder request) {
    try {
      HttpResponse<String> r = HTTP.send(request.timeout(Duration.ofSeconds(30)).build(),
          HttpResponse.BodyHandlers.ofString());
      return new Reply(r.statusCode(), r.body());
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** A KMS client that makes exactly one attempt per call. */
  static KmsClient kmsWithoutRetries(URI endpoint, String accessKeyId, String secretAccessKey) {
    return kmsWithoutRetries(endpoint, Region.US_EAST_1, accessKeyId, secretAccessKey);
  }

  /** A KMS client for {@code region} that makes exactly one attempt per call. */
  static KmsClient kmsWithoutRetries(URI endpoint, Region region, String accessKeyId, String secretAccessKey) {
    return KmsClient.builder()
        .endpointOverride(endpoint)
        .region(region)
        .credentialsProvider(
            StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKeyId, secretAccessKey)))
        .httpClient(UrlConnectionHttpClient.create())
        .overrideConfiguration(c -> c.retryStrategy(AwsRetryStrategy.doNotRetry()))
        .build();
  }
}

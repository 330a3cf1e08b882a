package io.keywarden.server.cli;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;

/**
 * One API call through the whole request path (routing, SigV4 parsing, validation, an operation),
 * so that a class-data-sharing archive recorded during {@code --exit-when-ready} holds the classes a
 * first request needs. Dev mode accepts the unverified access key; the signature is not checked.
 */
final class WarmUp {
  private static final DateTimeFormatter AMZ_DATE =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'");

  private WarmUp() {}

  static void callOnce(URI endpoint) throws Exception {
    String amzDate = ZonedDateTime.now(ZoneOffset.UTC).format(AMZ_DATE);
    String authorization =
        "AWS4-HMAC-SHA256 Credential=AKIAWARMUPWARMUPWARM/" + amzDate.substring(0, 8)
            + "/us-east-1/kms/aws4_request, SignedHeaders=host;x-amz-date, Signature="
            + "0".repeat(64);
    HttpRequest request =
        HttpRequest.newBuilder(endpoint.resolve("/"))
            .timeout(Duration.ofSeconds(10))
            .header("X-Amz-Target", "TrentService.ListKeys")
            .header("Content-Type", "application/x-amz-json-1.1")
            .header("X-Amz-Date", amzDate)
            .header("Authorization", authorization)
            .POST(HttpRequest.BodyPublishers.ofString("{}"))
            .build();
    HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.discarding());
  }
}

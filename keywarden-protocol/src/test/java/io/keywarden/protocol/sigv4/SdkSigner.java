package io.keywarden.protocol.sigv4;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.HttpSigner;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;

/** Signs requests with the AWS SDK for Java v2's own SigV4 signer, the reference to verify against. */
final class SdkSigner {
  private static final AwsV4HttpSigner SIGNER = AwsV4HttpSigner.create();

  private SdkSigner() {}

  /** A request as it reaches the server: path and query still encoded, headers by lower-case name. */
  static final class Request implements SignedRequest {
    final String method;
    final String path;
    final String query;
    final Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    byte[] body;

    Request(String method, String path, String query, byte[] body) {
      this.method = method;
      this.path = path;
      this.query = query;
      this.body = body;
    }

    Request set(String name, String value) {
      headers.put(name, new ArrayList<>(List.of(value)));
      return this;
    }

    Request remove(String name) {
      headers.remove(name);
      return this;
    }

    @Override
    public String method() {
      return method;
    }

    @Override
    public String rawPath() {
      return path;
    }

    @Override
    public String rawQuery() {
      return query;
    }

    @Override
    public String header(String name) {
      List<String> values = headers.get(name);
      return values == null || values.isEmpty() ? null : values.get(0);
    }

    @Override
    public List<String> headerValues(String name) {
      return headers.getOrDefault(name, List.of());
    }

    @Override
    public byte[] body() {
      return body;
    }
  }

  /** Builds, signs and converts a request. */
  static Request sign(
      SdkHttpRequest.Builder unsigned,
      String body,
      String accessKeyId,
      String secret,
      String service,
      Clock clock,
      boolean signPayload) {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    SdkHttpRequest signed =
        SIGNER
            .sign(
                r ->
                    r.identity(AwsCredentialsIdentity.create(accessKeyId, secret))
                        .request(unsigned.build())
                        .payload(ContentStreamProvider.fromByteArray(bytes))
                        .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, service)
                        .putProperty(AwsV4HttpSigner.REGION_NAME, "eu-west-3")
                        .putProperty(AwsV4HttpSigner.PAYLOAD_SIGNING_ENABLED, signPayload)
                        .putProperty(HttpSigner.SIGNING_CLOCK, clock))
            .request();
    URI uri = signed.getUri();
    Request request =
        new Request(
            signed.method().name(),
            uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath(),
            uri.getRawQuery() == null ? "" : uri.getRawQuery(),
            bytes);
    signed.forEachHeader((name, values) -> request.headers.put(name, new ArrayList<>(values)));
    if (request.header("host") == null) {
      request.set("Host", uri.getAuthority());
    }
    return request;
  }

  static SdkHttpRequest.Builder post(String uri) {
    return SdkHttpRequest.builder()
        .method(SdkHttpMethod.POST)
        .uri(URI.create(uri))
        .putHeader("Content-Type", "application/x-amz-json-1.1")
        .putHeader("X-Amz-Target", "TrentService.Encrypt");
  }
}

package io.keywarden.protocol.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;

/** AWS Query requests that the SDKs do not send, signed with the SDK's SigV4 signer, through java.net.http. */
class QueryRawTest {
  private static final String NS = "https://sts.amazonaws.com/doc/2011-06-15/";
  private static final String FORM = "application/x-www-form-urlencoded; charset=utf-8";
  private static final Pattern REQUEST_ID = Pattern.compile("<RequestId>([^<]+)</RequestId>");
  private static final AwsV4HttpSigner SIGNER = AwsV4HttpSigner.create();
  private static RunningQueryServer server;
  private final HttpClient http = HttpClient.newHttpClient();

  @BeforeAll
  static void start() {
    server = new RunningQueryServer(false);
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @AfterEach
  void unseal() {
    server.admin.sealed = false;
  }

  /** A request signed for {@code service} with the test's long-term key. */
  private HttpResponse<String> signed(String method, String query, String body, String contentType, String service)
      throws IOException, InterruptedException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    SdkHttpRequest.Builder unsigned = SdkHttpRequest.builder()
        .method(SdkHttpMethod.fromValue(method))
        .uri(URI.create(server.url() + "/" + (query.isEmpty() ? "" : "?" + query)));
    if (contentType != null) {
      unsigned.putHeader("Content-Type", contentType);
    }
    SdkHttpRequest request = SIGNER.sign(r -> r
            .identity(AwsCredentialsIdentity.create(TestCredentials.ACCESS_KEY, TestCredentials.SECRET))
            .request(unsigned.build())
            .payload(ContentStreamProvider.fromByteArray(bytes))
            .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, service)
            .putProperty(AwsV4HttpSigner.REGION_NAME, "us-east-1"))
        .request();
    HttpRequest.Builder out = HttpRequest.newBuilder(request.getUri())
        .method(method, bytes.length == 0 ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(bytes));
    request.forEachHeader((name, values) -> {
      if (!name.equalsIgnoreCase("host")) {
        values.forEach(v -> out.header(name, v));
      }
    });
    return http.send(out.build(), HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> post(String form) throws IOException, InterruptedException {
    return signed("POST", "", form, FORM, "sts");
  }

  /** Checks status, XML content type, and that the body's request id is the header's. */
  private static String xml(HttpResponse<String> response, int status) {
    assertEquals(status, response.statusCode(), response.body());
    assertEquals("text/xml", response.headers().firstValue("Content-Type").orElse(""));
    String header = response.headers().firstValue("x-amzn-RequestId").orElse("");
    assertTrue(RunningServer.UUID.matcher(header).matches(), header);
    Matcher inBody = REQUEST_ID.matcher(response.body());
    assertTrue(inBody.find(), response.body());
    assertEquals(header, inBody.group(1));
    return response.body().replace(header, "ID");
  }

  private static String error(String type, String code, String message) {
    return "<ErrorResponse xmlns=\"" + NS + "\"><Error><Type>" + type + "</Type><Code>" + code + "</Code>"
        + "<Message>" + message + "</Message></Error><RequestId>ID</RequestId></ErrorResponse>";
  }

  @Test
  void signedGet_withTheActionInTheQueryString_isAnswered() throws IOException, InterruptedException {
    String body = xml(signed("GET", "Action=GetCallerIdentity&Version=2011-06-15", "", null, "sts"), 200);
    assertEquals("<GetCallerIdentityResponse xmlns=\"" + NS + "\"><GetCallerIdentityResult>"
        + "<UserId>111122223333</UserId><Account>111122223333</Account><Arn>arn:aws:iam::111122223333:root</Arn>"
        + "</GetCallerIdentityResult><ResponseMetadata><RequestId>ID</RequestId></ResponseMetadata>"
        + "</GetCallerIdentityResponse>", body);
  }

  @Test
  void post_withoutCharset_isAQueryCallToo() throws IOException, InterruptedException {
    xml(signed("POST", "", "Action=GetCallerIdentity&Version=2011-06-15", "application/x-www-form-urlencoded",
        "sts"), 200);
  }

  @Test
  void missingAction_isMissingAction() throws IOException, InterruptedException {
    assertEquals(error("Sender", "MissingAction", "Missing Action"), xml(post("Version=2011-06-15"), 400));
  }

  @Test
  void unknownActionOrVersion_isInvalidAction() throws IOException, InterruptedException {
    assertEquals(error("Sender", "InvalidAction", "Could not find operation Encrypt for version 2011-06-15"),
        xml(post("Action=Encrypt&Version=2011-06-15"), 400));
    assertEquals(error("Sender", "InvalidAction", "Could not find operation GetCallerIdentity for version 2012-01-01"),
        xml(post("Action=GetCallerIdentity&Version=2012-01-01"), 400));
    assertEquals(error("Sender", "InvalidAction",
        "Could not find operation GetCallerIdentity for version NO_VERSION_SPECIFIED"),
        xml(post("Action=GetCallerIdentity"), 400));
  }

  @Test
  void unsignedRequest_isMissingAuthenticationToken() throws IOException, InterruptedException {
    HttpRequest request = HttpRequest.newBuilder(URI.create(server.url() + "/"))
        .header("Content-Type", FORM)
        .POST(HttpRequest.BodyPublishers.ofString("Action=GetCallerIdentity&Version=2011-06-15"))
        .build();
    assertEquals(error("Sender", "MissingAuthenticationToken", "Request is missing Authentication Token"),
        xml(http.send(request, HttpResponse.BodyHandlers.ofString()), 403));
  }

  @Test
  void scopeOfAnotherService_isSignatureDoesNotMatch() throws IOException, InterruptedException {
    HttpResponse<String> response =
        signed("POST", "", "Action=GetCallerIdentity&Version=2011-06-15", FORM, "kms");
    assertEquals(error("Sender", "SignatureDoesNotMatch", "Credential should be scoped to correct service: 'sts'. "),
        xml(response, 403));
  }

  @Test
  void sealedServer_isServiceUnavailable() throws IOException, InterruptedException {
    server.admin.sealed = true;
    assertEquals(error("Receiver", "ServiceUnavailable", "Keywarden is sealed. Unseal it with 'keywarden unseal'."),
        xml(post("Action=GetCallerIdentity&Version=2011-06-15"), 503));
    assertTrue(xml(post("Version=2011-06-15"), 400).contains("MissingAction"));
  }

  @Test
  void wrongTypeInTheForm_isValidationError() throws IOException, InterruptedException {
    String form = "Action=AssumeRole&Version=2011-06-15&RoleArn=arn%3Aaws%3Aiam%3A%3A111122223333%3Arole%2Fr"
        + "&RoleSessionName=s&DurationSeconds=ninety";
    assertEquals(error("Sender", "ValidationError", "1 validation error detected: Value 'ninety' at "
        + "'durationSeconds' failed to satisfy constraint: Member must be an integer"), xml(post(form), 400));
  }

  @Test
  void getWithoutQuery_andOtherPaths_stayJson404s() throws IOException, InterruptedException {
    HttpResponse<String> root = http.send(HttpRequest.newBuilder(URI.create(server.url() + "/")).GET().build(),
        HttpResponse.BodyHandlers.ofString());
    assertEquals(404, root.statusCode());
    assertEquals("{\"__type\":\"UnknownOperationException\",\"message\":\"No such resource: GET /\"}", root.body());
    HttpResponse<String> other = http.send(HttpRequest.newBuilder(URI.create(server.url() + "/x?Action=A")).GET().build(),
        HttpResponse.BodyHandlers.ofString());
    assertEquals(404, other.statusCode());
  }

  @Test
  void jsonRequest_stillGoesToTheJsonService() throws IOException, InterruptedException {
    SdkHttpRequest.Builder unsigned = SdkHttpRequest.builder().method(SdkHttpMethod.POST)
        .uri(URI.create(server.url() + "/"))
        .putHeader("Content-Type", "application/x-amz-json-1.1")
        .putHeader("X-Amz-Target", "TrentService.Encrypt");
    byte[] body = "{\"KeyId\":\"k\",\"Plaintext\":\"aGk=\"}".getBytes(StandardCharsets.UTF_8);
    SdkHttpRequest request = SIGNER.sign(r -> r
            .identity(AwsCredentialsIdentity.create(TestCredentials.ACCESS_KEY, TestCredentials.SECRET))
            .request(unsigned.build())
            .payload(ContentStreamProvider.fromByteArray(body))
            .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "kms")
            .putProperty(AwsV4HttpSigner.REGION_NAME, "us-east-1"))
        .request();
    HttpRequest.Builder out = HttpRequest.newBuilder(request.getUri()).POST(HttpRequest.BodyPublishers.ofByteArray(body));
    request.forEachHeader((name, values) -> {
      if (!name.equalsIgnoreCase("host")) {
        values.forEach(v -> out.header(name, v));
      }
    });
    HttpResponse<String> response = http.send(out.build(), HttpResponse.BodyHandlers.ofString());
    assertEquals(200, response.statusCode(), response.body());
    assertEquals("application/x-amz-json-1.1", response.headers().firstValue("Content-Type").orElse(""));
  }
}

package io.keywarden.it.sdk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.keywarden.audit.signing.AuditPublicKeys;
import io.keywarden.audit.verify.AuditVerifier;
import io.keywarden.audit.verify.VerificationReport;
import io.keywarden.it.AuditFiles;
import io.keywarden.it.TestServer;
import io.keywarden.server.ServerOptions;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.model.KmsException;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.AssumeRoleResponse;
import software.amazon.awssdk.services.sts.model.Credentials;
import software.amazon.awssdk.services.sts.model.GetCallerIdentityResponse;

/**
 * What reaches the audit file beyond well-formed calls (issue 5, ADR 8), read from the segment files
 * the server writes: every request a server answers — a path that is no endpoint, an oversized body,
 * a malformed request, Keywarden's admin routes — has exactly one record under its answer's request
 * id, and the log still verifies; a session's calls name the role that issued it and when; calls over
 * HTTPS carry {@code tlsDetails}.
 */
class AuditCoverageSdkTest {
  private static final String ACCOUNT = "111122223333";
  private static final AwsBasicCredentials ALICE =
      AwsBasicCredentials.create("AKIAALICE00000000001", "alice-secret-for-tests-0001");

  private static JsonNode only(Path auditDir, String requestId) {
    return AuditFiles.only(auditDir, requestId);
  }

  private static Path identitiesFile() {
    try {
      return Path.of(AuditCoverageSdkTest.class.getResource("/sts/identities.yaml").toURI());
    } catch (java.net.URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void requestsThatReachNoOperation_haveOneRecordEach_andTheLogVerifies(@TempDir Path dataDir) throws IOException {
    Path auditDir;
    List<String> answered = new ArrayList<>();
    try (TestServer server = TestServer.start(ServerOptions.devOnDisk(dataDir))) {
      auditDir = server.keywarden().auditDirectory().orElseThrow();
      int port = server.keywarden().port();
      Raw notFound = Raw.exchange(port, "GET /.env HTTP/1.1\r\nHost: kms.us-east-1.amazonaws.com\r\n"
          + "User-Agent: scanner/1.0\r\n\r\n");
      assertEquals(404, notFound.status);
      Raw tooLarge = Raw.exchange(port, "POST / HTTP/1.1\r\nHost: localhost\r\n"
          + "X-Amz-Target: TrentService.Encrypt\r\nContent-Type: application/x-amz-json-1.1\r\n"
          + "Authorization: AWS4-HMAC-SHA256 Credential=AKIADEVTEST/20260101/eu-west-1/kms/aws4_request, "
          + "SignedHeaders=host, Signature=00\r\nContent-Length: 999999999\r\n\r\n");
      assertEquals(413, tooLarge.status);
      Raw malformed = Raw.exchange(port, "\u0016\u0003\u0001 not http at all\r\n\r\n");
      assertEquals(400, malformed.status);
      Raw health = Raw.exchange(port, "GET /_keywarden/health HTTP/1.1\r\nHost: localhost\r\n\r\n");
      assertEquals(200, health.status);
      for (Raw r : List.of(notFound, tooLarge, malformed, health)) {
        answered.add(r.requestId);
      }

      JsonNode scan = only(auditDir, notFound.requestId);
      assertEquals("kms.amazonaws.com", scan.get("eventSource").asText());
      assertEquals("UnknownOperationException", scan.get("errorCode").asText());
      assertEquals("scanner/1.0", scan.get("userAgent").asText());
      assertEquals("127.0.0.1", scan.get("sourceIPAddress").asText());
      JsonNode large = only(auditDir, tooLarge.requestId);
      assertEquals("Encrypt", large.get("eventName").asText());
      assertEquals("eu-west-1", large.get("awsRegion").asText());
      assertEquals("AKIADEVTEST", large.at("/userIdentity/accessKeyId").asText());
      assertEquals("RequestEntityTooLargeException", large.get("errorCode").asText());
      assertEquals("BadRequestException", only(auditDir, malformed.requestId).get("errorCode").asText());
      JsonNode healthRecord = only(auditDir, health.requestId);
      assertEquals("keywarden", healthRecord.get("eventSource").asText());
      assertEquals("GetHealth", healthRecord.get("eventName").asText());
      assertFalse(healthRecord.has("tlsDetails"));
    }
    for (String requestId : answered) {
      only(auditDir, requestId);
    }
    VerificationReport report = new AuditVerifier(auditDir,
        AuditPublicKeys.of(AuditPublicKeys.readBeside(auditDir).orElseThrow()), Clock.systemUTC()).verify();
    assertEquals(VerificationReport.EXIT_INTACT, report.exitCode(), report.toString());
  }

  @Test
  void sessionCalls_nameTheIssuingRoleAndWhenTheSessionBegan(@TempDir Path dataDir) {
    try (TestServer server = TestServer.start(
        ServerOptions.devOnDisk(dataDir).withIdentitiesFile(identitiesFile()))) {
      Path auditDir = server.keywarden().auditDirectory().orElseThrow();
      AssumeRoleResponse assumed;
      try (StsClient alice = sts(server.endpoint(), ALICE)) {
        assumed = alice.assumeRole(r -> r.roleArn("arn:aws:iam::" + ACCOUNT + ":role/cli-role")
            .roleSessionName("audit-check").durationSeconds(900));
      }
      Credentials c = assumed.credentials();
      AwsSessionCredentials session =
          AwsSessionCredentials.create(c.accessKeyId(), c.secretAccessKey(), c.sessionToken());
      GetCallerIdentityResponse me;
      KmsException denied;
      try (StsClient asSession = sts(server.endpoint(), session);
          KmsClient kms = KmsClient.builder().endpointOverride(server.endpoint()).region(TestServer.REGION)
              .credentialsProvider(StaticCredentialsProvider.create(session))
              .httpClient(UrlConnectionHttpClient.create())
              .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry())).build()) {
        me = asSession.getCallerIdentity();
        denied = assertThrows(KmsException.class, () -> kms.listKeys(r -> {}));
      }
      String issued = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss'Z'", Locale.ROOT)
          .withZone(java.time.ZoneOffset.UTC)
          .format(c.expiration().minusSeconds(900).truncatedTo(ChronoUnit.SECONDS));

      JsonNode assume = only(auditDir, assumed.responseMetadata().requestId());
      assertEquals("sts.amazonaws.com", assume.get("eventSource").asText());
      assertTrue(assume.get("readOnly").asBoolean());
      assertFalse(assume.toString().contains(c.sessionToken()));
      assertFalse(assume.toString().contains(c.secretAccessKey()));
      for (JsonNode record : List.of(only(auditDir, me.responseMetadata().requestId()),
          only(auditDir, denied.requestId()))) {
        JsonNode identity = record.get("userIdentity");
        assertEquals("AssumedRole", identity.get("type").asText());
        assertEquals(c.accessKeyId(), identity.get("accessKeyId").asText());
        assertEquals("arn:aws:sts::" + ACCOUNT + ":assumed-role/cli-role/audit-check", identity.get("arn").asText());
        JsonNode issuer = identity.at("/sessionContext/sessionIssuer");
        assertEquals("Role", issuer.get("type").asText());
        assertEquals("arn:aws:iam::" + ACCOUNT + ":role/cli-role", issuer.get("arn").asText());
        assertEquals("cli-role", issuer.get("userName").asText());
        assertEquals(ACCOUNT, issuer.get("accountId").asText());
        assertEquals(identity.get("principalId").asText().split(":")[0], issuer.get("principalId").asText());
        assertEquals(issued, identity.at("/sessionContext/attributes/creationDate").asText());
        assertEquals("false", identity.at("/sessionContext/attributes/mfaAuthenticated").asText());
      }
      JsonNode callerIdentity = only(auditDir, me.responseMetadata().requestId());
      assertTrue(callerIdentity.get("readOnly").asBoolean());
      assertEquals("AccessDeniedException", only(auditDir, denied.requestId()).get("errorCode").asText());
    }
  }

  @Test
  void callsOverHttps_carryTlsDetails() throws Exception {
    try (TestServer server = TestServer.start(ServerOptions.devInMemory()
        .withTls(new ServerOptions.TlsOptions(null, null, List.of("localhost"))))) {
      Path auditDir = server.keywarden().auditDirectory().orElseThrow();
      int port = server.keywarden().port();
      Raw health = Raw.exchangeOverTls(port, "GET /_keywarden/health HTTP/1.1\r\nHost: localhost:" + port
          + "\r\n\r\n");
      assertEquals(200, health.status);
      JsonNode tls = only(auditDir, health.requestId).get("tlsDetails");
      assertTrue(tls.get("tlsVersion").asText().startsWith("TLSv1."), tls.toString());
      assertTrue(tls.get("cipherSuite").asText().startsWith("TLS_"), tls.toString());
      assertEquals("localhost:" + port, tls.get("clientProvidedHostHeader").asText());
    }
  }

  private static StsClient sts(URI endpoint, software.amazon.awssdk.auth.credentials.AwsCredentials credentials) {
    return StsClient.builder()
        .endpointOverride(endpoint)
        .region(TestServer.REGION)
        .credentialsProvider(StaticCredentialsProvider.create(credentials))
        .httpClient(UrlConnectionHttpClient.create())
        .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry()))
        .build();
  }

  /** One raw request on its own connection, and the answer's status and request id. */
  private record Raw(int status, String requestId) {
    static Raw exchange(int port, String request) throws IOException {
      try (Socket socket = new Socket("127.0.0.1", port)) {
        return exchange(socket, request);
      }
    }

    /** Over TLS, trusting the server's self-signed certificate (only the record is under test). */
    static Raw exchangeOverTls(int port, String request) throws Exception {
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(null, new TrustManager[] {new X509TrustManager() {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {}

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {}

        @Override
        public X509Certificate[] getAcceptedIssuers() {
          return new X509Certificate[0];
        }
      }}, null);
      try (SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket("127.0.0.1", port)) {
        return exchange(socket, request);
      }
    }

    private static Raw exchange(Socket socket, String request) throws IOException {
      socket.setSoTimeout(10_000);
      OutputStream out = socket.getOutputStream();
      out.write(request.getBytes(StandardCharsets.ISO_8859_1));
      out.flush();
      InputStream in = socket.getInputStream();
      String status = line(in);
      String requestId = null;
      for (String header = line(in); !header.isEmpty(); header = line(in)) {
        int colon = header.indexOf(':');
        if (header.substring(0, colon).trim().equalsIgnoreCase("x-amzn-RequestId")) {
          requestId = header.substring(colon + 1).trim();
        }
      }
      return new Raw(Integer.parseInt(status.split(" ")[1]), requestId);
    }

    private static String line(InputStream in) throws IOException {
      ByteArrayOutputStream buffer = new ByteArrayOutputStream();
      for (int b = in.read(); b != -1 && b != '\n'; b = in.read()) {
        if (b != '\r') {
          buffer.write(b);
        }
      }
      return buffer.toString(StandardCharsets.ISO_8859_1);
    }
  }
}

package io.keywarden.protocol.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kms.KmsClient;

class TlsTest {

  private static TrustManager[] trusting(X509Certificate certificate) throws Exception {
    KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
    store.load(null, null);
    store.setCertificateEntry("keywarden", certificate);
    TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    factory.init(store);
    return factory.getTrustManagers();
  }

  private static HttpClient client(X509Certificate certificate) throws Exception {
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(null, trusting(certificate), null);
    return HttpClient.newBuilder().sslContext(context).build();
  }

  private static HttpResponse<String> health(HttpClient client, RunningServer server)
      throws IOException, InterruptedException {
    return client.send(HttpRequest.newBuilder(URI.create(server.url() + "/_keywarden/health")).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void selfSignedCertificate_servesHttpsAndMarksCallsSecure() throws Exception {
    HttpServerConfig config = HttpServerConfig.defaults().withTls(TlsConfig.selfSigned("localhost", "127.0.0.1"));
    try (RunningServer server = new RunningServer(config, false)) {
      List<X509Certificate> chain = server.server.certificateChain();
      assertEquals(1, chain.size());
      assertEquals(200, health(client(chain.get(0)), server).statusCode());

      try (KmsClient kms = KmsClient.builder()
          .endpointOverride(URI.create(server.url()))
          .region(Region.US_EAST_1)
          .credentialsProvider(StaticCredentialsProvider.create(
              AwsBasicCredentials.create(TestCredentials.ACCESS_KEY, TestCredentials.SECRET)))
          .httpClient(UrlConnectionHttpClient.builder().tlsTrustManagersProvider(() -> {
            try {
              return trusting(chain.get(0));
            } catch (Exception e) {
              throw new IllegalStateException(e);
            }
          }).build())
          .overrideConfiguration(c -> c.retryStrategy(AwsRetryStrategy.doNotRetry()))
          .build()) {
        String requestId = kms.encrypt(r -> r.keyId("k").plaintext(SdkBytes.fromUtf8String("over tls")))
            .responseMetadata().requestId();
        com.fasterxml.jackson.databind.JsonNode tls = server.audit.only(requestId).get("tlsDetails");
        assertTrue(tls.get("tlsVersion").asText().startsWith("TLSv1."), tls.toString());
        assertTrue(tls.get("cipherSuite").asText().startsWith("TLS_"), tls.toString());
        assertEquals("localhost:" + server.port(), tls.get("clientProvidedHostHeader").asText());
      }
      assertTrue(server.kms.lastContext.get().secureTransport());
    }
  }

  @Test
  void untrustedClient_failsTheHandshake() throws Exception {
    HttpServerConfig config = HttpServerConfig.defaults().withTls(TlsConfig.selfSigned("localhost"));
    try (RunningServer server = new RunningServer(config, false)) {
      assertThrows(SSLHandshakeException.class, () -> health(HttpClient.newHttpClient(), server));
    }
  }

  @Test
  void pemFiles_areServed(@TempDir Path dir) throws Exception {
    SelfSignedCertificates.Generated generated = SelfSignedCertificates.generate(List.of("localhost"));
    Path cert = dir.resolve("cert.pem");
    Path key = dir.resolve("key.pem");
    Files.writeString(cert, pem("CERTIFICATE", generated.certificate.getEncoded()), StandardCharsets.US_ASCII);
    Files.writeString(key, pem("PRIVATE KEY", generated.keyPair.getPrivate().getEncoded()), StandardCharsets.US_ASCII);

    HttpServerConfig config = HttpServerConfig.defaults().withTls(TlsConfig.pemFiles(cert, key));
    try (RunningServer server = new RunningServer(config, false)) {
      assertEquals(generated.certificate, server.server.certificateChain().get(0));
      assertEquals(200, health(client(generated.certificate), server).statusCode());
    }
  }

  @Test
  void ipLiterals_areRecognisedWithoutLookup() {
    assertTrue(SelfSignedCertificates.isIpLiteral("127.0.0.1"));
    assertTrue(SelfSignedCertificates.isIpLiteral("::1"));
    assertEquals(false, SelfSignedCertificates.isIpLiteral("localhost"));
    assertEquals(false, SelfSignedCertificates.isIpLiteral("1.2.3.256"));
  }

  private static String pem(String type, byte[] der) {
    return "-----BEGIN " + type + "-----\n"
        + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
        + "\n-----END " + type + "-----\n";
  }
}

package io.keywarden.it.sdk;

import static io.keywarden.it.sdk.SdkAssertions.context;
import static io.keywarden.it.sdk.SdkAssertions.utf8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.keywarden.it.TestServer;
import io.keywarden.server.ServerOptions;
import java.net.URI;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Map;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.model.DecryptResponse;

/**
 * HTTPS with a self-signed certificate generated at start for {@code localhost}. The SDK's HTTP client
 * trusts exactly that certificate and verifies the host name.
 *
 * <p>The {@code Keywarden} facade does not expose the certificate it generated (the protocol layer's
 * {@code KeywardenHttpServer#certificateChain()} does, but {@code HttpFrontEnd} keeps it private), so
 * the test takes it from a first TLS handshake, as an operator pinning a self-signed certificate would.
 */
class TlsSdkTest {
  private static TestServer server;
  private static X509Certificate certificate;
  private static URI localhost;

  @BeforeAll
  static void start() throws Exception {
    server = TestServer.start(
        ServerOptions.devInMemory().withTls(new ServerOptions.TlsOptions(null, null, List.of("localhost"))));
    certificate = presentedCertificate("localhost", server.keywarden().port());
    localhost = URI.create("https://localhost:" + server.keywarden().port());
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void server_presentsASelfSignedCertificateForLocalhost() throws Exception {
    assertEquals("https", server.endpoint().getScheme());
    assertEquals(certificate.getSubjectX500Principal(), certificate.getIssuerX500Principal());
    certificate.verify(certificate.getPublicKey());
    certificate.checkValidity();
    var names = certificate.getSubjectAlternativeNames();
    assertTrue(names.stream().anyMatch(n -> n.get(1).equals("localhost")), String.valueOf(names));
  }

  @Test
  void encryptAndDecrypt_overTlsWithAClientTrustingTheCertificate_roundTrip() throws Exception {
    try (KmsClient kms = client(localhost, trusting(certificate))) {
      String keyId = kms.createKey(r -> r.description("over tls")).keyMetadata().keyId();
      Map<String, String> ctx = context("transport", "tls");

      SdkBytes blob =
          kms.encrypt(r -> r.keyId(keyId).plaintext(utf8("private over the wire")).encryptionContext(ctx))
              .ciphertextBlob();
      DecryptResponse d = kms.decrypt(r -> r.ciphertextBlob(blob).encryptionContext(ctx));

      assertEquals("private over the wire", d.plaintext().asUtf8String());
      assertEquals(keyId, kms.describeKey(r -> r.keyId(keyId)).keyMetadata().keyId());
    }
  }

  @Test
  void clientWithTheDefaultTrustStore_refusesTheSelfSignedCertificate() {
    try (KmsClient kms = client(localhost, null)) {
      SdkClientException e = assertThrows(SdkClientException.class, () -> kms.listKeys(r -> {}));
      assertNotNull(e.getCause());
    }
  }

  /** The certificate names localhost only: 127.0.0.1 fails host-name verification. */
  @Test
  void clientTrustingTheCertificate_stillVerifiesTheHostName() throws Exception {
    try (KmsClient kms = client(URI.create("https://127.0.0.1:" + server.keywarden().port()), trusting(certificate))) {
      assertThrows(SdkClientException.class, () -> kms.listKeys(r -> {}));
    }
  }

  private static KmsClient client(URI endpoint, TrustManager[] trust) {
    UrlConnectionHttpClient.Builder http = UrlConnectionHttpClient.builder();
    if (trust != null) {
      http.tlsTrustManagersProvider(() -> trust);
    }
    return KmsClient.builder()
        .endpointOverride(endpoint)
        .region(Region.US_EAST_1)
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIADEVTEST", "dev-secret")))
        .httpClient(http.build())
        .overrideConfiguration(c -> c.retryStrategy(AwsRetryStrategy.doNotRetry()))
        .build();
  }

  /** Trust managers that trust exactly {@code cert}. */
  private static TrustManager[] trusting(X509Certificate cert) throws Exception {
    KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
    store.load(null, null);
    store.setCertificateEntry("keywarden", cert);
    TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(store);
    return tmf.getTrustManagers();
  }

  /** The leaf certificate a TLS server presents, read during a handshake that trusts it only to look. */
  private static X509Certificate presentedCertificate(String host, int port) throws Exception {
    X509Certificate[] seen = new X509Certificate[1];
    X509TrustManager capture =
        new X509TrustManager() {
          @Override
          public void checkServerTrusted(X509Certificate[] chain, String authType) {
            seen[0] = chain[0];
          }

          @Override
          public void checkClientTrusted(X509Certificate[] chain, String authType) {
            throw new UnsupportedOperationException();
          }

          @Override
          public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
          }
        };
    SSLContext tls = SSLContext.getInstance("TLS");
    tls.init(null, new TrustManager[] {capture}, null);
    try (SSLSocket socket = (SSLSocket) tls.getSocketFactory().createSocket(host, port)) {
      socket.startHandshake();
    }
    return seen[0];
  }
}

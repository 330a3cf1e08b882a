package io.keywarden.server;

import io.keywarden.protocol.http.HttpServerConfig;
import io.keywarden.protocol.http.KeywardenHttpServer;
import io.keywarden.protocol.http.RequestIds;
import io.keywarden.protocol.http.TlsConfig;
import io.keywarden.protocol.sigv4.SessionExpiry;
import io.keywarden.services.admin.AdminControl;
import io.keywarden.services.api.ApiService;
import io.keywarden.services.audit.AuditTrail;
import io.keywarden.services.identity.CredentialLookup;
import java.net.URI;
import java.time.Clock;
import java.util.List;

/** The protocol layer's HTTP server, configured from {@link ServerOptions}. */
final class HttpFrontEnd implements AutoCloseable {
  private final KeywardenHttpServer server;
  private final String host;

  private HttpFrontEnd(KeywardenHttpServer server, String host) {
    this.server = server;
    this.host = host;
  }

  static HttpFrontEnd start(
      ServerOptions o,
      List<ApiService> services,
      CredentialLookup credentials,
      SessionExpiry sessions,
      AdminControl admin,
      AuditTrail audit) {
    HttpServerConfig config =
        HttpServerConfig.defaults()
            .withHost(o.host())
            .withPort(o.port())
            .withThreads(0, Math.max(1, o.workerThreads()))
            .withTls(tls(o.tls()));
    // SigV4's clock-skew check is against real time, whatever clock the services run on (tests move
    // the services' clock to end deletion windows).
    KeywardenHttpServer server =
        new KeywardenHttpServer(
            config, services, credentials, sessions, admin, RequestIds.random(), Clock.systemUTC(), audit);
    server.start();
    return new HttpFrontEnd(server, o.host());
  }

  private static TlsConfig tls(ServerOptions.TlsOptions t) {
    if (t == null) {
      return null;
    }
    if (t.certificateChain() != null) {
      return TlsConfig.pemFiles(t.certificateChain(), t.privateKey());
    }
    return new TlsConfig.SelfSigned(t.selfSignedHosts());
  }

  URI endpoint() {
    String h = host.equals("0.0.0.0") || host.equals("::") ? "127.0.0.1" : host;
    if (h.contains(":")) {
      h = "[" + h + "]";
    }
    return URI.create((server.secure() ? "https" : "http") + "://" + h + ":" + server.port());
  }

  java.util.List<java.security.cert.X509Certificate> certificateChain() {
    return server.certificateChain();
  }

  int port() {
    return server.port();
  }

  @Override
  public void close() {
    server.close();
  }
}

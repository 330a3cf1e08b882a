package io.keywarden.protocol.http;

import io.keywarden.protocol.sigv4.SessionExpiry;
import io.keywarden.services.audit.AuditTrail;
import java.time.Clock;
import java.util.List;
import java.util.regex.Pattern;

/** A server on an ephemeral port with the fake KMS, credentials, admin and audit log, for one test class. */
final class RunningServer implements AutoCloseable {
  static final Pattern UUID =
      Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");

  final FakeKms kms = new FakeKms();
  final FakeAdmin admin = new FakeAdmin();
  final RecordingAuditLog audit = new RecordingAuditLog();
  final KeywardenHttpServer server;

  /** Audited, as servers are: every call is recorded in {@link #audit}. */
  RunningServer(HttpServerConfig config, boolean devCredentials) {
    server = new KeywardenHttpServer(config, List.of(kms), new TestCredentials(devCredentials),
        SessionExpiry.UNKNOWN, admin, RequestIds.random(), Clock.systemUTC(),
        AuditTrail.over(audit, Clock.systemUTC()));
    server.start();
  }

  int port() {
    return server.port();
  }

  String url() {
    return (server.secure() ? "https" : "http") + "://localhost:" + server.port();
  }

  @Override
  public void close() {
    server.close();
  }
}

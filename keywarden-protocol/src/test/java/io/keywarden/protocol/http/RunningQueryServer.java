package io.keywarden.protocol.http;

import io.keywarden.services.audit.AuditTrail;
import java.time.Clock;
import java.util.List;

/**
 * A server on an ephemeral port with the fake KMS (AWS JSON 1.1) and the fake STS (AWS Query) side by
 * side, temporary credentials, the fake admin and an audit log, for one test class.
 */
final class RunningQueryServer implements AutoCloseable {
  final SessionCredentials credentials;
  final FakeSts sts;
  final FakeKms kms = new FakeKms();
  final FakeAdmin admin = new FakeAdmin();
  final RecordingAuditLog audit = new RecordingAuditLog();
  final KeywardenHttpServer server;

  RunningQueryServer(boolean dev) {
    Clock clock = Clock.systemUTC();
    credentials = new SessionCredentials(clock, dev);
    sts = new FakeSts(credentials);
    server = new KeywardenHttpServer(HttpServerConfig.defaults(), List.of(kms, sts), credentials, credentials,
        admin, RequestIds.random(), clock, AuditTrail.over(audit, clock));
    server.start();
  }

  int port() {
    return server.port();
  }

  String url() {
    return "http://localhost:" + server.port();
  }

  @Override
  public void close() {
    server.close();
  }
}

package io.keywarden.protocol.http;

import java.util.List;
import java.util.regex.Pattern;

/** A server on an ephemeral port with the fake KMS, credentials and admin, for one test class. */
final class RunningServer implements AutoCloseable {
  static final Pattern UUID =
      Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");

  final FakeKms kms = new FakeKms();
  final FakeAdmin admin = new FakeAdmin();
  final KeywardenHttpServer server;

  RunningServer(HttpServerConfig config, boolean devCredentials) {
    server = new KeywardenHttpServer(config, List.of(kms), new TestCredentials(devCredentials), admin,
        RequestIds.random());
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

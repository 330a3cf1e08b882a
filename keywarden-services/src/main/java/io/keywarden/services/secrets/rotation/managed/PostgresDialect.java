package io.keywarden.services.secrets.rotation.managed;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.postgresql.PGConnection;

/**
 * PostgreSQL, as AWS's {@code SecretsManagerRDSPostgreSQLRotation*} templates drive it. Passwords are
 * set with PgJDBC's {@link PGConnection#alterUserPassword}, which quotes the role name and sends the
 * password already hashed the way the server's {@code password_encryption} says (SCRAM-SHA-256 or
 * MD5), so no plaintext password is in the SQL the server sees or logs; role names in {@code CREATE
 * ROLE} and {@code GRANT} are quoted with {@link PGConnection#escapeIdentifier}.
 */
final class PostgresDialect implements DatabaseDialect {
  static final PostgresDialect INSTANCE = new PostgresDialect();
  private static final int DEFAULT_PORT = 5432;
  private static final String DEFAULT_DATABASE = "postgres";

  private PostgresDialect() {}

  @Override
  public String engine() {
    return "postgres";
  }

  @Override
  public String excludeCharacters() {
    return ":/@\"'\\";
  }

  @Override
  public int maxUsernameLength() {
    return 63;
  }

  @Override
  public List<String> jdbcUrls(DatabaseCredentials credentials) {
    String base = "jdbc:postgresql://" + credentials.urlHost() + ":" + credentials.port(DEFAULT_PORT) + "/"
        + URLEncoder.encode(credentials.dbname().orElse(DEFAULT_DATABASE), StandardCharsets.UTF_8)
        + "?connectTimeout=5&loginTimeout=5&socketTimeout=30&gssEncMode=disable"
        + "&ApplicationName=keywarden-rotator";
    String verified = base + "&sslmode=verify-full&sslfactory=org.postgresql.ssl.DefaultJavaSSLFactory";
    String plain = base + "&sslmode=disable";
    return credentials.tls().attempts(verified, plain);
  }

  @Override
  public void changeOwnPassword(Connection connection, String username, String password) throws SQLException {
    connection.unwrap(PGConnection.class).alterUserPassword(username, password.toCharArray(), null);
  }

  /** The template's: {@code CREATE ROLE .. WITH LOGIN} and {@code GRANT <grantsOf> TO ..} if missing, then the password. */
  @Override
  public void setUserPassword(Connection admin, String user, String grantsOf, String password)
      throws SQLException {
    PGConnection pg = admin.unwrap(PGConnection.class);
    admin.setAutoCommit(false);
    try {
      if (!roleExists(admin, user)) {
        try (Statement s = admin.createStatement()) {
          s.execute("CREATE ROLE " + pg.escapeIdentifier(user) + " WITH LOGIN");
          s.execute("GRANT " + pg.escapeIdentifier(grantsOf) + " TO " + pg.escapeIdentifier(user));
        }
      }
      pg.alterUserPassword(user, password.toCharArray(), null);
      admin.commit();
    } catch (SQLException e) {
      admin.rollback();
      throw e;
    }
  }

  private static boolean roleExists(Connection c, String role) throws SQLException {
    try (PreparedStatement s = c.prepareStatement("SELECT 1 FROM pg_roles WHERE rolname = ?")) {
      s.setString(1, role);
      try (ResultSet rs = s.executeQuery()) {
        return rs.next();
      }
    }
  }
}

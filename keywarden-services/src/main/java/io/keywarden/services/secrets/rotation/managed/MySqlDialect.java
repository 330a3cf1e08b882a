package io.keywarden.services.secrets.rotation.managed;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * MySQL and MariaDB, as AWS's {@code SecretsManagerRDSMySQLRotation*} and {@code
 * SecretsManagerRDSMariaDBRotation*} templates drive them, through MariaDB Connector/J (which speaks
 * to both). Values are bound as statement parameters, which the driver escapes ({@code
 * useServerPrepStmts=false}: account statements cannot be prepared by the server); {@code
 * PASSWORD(?)} is used where the server still has it (MariaDB, MySQL 5.x), as the templates do.
 */
final class MySqlDialect implements DatabaseDialect {
  /** {@code engine: mysql}; user names up to 32 characters (MySQL 5.7.8 and later). */
  static final MySqlDialect MYSQL = new MySqlDialect("mysql", 32);
  /** {@code engine: mariadb}; user names up to 80 characters (as the MariaDB template allows). */
  static final MySqlDialect MARIADB = new MySqlDialect("mariadb", 80);
  private static final int DEFAULT_PORT = 3306;

  private final String engine;
  private final int maxUsernameLength;

  private MySqlDialect(String engine, int maxUsernameLength) {
    this.engine = engine;
    this.maxUsernameLength = maxUsernameLength;
  }

  @Override
  public String engine() {
    return engine;
  }

  @Override
  public String excludeCharacters() {
    return "/@\"'\\";
  }

  @Override
  public int maxUsernameLength() {
    return maxUsernameLength;
  }

  @Override
  public List<String> jdbcUrls(DatabaseCredentials credentials) {
    String base = "jdbc:mariadb://" + credentials.urlHost() + ":" + credentials.port(DEFAULT_PORT)
        + "/?connectTimeout=5000&socketTimeout=30000&useServerPrepStmts=false";
    String verified = base + "&sslMode=verify-full";
    // Without TLS, MySQL 8's caching_sha2_password needs the server's RSA key, as PyMySQL fetches it.
    String plain = base + "&sslMode=disable&allowPublicKeyRetrieval=true";
    return credentials.tls().attempts(verified, plain);
  }

  /** Selects {@code dbname} (the driver quotes it), so that a login to a database one may not use fails. */
  @Override
  public void afterLogin(Connection connection, DatabaseCredentials credentials) throws SQLException {
    if (credentials.dbname().isPresent()) {
      connection.setCatalog(credentials.dbname().get());
    }
  }

  @Override
  public void changeOwnPassword(Connection connection, String username, String password) throws SQLException {
    String value = hasPasswordFunction(connection) ? "PASSWORD(?)" : "?";
    try (PreparedStatement s = connection.prepareStatement("SET PASSWORD = " + value)) {
      s.setString(1, password);
      s.execute();
    }
  }

  /**
   * The template's: {@code CREATE USER} if missing, every grant of {@code grantsOf} (its {@code SHOW
   * GRANTS} lines up to {@code TO}), its TLS requirement, then {@code SET PASSWORD FOR}.
   */
  @Override
  public void setUserPassword(Connection admin, String user, String grantsOf, String password)
      throws SQLException {
    boolean passwordFunction = hasPasswordFunction(admin);
    if (!exists(admin, user)) {
      execute(admin, "CREATE USER ? IDENTIFIED BY ?", user, password);
    }
    for (String grant : grantsOf(admin, grantsOf)) {
      execute(admin, grant + " TO ?", user);
    }
    copyTlsRequirement(admin, user, grantsOf);
    execute(admin, "SET PASSWORD FOR ? = " + (passwordFunction ? "PASSWORD(?)" : "?"), user, password);
  }

  private static List<String> grantsOf(Connection c, String user) throws SQLException {
    List<String> grants = new ArrayList<>();
    try (PreparedStatement s = c.prepareStatement("SHOW GRANTS FOR ?")) {
      s.setString(1, user);
      try (ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          String line = rs.getString(1);
          int to = line.indexOf(" TO ");
          if (to > 0) {
            grants.add(line.substring(0, to));
          }
        }
      }
    }
    return grants;
  }

  private static void copyTlsRequirement(Connection c, String user, String from) throws SQLException {
    String[] tls;
    try (PreparedStatement s = c.prepareStatement(
        "SELECT ssl_type, ssl_cipher, x509_issuer, x509_subject FROM mysql.user WHERE User = ?")) {
      s.setString(1, from);
      try (ResultSet rs = s.executeQuery()) {
        if (!rs.next()) {
          return;
        }
        tls = new String[] {rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4)};
      }
    }
    String type = tls[0] == null ? "" : tls[0];
    switch (type) {
      case "":
        execute(c, "ALTER USER ? REQUIRE NONE", user);
        break;
      case "ANY":
        execute(c, "ALTER USER ? REQUIRE SSL", user);
        break;
      case "X509":
        execute(c, "ALTER USER ? REQUIRE X509", user);
        break;
      default:
        execute(c, "ALTER USER ? REQUIRE CIPHER ? AND ISSUER ? AND SUBJECT ?", user, tls[1], tls[2], tls[3]);
    }
  }

  private static boolean exists(Connection c, String user) throws SQLException {
    try (PreparedStatement s = c.prepareStatement("SELECT User FROM mysql.user WHERE User = ?")) {
      s.setString(1, user);
      try (ResultSet rs = s.executeQuery()) {
        return rs.next();
      }
    }
  }

  /** MariaDB and MySQL 5.x hash with {@code PASSWORD()}; MySQL 8 removed it and takes the plain value. */
  private static boolean hasPasswordFunction(Connection c) throws SQLException {
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT VERSION()")) {
      rs.next();
      String version = rs.getString(1);
      return version.contains("MariaDB") || version.startsWith("5.");
    }
  }

  private static void execute(Connection c, String sql, String... values) throws SQLException {
    try (PreparedStatement s = c.prepareStatement(sql)) {
      for (int i = 0; i < values.length; i++) {
        s.setString(i + 1, values[i]);
      }
      s.execute();
    }
  }
}

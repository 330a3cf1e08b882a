package io.keywarden.services.secrets.rotation.managed;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Optional;
import java.util.Properties;

/**
 * Logs into a database with a secret's credentials, as the templates' {@code get_connection}: each
 * of the dialect's URLs in turn (verified TLS, then plain when the secret allows it); a login that
 * fails for any reason is simply no connection.
 */
final class DatabaseLogin {
  private static final Logger LOG = System.getLogger(DatabaseLogin.class.getName());

  private DatabaseLogin() {}

  /** A connection as the credentials' user, or empty if no URL let it log in. */
  static Optional<Connection> open(DatabaseDialect dialect, DatabaseCredentials credentials) {
    for (String url : dialect.jdbcUrls(credentials)) {
      Properties login = new Properties();
      login.setProperty("user", credentials.username());
      login.setProperty("password", credentials.password());
      Connection connection = null;
      try {
        connection = DriverManager.getConnection(url, login);
        dialect.afterLogin(connection, credentials);
        return Optional.of(connection);
      } catch (SQLException e) {
        // The SQL state only: a driver's message may quote what it was sent.
        LOG.log(Level.DEBUG, () -> "login as " + credentials.username() + " at " + credentials.host()
            + " failed, SQL state " + e.getSQLState());
        closeQuietly(connection);
      }
    }
    return Optional.empty();
  }

  static void closeQuietly(Connection connection) {
    if (connection != null) {
      try {
        connection.close();
      } catch (SQLException ignored) {
        // Nothing to do with a connection that cannot close.
      }
    }
  }
}

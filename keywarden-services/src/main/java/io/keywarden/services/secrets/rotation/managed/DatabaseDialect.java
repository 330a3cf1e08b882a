package io.keywarden.services.secrets.rotation.managed;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/**
 * What differs between database engines for a managed rotator: how to reach the server and the SQL
 * that sets passwords and clones users. Values reach the database only through the driver's
 * parameter binding or its escaping functions, never by pasting them into SQL.
 */
interface DatabaseDialect {
  /** The secret's {@code engine} this dialect serves. */
  String engine();

  /** The characters the template's {@code GetRandomPassword} call excludes. */
  String excludeCharacters();

  /** The longest user name the server accepts (for the {@code _clone} user). */
  int maxUsernameLength();

  /** The JDBC URLs to try in order for these credentials (TLS first when the secret asks for it). */
  List<String> jdbcUrls(DatabaseCredentials credentials);

  /** Runs on a connection just opened, before it is used (e.g. to select the database). */
  default void afterLogin(Connection connection, DatabaseCredentials credentials) throws SQLException {}

  /** The logged-in user {@code username} sets its own password (single user). */
  void changeOwnPassword(Connection connection, String username, String password) throws SQLException;

  /**
   * As an administrator: makes {@code user} able to log in with {@code password}, creating it with
   * {@code grantsOf}'s privileges if it does not exist (alternating users).
   */
  void setUserPassword(Connection admin, String user, String grantsOf, String password) throws SQLException;
}

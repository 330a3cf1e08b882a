package io.keywarden.storage.sqlite;

import io.keywarden.domain.storage.StorageException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Versioned schema migrations, Flyway-style: scripts {@code V<n>__<description>.sql} under {@code
 * db/sqlite/} on the classpath, applied in order at open, each in its own transaction together with its
 * row in the {@code schema_version} table. A database whose schema is newer than the newest script is
 * refused, untouched.
 *
 * <p>Scripts are listed in {@link #SCRIPTS} rather than discovered (a jar cannot be listed reliably);
 * a test checks that the list and the directory agree. Statements end with {@code ;} at the end of a
 * line; lines starting with {@code --} are comments.
 */
final class Migrations {
  static final String RESOURCE_DIR = "db/sqlite/";

  /** Every script, oldest first. A released script is never edited: a change is a new script. */
  static final List<String> SCRIPTS =
      List.of("V1__init.sql", "V2__identities_and_grants.sql", "V3__secrets.sql");

  private static final Pattern NAME = Pattern.compile("V([1-9][0-9]*)__([A-Za-z0-9_]+)\\.sql");

  private record Script(int version, String description, String resource) {}

  private final List<Script> scripts = new ArrayList<>();

  /**
   * @param resources classpath resources, in version order: the file names are {@code V1__*.sql,
   *     V2__*.sql}... without gaps
   */
  Migrations(List<String> resources) {
    for (String resource : resources) {
      String name = resource.substring(resource.lastIndexOf('/') + 1);
      Matcher m = NAME.matcher(name);
      if (!m.matches() || Integer.parseInt(m.group(1)) != scripts.size() + 1) {
        throw new IllegalArgumentException("migration " + name + " is misnamed or out of order");
      }
      scripts.add(new Script(scripts.size() + 1, m.group(2), resource));
    }
  }

  static Migrations standard() {
    return new Migrations(SCRIPTS.stream().map(name -> RESOURCE_DIR + name).toList());
  }

  int latestVersion() {
    return scripts.size();
  }

  /** Brings the schema to {@link #latestVersion()}, one transaction per script. */
  void apply(SqliteDatabase db) {
    while (db.write("schema migration", this::applyNext)) {
      // one script per transaction; a concurrent opener's work is seen at the next BEGIN
    }
  }

  /** @return whether a script was applied (and another may be pending) */
  private boolean applyNext(Connection c) throws SQLException {
    try (Statement s = c.createStatement()) {
      s.execute(
          "CREATE TABLE IF NOT EXISTS schema_version ("
              + " version INTEGER NOT NULL PRIMARY KEY,"
              + " description TEXT NOT NULL,"
              + " installed_at TEXT NOT NULL)");
    }
    int current = currentVersion(c);
    if (current > latestVersion()) {
      throw new StorageException(
          "the database schema is version " + current + ", newer than this release supports ("
              + latestVersion() + "); use a newer Keywarden",
          null);
    }
    if (current == latestVersion()) {
      return false;
    }
    Script next = scripts.get(current);
    try (Statement s = c.createStatement()) {
      for (String sql : statements(next.resource())) {
        s.execute(sql);
      }
    } catch (SQLException e) {
      throw new StorageException(
          "schema migration V" + next.version() + " (" + next.description() + ") failed", e);
    }
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO schema_version (version, description, installed_at) VALUES (?, ?, ?)")) {
      ps.setInt(1, next.version());
      ps.setString(2, next.description());
      ps.setString(3, Instant.now().toString());
      ps.executeUpdate();
    }
    return true;
  }

  static int currentVersion(Connection c) throws SQLException {
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT COALESCE(MAX(version), 0) FROM schema_version")) {
      rs.next();
      return rs.getInt(1);
    }
  }

  /** The statements of a script: comment lines dropped, split at lines ending in {@code ;}. */
  static List<String> statements(String resource) {
    String text;
    try (InputStream in = Migrations.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new StorageException("migration script " + resource + " is missing", null);
      }
      text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new StorageException("migration script " + resource + " is unreadable", e);
    }
    List<String> statements = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    for (String line : text.split("\\R")) {
      String trimmed = line.strip();
      if (trimmed.isEmpty() || trimmed.startsWith("--")) {
        continue;
      }
      current.append(line).append('\n');
      if (trimmed.endsWith(";")) {
        String sql = current.toString().strip();
        statements.add(sql.substring(0, sql.length() - 1));
        current.setLength(0);
      }
    }
    if (!current.toString().isBlank()) {
      throw new StorageException("migration script " + resource + " ends inside a statement", null);
    }
    return statements;
  }
}

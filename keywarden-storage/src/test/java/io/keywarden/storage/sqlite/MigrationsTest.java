package io.keywarden.storage.sqlite;

import static io.keywarden.storage.contract.ContractFixtures.REGION;
import static io.keywarden.storage.contract.ContractFixtures.fullKey;
import static io.keywarden.storage.contract.ContractFixtures.keyId;
import static io.keywarden.storage.contract.ContractFixtures.ACCOUNT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.keywarden.domain.key.KeyRecord;
import io.keywarden.domain.storage.StorageException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Versioned migrations: in order, once each, atomically; a newer schema is refused. */
class MigrationsTest {
  private static final String V1 = "db/sqlite/V1__init.sql";
  private static final String V2 = "db/sqlite/V2__identities_and_grants.sql";
  private static final String V3 = "db/sqlite/V3__secrets.sql";
  private static final String V4 = "db/sqlite-test/V4__add_note.sql";
  private static final String V4_BROKEN = "db/sqlite-test/V4__fails_halfway.sql";

  @TempDir Path dir;

  private SqliteStorage open(String... scripts) {
    return SqliteStorage.open(
        dir, new Migrations(List.of(scripts)), SqliteStorage.BUSY_TIMEOUT_MILLIS);
  }

  /** Rows of {@code sql}, read through a connection of our own, columns joined with '|'. */
  private List<String> query(String sql) throws Exception {
    try (Connection c =
            DriverManager.getConnection("jdbc:sqlite:" + dir.resolve(SqliteStorage.FILE_NAME));
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      List<String> rows = new ArrayList<>();
      while (rs.next()) {
        List<String> cells = new ArrayList<>();
        for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
          cells.add(rs.getString(i));
        }
        rows.add(String.join("|", cells));
      }
      return rows;
    }
  }

  private void execute(String sql) throws Exception {
    try (Connection c =
            DriverManager.getConnection("jdbc:sqlite:" + dir.resolve(SqliteStorage.FILE_NAME));
        Statement s = c.createStatement()) {
      s.execute(sql);
    }
  }

  @Test
  void scriptList_matchesTheScriptsDirectory() throws Exception {
    URL url = getClass().getClassLoader().getResource(Migrations.RESOURCE_DIR);
    try (Stream<Path> files = Files.list(Path.of(url.toURI()))) {
      List<String> names = files.map(p -> p.getFileName().toString()).sorted().toList();
      assertEquals(Migrations.SCRIPTS.stream().sorted().toList(), names);
    }
    assertEquals(Migrations.SCRIPTS.size(), Migrations.standard().latestVersion());
  }

  @Test
  void newDatabase_recordsEachVersionOnce() throws Exception {
    SqliteStorage.open(dir).close();
    SqliteStorage.open(dir).close();
    List<String> rows = query("SELECT version, description FROM schema_version ORDER BY version");
    assertEquals(List.of("1|init", "2|identities_and_grants", "3|secrets"), rows);
  }

  @Test
  void reopen_runsNoMigrationAgain() throws Exception {
    SqliteStorage.open(dir).close();
    List<String> installed = query("SELECT installed_at FROM schema_version ORDER BY version");
    Thread.sleep(5);
    SqliteStorage.open(dir).close();
    assertEquals(installed, query("SELECT installed_at FROM schema_version ORDER BY version"));
  }

  @Test
  void laterScript_isAppliedToExistingDataOnce() throws Exception {
    KeyRecord key = fullKey(ACCOUNT, REGION, keyId(1));
    try (SqliteStorage v3 = open(V1, V2, V3)) {
      v3.keys().insert(key);
    }
    try (SqliteStorage v4 = open(V1, V2, V3, V4)) {
      assertEquals(Optional.of(key), v4.keys().find(REGION, keyId(1)));
    }
    open(V1, V2, V3, V4).close();
    assertEquals(
        List.of("1|init", "2|identities_and_grants", "3|secrets", "4|add_note"),
        query("SELECT version, description FROM schema_version ORDER BY version"));
    assertEquals(List.of(), query("SELECT id FROM test_marker"));
  }

  @Test
  void newerSchema_isRefusedAndLeftAsItIs() throws Exception {
    open(V1, V2, V3, V4).close();
    StorageException e = assertThrows(StorageException.class, () -> SqliteStorage.open(dir));
    assertTrue(e.getMessage().contains("schema is version 4"), e.getMessage());
    execute("INSERT INTO schema_version (version, description, installed_at) VALUES (9, 'x', 'y')");
    e = assertThrows(StorageException.class, () -> open(V1, V2, V3, V4));
    assertTrue(e.getMessage().contains("version 9"), e.getMessage());
    assertEquals(5, query("SELECT version FROM schema_version").size());
  }

  @Test
  void failingScript_isRolledBackWhole() throws Exception {
    open(V1, V2, V3).close();
    StorageException e = assertThrows(StorageException.class, () -> open(V1, V2, V3, V4_BROKEN));
    assertTrue(e.getMessage().contains("V4 (fails_halfway)"), e.getMessage());
    assertEquals(List.of("1", "2", "3"), query("SELECT version FROM schema_version ORDER BY version"));
    assertEquals(
        List.of(), query("SELECT name FROM sqlite_master WHERE name = 'half_applied'"));
    SqliteStorage.open(dir).close(); // still usable by the release that wrote it
  }

  @Test
  void misnamedOrUnorderedScripts_areRejected() {
    assertThrows(IllegalArgumentException.class, () -> new Migrations(List.of(V2)));
    assertThrows(IllegalArgumentException.class, () -> new Migrations(List.of(V1, V4)));
    assertThrows(IllegalArgumentException.class, () -> new Migrations(List.of("db/x/V1_init.sql")));
    assertThrows(IllegalArgumentException.class, () -> new Migrations(List.of(V1, V1)));
  }

  @Test
  void scriptStatements_dropCommentsAndSplitAtLineEndSemicolons() {
    List<String> statements = Migrations.statements(V4_BROKEN);
    assertEquals(2, statements.size());
    assertTrue(statements.get(0).startsWith("CREATE TABLE half_applied ("), statements.get(0));
    assertEquals("INSERT INTO no_such_table (id) VALUES (1)", statements.get(1));
  }
}

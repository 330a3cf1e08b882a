package io.keywarden.storage.sqlite;

import static io.keywarden.storage.contract.ContractFixtures.REGION;
import static io.keywarden.storage.contract.ContractFixtures.key;
import static io.keywarden.storage.contract.ContractFixtures.keyId;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.keywarden.domain.storage.StorageException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Another process's connection (an offline CLI command) holding SQLite's write lock: our writes wait
 * for it up to the busy timeout, our reads do not wait at all.
 */
class SqliteLockingTest {
  @TempDir Path dir;

  /** A foreign connection that takes the write lock with an uncommitted change. */
  private Connection lockHolder() throws Exception {
    Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve(SqliteStorage.FILE_NAME));
    try (Statement s = c.createStatement()) {
      s.execute("PRAGMA busy_timeout = 5000");
      s.execute("BEGIN IMMEDIATE");
      s.execute("INSERT INTO setting (name, value) VALUES ('cli', x'01')");
    }
    return c;
  }

  private static void commitAndClose(Connection c) throws Exception {
    try (c;
        Statement s = c.createStatement()) {
      s.execute("COMMIT");
    }
  }

  @Test
  @Timeout(30)
  void writeWhileAnotherConnectionWrites_waitsForItThenSucceeds() throws Exception {
    try (SqliteStorage storage = SqliteStorage.open(dir)) {
      Connection holder = lockHolder();
      CompletableFuture<Void> release =
          CompletableFuture.runAsync(
              () -> {
                try {
                  Thread.sleep(400);
                  commitAndClose(holder);
                } catch (Exception e) {
                  throw new IllegalStateException(e);
                }
              });
      long start = System.nanoTime();
      storage.settings().put("server", new byte[] {2});
      long waitedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
      release.get(10, TimeUnit.SECONDS);

      assertTrue(waitedMillis >= 300, "the write waited for the lock (" + waitedMillis + " ms)");
      assertArrayEquals(new byte[] {1}, storage.settings().get("cli").orElseThrow());
      assertArrayEquals(new byte[] {2}, storage.settings().get("server").orElseThrow());
    }
  }

  @Test
  @Timeout(30)
  void readWhileAnotherConnectionWrites_seesLastCommitWithoutWaiting() throws Exception {
    try (SqliteStorage storage = SqliteStorage.open(dir)) {
      storage.keys().insert(key(keyId(1)));
      Connection holder = lockHolder();
      try {
        long start = System.nanoTime();
        assertTrue(storage.keys().find(REGION, keyId(1)).isPresent());
        assertEquals(Optional.empty(), storage.settings().get("cli"));
        assertTrue(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start) < 2000);
      } finally {
        commitAndClose(holder);
      }
      assertTrue(storage.settings().get("cli").isPresent());
    }
  }

  @Test
  @Timeout(30)
  void writeBlockedPastBusyTimeout_failsAndLeavesNothing() throws Exception {
    SqliteStorage.open(dir).close();
    try (SqliteStorage storage = SqliteStorage.open(dir, Migrations.standard(), 200)) {
      Connection holder = lockHolder();
      try {
        StorageException e =
            assertThrows(StorageException.class, () -> storage.keys().insert(key(keyId(1))));
        assertTrue(e.getMessage().startsWith("insert key failed"), e.getMessage());
      } finally {
        commitAndClose(holder);
      }
      assertEquals(Optional.empty(), storage.keys().find(REGION, keyId(1)));
      storage.keys().insert(key(keyId(1)));
      assertTrue(storage.keys().find(REGION, keyId(1)).isPresent());
    }
  }
}

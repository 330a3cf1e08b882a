package io.keywarden.storage.sqlite;

import static io.keywarden.storage.contract.ContractFixtures.ACCOUNT;
import static io.keywarden.storage.contract.ContractFixtures.REGION;
import static io.keywarden.storage.contract.ContractFixtures.accessKey;
import static io.keywarden.storage.contract.ContractFixtures.alias;
import static io.keywarden.storage.contract.ContractFixtures.fullGrant;
import static io.keywarden.storage.contract.ContractFixtures.fullKey;
import static io.keywarden.storage.contract.ContractFixtures.fullRole;
import static io.keywarden.storage.contract.ContractFixtures.fullUser;
import static io.keywarden.storage.contract.ContractFixtures.grant;
import static io.keywarden.storage.contract.ContractFixtures.grantId;
import static io.keywarden.storage.contract.ContractFixtures.key;
import static io.keywarden.storage.contract.ContractFixtures.keyId;
import static io.keywarden.storage.contract.ContractFixtures.userId;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.keywarden.domain.key.KeyRecord;
import io.keywarden.domain.storage.StaleRecordException;
import io.keywarden.domain.storage.Storage;
import io.keywarden.domain.storage.StorageException;
import io.keywarden.storage.contract.StorageContractTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The contract on a real file, plus durability and sharing across connections. */
class SqliteStorageTest extends StorageContractTest {
  @TempDir Path dir;

  @Override
  protected Storage newStorage() {
    return SqliteStorage.open(dir);
  }

  @Test
  void reopenedFile_holdsEverything() {
    KeyRecord key = fullKey(ACCOUNT, REGION, keyId(1));
    storage().keys().insert(key);
    storage().aliases().insert(alias("alias/a", keyId(1)));
    storage().accessKeys().insert(accessKey("AKIAA", ACCOUNT, true));
    storage().settings().put("seal", new byte[] {1, 2});
    storage().close();

    try (SqliteStorage reopened = SqliteStorage.open(dir)) {
      assertEquals(Optional.of(key), reopened.keys().find(REGION, keyId(1)));
      assertEquals(List.of(alias("alias/a", keyId(1))), reopened.aliases().list(ACCOUNT, REGION));
      assertEquals(List.of(accessKey("AKIAA", ACCOUNT, true)), reopened.accessKeys().list(ACCOUNT));
      assertArrayEquals(new byte[] {1, 2}, reopened.settings().get("seal").orElseThrow());
    }
  }

  @Test
  void open_createsMissingDirectoryAndOwnerOnlyFile() throws Exception {
    Path nested = dir.resolve("a").resolve("data");
    try (SqliteStorage s = SqliteStorage.open(nested)) {
      s.settings().put("x", new byte[] {1});
    }
    Path file = nested.resolve(SqliteStorage.FILE_NAME);
    assertTrue(Files.isRegularFile(file));
    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
    assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(nested)));
  }

  @Test
  void connection_runsWalWithFullSyncForeignKeysAndBusyTimeout() {
    List<String> pragmas =
        ((SqliteStorage) storage())
            .database()
            .read(
                "pragmas",
                c -> {
                  List<String> values = new ArrayList<>();
                  for (String p : List.of("journal_mode", "synchronous", "foreign_keys", "busy_timeout")) {
                    try (var s = c.createStatement();
                        var rs = s.executeQuery("PRAGMA " + p)) {
                      rs.next();
                      values.add(rs.getString(1));
                    }
                  }
                  return values;
                });
    assertEquals(List.of("wal", "2", "1", String.valueOf(SqliteStorage.BUSY_TIMEOUT_MILLIS)), pragmas);
  }

  @Test
  void secondStorageOnSameFile_seesFirstOnesWrites() {
    try (SqliteStorage second = SqliteStorage.open(dir)) {
      storage().keys().insert(key(keyId(1)));
      assertEquals(storage().keys().find(REGION, keyId(1)), second.keys().find(REGION, keyId(1)));
      second.accessKeys().insert(accessKey("AKIAA", ACCOUNT, true));
      assertTrue(storage().accessKeys().find("AKIAA").isPresent());
      second.keys().update(key(keyId(1)).toBuilder().description("by second").build());
      assertEquals("by second", storage().keys().find(REGION, keyId(1)).orElseThrow().description());
    }
  }

  @Test
  @Timeout(60)
  void updatersOnTwoConnections_exactlyOneWinsEachRound() throws Exception {
    storage().keys().insert(key(keyId(1)));
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try (SqliteStorage second = SqliteStorage.open(dir)) {
      for (int round = 0; round < 10; round++) {
        KeyRecord read = storage().keys().find(REGION, keyId(1)).orElseThrow();
        CyclicBarrier start = new CyclicBarrier(2);
        int wins = 0;
        List<Future<Boolean>> attempts = new ArrayList<>();
        for (Storage s : List.of(storage(), second)) {
          KeyRecord next = read.toBuilder().description(s == second ? "second" : "first").build();
          attempts.add(
              pool.submit(
                  () -> {
                    start.await(30, TimeUnit.SECONDS);
                    try {
                      s.keys().update(next);
                      return true;
                    } catch (StaleRecordException lost) {
                      return false;
                    }
                  }));
        }
        for (Future<Boolean> attempt : attempts) {
          wins += attempt.get(30, TimeUnit.SECONDS) ? 1 : 0;
        }
        assertEquals(1, wins, "round " + round);
        assertEquals(
            read.revision() + 1, second.keys().find(REGION, keyId(1)).orElseThrow().revision());
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void closedStorage_refusesCalls() {
    storage().close();
    assertThrows(IllegalStateException.class, () -> storage().keys().find(REGION, keyId(1)));
    assertThrows(IllegalStateException.class, () -> storage().settings().put("x", new byte[1]));
    storage().close(); // idempotent
  }

  @Test
  void grantsForeignKey_cascadesAndRefusesOrphans() {
    storage().keys().insert(key(keyId(1)));
    storage().grants().insert(grant(keyId(1), 1));
    SqliteDatabase db = ((SqliteStorage) storage()).database();
    db.write(
        "raw key delete",
        c -> SqliteDocuments.update(c, SqliteKeyRepository.DELETE, REGION, keyId(1)));
    assertEquals(Optional.empty(), storage().grants().find(REGION, grantId(1)));
    StorageException orphan =
        assertThrows(
            StorageException.class,
            () ->
                db.write(
                    "raw orphan insert",
                    c ->
                        SqliteDocuments.update(
                            c,
                            "INSERT INTO kms_grants (region, grant_id, key_id, creation_date, document)"
                                + " VALUES (?, ?, ?, 0, '{}')",
                            REGION,
                            grantId(2),
                            keyId(1))));
    String cause = orphan.getCause().getMessage();
    assertTrue(cause.contains("FOREIGN KEY"), cause);
  }

  @Test
  void reopenedFile_holdsIdentitiesAndGrants() {
    storage().keys().insert(key(keyId(1)));
    storage().grants().insert(fullGrant(REGION, keyId(1), grantId(1), false));
    storage().identities().putUser(fullUser(ACCOUNT, "alice", userId(1)));
    storage().identities().putRole(fullRole(ACCOUNT, "app"));
    storage().close();

    try (SqliteStorage reopened = SqliteStorage.open(dir)) {
      assertEquals(
          List.of(fullGrant(REGION, keyId(1), grantId(1), false)),
          reopened.grants().listForKey(REGION, keyId(1)));
      assertEquals(
          Optional.of(fullUser(ACCOUNT, "alice", userId(1))),
          reopened.identities().findUserById(userId(1)));
      assertEquals(List.of(fullRole(ACCOUNT, "app")), reopened.identities().listRoles(ACCOUNT));
    }
  }
}

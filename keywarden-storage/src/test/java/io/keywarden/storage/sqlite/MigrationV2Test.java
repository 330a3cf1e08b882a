package io.keywarden.storage.sqlite;

import static io.keywarden.storage.contract.ContractFixtures.ACCOUNT;
import static io.keywarden.storage.contract.ContractFixtures.OTHER_REGION;
import static io.keywarden.storage.contract.ContractFixtures.REGION;
import static io.keywarden.storage.contract.ContractFixtures.accessKey;
import static io.keywarden.storage.contract.ContractFixtures.alias;
import static io.keywarden.storage.contract.ContractFixtures.fullGrant;
import static io.keywarden.storage.contract.ContractFixtures.fullKey;
import static io.keywarden.storage.contract.ContractFixtures.fullRole;
import static io.keywarden.storage.contract.ContractFixtures.fullUser;
import static io.keywarden.storage.contract.ContractFixtures.grantId;
import static io.keywarden.storage.contract.ContractFixtures.key;
import static io.keywarden.storage.contract.ContractFixtures.keyId;
import static io.keywarden.storage.contract.ContractFixtures.minimalKey;
import static io.keywarden.storage.contract.ContractFixtures.userId;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.keywarden.domain.key.Grant;
import io.keywarden.domain.key.KeyRecord;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** V1 → V2 (users, roles, grants) on a database that a version-1 release filled. */
class MigrationV2Test {
  private static final String V1 = "db/sqlite/V1__init.sql";

  @TempDir Path dir;

  private List<String> query(String sql) throws Exception {
    try (Connection c =
            DriverManager.getConnection("jdbc:sqlite:" + dir.resolve(SqliteStorage.FILE_NAME));
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      List<String> rows = new ArrayList<>();
      while (rs.next()) {
        rows.add(rs.getString(1));
      }
      return rows;
    }
  }

  /** What a version-1 release stored: two keys in two regions, an alias, an access key, the seal. */
  private void fillVersion1Database() {
    try (SqliteStorage v1 =
        SqliteStorage.open(dir, new Migrations(List.of(V1)), SqliteStorage.BUSY_TIMEOUT_MILLIS)) {
      v1.keys().insert(fullKey(ACCOUNT, REGION, keyId(1)));
      v1.keys().insert(minimalKey(ACCOUNT, OTHER_REGION, keyId(1)));
      v1.aliases().insert(alias("alias/a", keyId(1)));
      v1.accessKeys().insert(accessKey("AKIAA", ACCOUNT, true));
      v1.settings().put("seal", new byte[] {0, 1, -1});
    }
  }

  @Test
  void version1Database_keepsItsDataAndGainsTheNewTables() throws Exception {
    fillVersion1Database();
    assertEquals(List.of("1"), query("SELECT version FROM schema_version"));

    try (SqliteStorage v2 = SqliteStorage.open(dir)) {
      assertEquals(Optional.of(fullKey(ACCOUNT, REGION, keyId(1))), v2.keys().find(REGION, keyId(1)));
      assertEquals(
          Optional.of(minimalKey(ACCOUNT, OTHER_REGION, keyId(1))),
          v2.keys().find(OTHER_REGION, keyId(1)));
      assertEquals(List.of(alias("alias/a", keyId(1))), v2.aliases().list(ACCOUNT, REGION));
      assertEquals(List.of(accessKey("AKIAA", ACCOUNT, true)), v2.accessKeys().list(ACCOUNT));
      assertArrayEquals(new byte[] {0, 1, -1}, v2.settings().get("seal").orElseThrow());
      assertEquals(List.of(), v2.identities().listUsers(ACCOUNT));
      assertEquals(List.of(), v2.grants().listForKey(REGION, keyId(1)));
    }
    assertEquals(
        List.of("1", "2", "3"), query("SELECT version FROM schema_version ORDER BY version"));
    assertEquals(
        List.of(
            "iam_roles",
            "iam_users",
            "iam_users_by_user_id",
            "kms_grants",
            "kms_grants_by_key",
            "kms_grants_by_retiring_principal"),
        query(
            "SELECT name FROM sqlite_master WHERE name LIKE 'iam%' OR name LIKE 'kms_grants%'"
                + " ORDER BY name"));
  }

  @Test
  void migratedDatabase_takesGrantsOnOldKeysAndCascadesTheirDeletion() {
    fillVersion1Database();
    Grant onOldKey = fullGrant(REGION, keyId(1), grantId(1), false);
    Grant inOtherRegion = fullGrant(OTHER_REGION, keyId(1), grantId(2), true);
    try (SqliteStorage v2 = SqliteStorage.open(dir)) {
      v2.grants().insert(onOldKey);
      v2.grants().insert(inOtherRegion);
      v2.identities().putUser(fullUser(ACCOUNT, "alice", userId(1)));
      v2.identities().putRole(fullRole(ACCOUNT, "app"));
    }
    try (SqliteStorage reopened = SqliteStorage.open(dir)) {
      assertEquals(List.of(onOldKey), reopened.grants().listForKey(REGION, keyId(1)));
      assertEquals(
          Optional.of(fullUser(ACCOUNT, "alice", userId(1))),
          reopened.identities().findUserById(userId(1)));
      assertEquals(List.of(fullRole(ACCOUNT, "app")), reopened.identities().listRoles(ACCOUNT));

      reopened.keys().delete(REGION, keyId(1));

      assertEquals(Optional.empty(), reopened.grants().find(REGION, grantId(1)));
      assertEquals(List.of(), reopened.aliases().list(ACCOUNT, REGION));
      assertEquals(Optional.of(inOtherRegion), reopened.grants().find(OTHER_REGION, grantId(2)));
      KeyRecord again = key(keyId(1));
      reopened.keys().insert(again);
      assertEquals(List.of(), reopened.grants().listForKey(REGION, keyId(1)));
    }
  }
}

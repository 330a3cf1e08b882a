package io.keywarden.storage.sqlite;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The queries that grow with the number of keys use indexes, never a table scan or a sort. */
class SqliteQueryPlanTest {
  @TempDir Path dir;
  private SqliteStorage storage;

  @BeforeEach
  void open() {
    storage = SqliteStorage.open(dir);
  }

  @AfterEach
  void close() {
    storage.close();
  }

  /** SQLite's plan for {@code sql} with these parameters, one line per step. */
  private String plan(String sql, Object... parameters) {
    return storage
        .database()
        .read(
            "explain",
            c -> {
              try (PreparedStatement ps = c.prepareStatement("EXPLAIN QUERY PLAN " + sql)) {
                for (int i = 0; i < parameters.length; i++) {
                  ps.setObject(i + 1, parameters[i]);
                }
                List<String> steps = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                  while (rs.next()) {
                    steps.add(rs.getString("detail"));
                  }
                }
                return String.join("\n", steps);
              }
            });
  }

  @Test
  void dueForWork_searchesBothPartialIndexes() {
    String plan = plan(SqliteKeyRepository.DUE, 1_700_000_000_000L, 1_700_000_000_000L);
    assertTrue(plan.contains("USING INDEX kms_key_by_deletion_date"), plan);
    assertTrue(plan.contains("USING INDEX kms_key_by_next_rotation"), plan);
    assertFalse(plan.contains("SCAN kms_key"), plan);
  }

  @Test
  void listKeys_searchesAccountIndexInKeyIdOrder() {
    for (String sql : List.of(SqliteKeyRepository.LIST_FIRST, SqliteKeyRepository.LIST_AFTER)) {
      Object[] params =
          sql.equals(SqliteKeyRepository.LIST_FIRST)
              ? new Object[] {"111122223333", "us-east-1", 100}
              : new Object[] {"111122223333", "us-east-1", "k", 100};
      String plan = plan(sql, params);
      assertTrue(plan.contains("USING INDEX kms_key_by_account"), plan);
      assertFalse(plan.contains("TEMP B-TREE"), plan);
    }
  }

  @Test
  void aliasLookups_useIndexesInNameOrder() {
    String forKey = plan(SqliteAliasRepository.LIST_FOR_KEY, "us-east-1", "k");
    assertTrue(forKey.contains("USING INDEX kms_alias_by_target"), forKey);
    assertFalse(forKey.contains("TEMP B-TREE"), forKey);
    String list = plan(SqliteAliasRepository.LIST, "111122223333", "us-east-1");
    assertFalse(list.contains("SCAN kms_alias"), list);
    assertFalse(list.contains("TEMP B-TREE"), list);
  }

  @Test
  void accessKeyList_usesAccountIndex() {
    String plan = plan(SqliteAccessKeyRepository.LIST, "111122223333");
    assertTrue(plan.contains("USING INDEX access_key_by_account"), plan);
    assertFalse(plan.contains("TEMP B-TREE"), plan);
  }

  @Test
  void userLookups_useIndexesInNameOrder() {
    for (String sql :
        List.of(SqliteIdentityRepository.FIND_USER_BY_ID, SqliteIdentityRepository.USER_ID_TAKEN)) {
      Object[] params =
          sql.equals(SqliteIdentityRepository.FIND_USER_BY_ID)
              ? new Object[] {"AIDA1"}
              : new Object[] {"AIDA1", "111122223333", "alice"};
      String plan = plan(sql, params);
      assertTrue(plan.contains("USING INDEX iam_users_by_user_id"), plan);
    }
    String list = plan(SqliteIdentityRepository.LIST_USERS, "111122223333");
    assertFalse(list.contains("SCAN iam_users"), list);
    assertFalse(list.contains("TEMP B-TREE"), list);
    String find = plan(SqliteIdentityRepository.FIND_USER, "111122223333", "alice");
    assertTrue(find.contains("USING INDEX sqlite_autoindex_iam_users_1"), find);
  }

  @Test
  void roleLookups_usePrimaryKeyInNameOrder() {
    String list = plan(SqliteIdentityRepository.LIST_ROLES, "111122223333");
    assertFalse(list.contains("SCAN iam_roles"), list);
    assertFalse(list.contains("TEMP B-TREE"), list);
    String find = plan(SqliteIdentityRepository.FIND_ROLE, "111122223333", "app");
    assertTrue(find.contains("USING INDEX sqlite_autoindex_iam_roles_1"), find);
  }

  @Test
  void grantLookups_useIndexesInListingOrder() {
    String forKey = plan(SqliteGrantRepository.LIST_FOR_KEY, "us-east-1", "k");
    assertTrue(forKey.contains("USING INDEX kms_grants_by_key"), forKey);
    assertFalse(forKey.contains("TEMP B-TREE"), forKey);
    String retirable = plan(SqliteGrantRepository.LIST_RETIRABLE, "arn:aws:iam::1:role/r");
    assertTrue(retirable.contains("USING INDEX kms_grants_by_retiring_principal"), retirable);
    assertFalse(retirable.contains("TEMP B-TREE"), retirable);
    String find = plan(SqliteGrantRepository.FIND, "us-east-1", "g");
    assertTrue(find.contains("USING INDEX sqlite_autoindex_kms_grants_1"), find);
  }

  @Test
  void keyDeletion_findsTheKeysGrantsByIndex() {
    String plan = plan(SqliteGrantRepository.DELETE_FOR_KEY, "us-east-1", "k");
    assertTrue(plan.contains("USING COVERING INDEX kms_grants_by_key"), plan);
  }
}

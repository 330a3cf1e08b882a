package io.keywarden.storage.sqlite;

import io.keywarden.domain.identity.IamRole;
import io.keywarden.domain.identity.IamUser;
import io.keywarden.domain.storage.DuplicateRecordException;
import io.keywarden.domain.storage.IdentityRepository;
import io.keywarden.domain.storage.StaleRecordException;
import io.keywarden.storage.codec.IamRoleCodec;
import io.keywarden.storage.codec.IamUserCodec;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

/**
 * Users in table {@code iam_users}, roles in {@code iam_roles}: queried fields as columns, the record
 * as its JSON document. A put is compare-and-swap: revision 1 is an {@code INSERT ... ON CONFLICT DO
 * NOTHING} (no row inserted: {@link DuplicateRecordException}), any other an {@code UPDATE ... WHERE
 * revision = next - 1} (no row updated: {@link StaleRecordException}). A user id taken by another user
 * is a {@link DuplicateRecordException}, checked first in the same transaction.
 */
final class SqliteIdentityRepository implements IdentityRepository {
  static final String FIND_USER =
      "SELECT document FROM iam_users WHERE account_id = ? AND user_name = ?";
  static final String FIND_USER_BY_ID = "SELECT document FROM iam_users WHERE user_id = ?";
  static final String USER_ID_TAKEN =
      "SELECT 1 FROM iam_users WHERE user_id = ? AND NOT (account_id = ? AND user_name = ?)";
  static final String INSERT_USER =
      "INSERT INTO iam_users (user_id, revision, document, account_id, user_name)"
          + " VALUES (?, ?, ?, ?, ?) ON CONFLICT (account_id, user_name) DO NOTHING";
  static final String UPDATE_USER =
      "UPDATE iam_users SET user_id = ?, revision = ?, document = ?"
          + " WHERE account_id = ? AND user_name = ? AND revision = ?";
  static final String DELETE_USER = "DELETE FROM iam_users WHERE account_id = ? AND user_name = ?";
  static final String LIST_USERS =
      "SELECT document FROM iam_users WHERE account_id = ? ORDER BY user_name";

  static final String FIND_ROLE =
      "SELECT document FROM iam_roles WHERE account_id = ? AND role_name = ?";
  static final String INSERT_ROLE =
      "INSERT INTO iam_roles (revision, document, account_id, role_name)"
          + " VALUES (?, ?, ?, ?) ON CONFLICT (account_id, role_name) DO NOTHING";
  static final String UPDATE_ROLE =
      "UPDATE iam_roles SET revision = ?, document = ?"
          + " WHERE account_id = ? AND role_name = ? AND revision = ?";
  static final String DELETE_ROLE = "DELETE FROM iam_roles WHERE account_id = ? AND role_name = ?";
  static final String LIST_ROLES =
      "SELECT document FROM iam_roles WHERE account_id = ? ORDER BY role_name";

  static final String ACCOUNTS =
      "SELECT account_id FROM iam_users UNION SELECT account_id FROM iam_roles ORDER BY 1";

  private final SqliteDatabase db;
  private final SqliteDocuments<String> accounts;
  private final SqliteDocuments<IamUser> users;
  private final SqliteDocuments<IamRole> roles;

  SqliteIdentityRepository(SqliteDatabase db) {
    this.db = db;
    this.accounts = new SqliteDocuments<>(db, accountId -> accountId);
    this.users = new SqliteDocuments<>(db, IamUserCodec::decode);
    this.roles = new SqliteDocuments<>(db, IamRoleCodec::decode);
  }

  @Override
  public Optional<IamUser> findUser(String accountId, String userName) {
    return users.find("find IAM user", FIND_USER, accountId, userName);
  }

  @Override
  public Optional<IamUser> findUserById(String userId) {
    return users.find("find IAM user by id", FIND_USER_BY_ID, userId);
  }

  @Override
  public void putUser(IamUser user) {
    String document = IamUserCodec.encode(user);
    db.write(
        "put IAM user",
        c -> {
          if (SqliteDocuments.exists(
              c, USER_ID_TAKEN, user.userId(), user.accountId(), user.userName())) {
            throw new DuplicateRecordException("IAM user id " + user.userId());
          }
          boolean insert = user.revision() == 1;
          try (PreparedStatement ps = c.prepareStatement(insert ? INSERT_USER : UPDATE_USER)) {
            ps.setString(1, user.userId());
            ps.setLong(2, user.revision());
            ps.setString(3, document);
            ps.setString(4, user.accountId());
            ps.setString(5, user.userName());
            if (!insert) {
              ps.setLong(6, user.revision() - 1);
            }
            requireChanged(ps, insert, "IAM user " + user.userName());
          }
          return null;
        });
  }

  @Override
  public boolean deleteUser(String accountId, String userName) {
    return users.change("delete IAM user", DELETE_USER, accountId, userName);
  }

  @Override
  public List<IamUser> listUsers(String accountId) {
    return users.list("list IAM users", LIST_USERS, accountId);
  }

  @Override
  public Optional<IamRole> findRole(String accountId, String roleName) {
    return roles.find("find IAM role", FIND_ROLE, accountId, roleName);
  }

  @Override
  public void putRole(IamRole role) {
    String document = IamRoleCodec.encode(role);
    db.write(
        "put IAM role",
        c -> {
          boolean insert = role.revision() == 1;
          try (PreparedStatement ps = c.prepareStatement(insert ? INSERT_ROLE : UPDATE_ROLE)) {
            ps.setLong(1, role.revision());
            ps.setString(2, document);
            ps.setString(3, role.accountId());
            ps.setString(4, role.roleName());
            if (!insert) {
              ps.setLong(5, role.revision() - 1);
            }
            requireChanged(ps, insert, "IAM role " + role.roleName());
          }
          return null;
        });
  }

  @Override
  public boolean deleteRole(String accountId, String roleName) {
    return roles.change("delete IAM role", DELETE_ROLE, accountId, roleName);
  }

  @Override
  public List<IamRole> listRoles(String accountId) {
    return roles.list("list IAM roles", LIST_ROLES, accountId);
  }

  @Override
  public List<String> accounts() {
    return accounts.list("list IAM accounts", ACCOUNTS);
  }

  /** Runs the compare-and-swap statement: no row changed is a duplicate insert or a stale update. */
  private static void requireChanged(PreparedStatement ps, boolean insert, String what)
      throws SQLException {
    if (ps.executeUpdate() == 0) {
      throw insert ? new DuplicateRecordException(what) : new StaleRecordException(what);
    }
  }
}

package io.keywarden.storage.sqlite;

import io.keywarden.domain.identity.AccessKeyRecord;
import io.keywarden.domain.storage.AccessKeyRepository;
import io.keywarden.domain.storage.DuplicateRecordException;
import io.keywarden.domain.trust.WrappedKey;
import io.keywarden.storage.codec.StoredInstants;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** Access keys in table {@code access_key}; the secret only as its wrapped form (root key id, blob). */
final class SqliteAccessKeyRepository implements AccessKeyRepository {
  private static final String COLUMNS =
      "access_key_id, account_id, principal_arn, secret_root_key_id, secret_blob, created_at, active";
  static final String FIND = "SELECT " + COLUMNS + " FROM access_key WHERE access_key_id = ?";
  static final String INSERT =
      "INSERT INTO access_key (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?)"
          + " ON CONFLICT (access_key_id) DO NOTHING";
  static final String LIST =
      "SELECT " + COLUMNS + " FROM access_key WHERE account_id = ? ORDER BY access_key_id";
  static final String DELETE = "DELETE FROM access_key WHERE access_key_id = ?";

  private final SqliteDatabase db;

  SqliteAccessKeyRepository(SqliteDatabase db) {
    this.db = db;
  }

  @Override
  public Optional<AccessKeyRecord> find(String accessKeyId) {
    List<AccessKeyRecord> found = query("find access key", FIND, accessKeyId);
    return found.isEmpty() ? Optional.empty() : Optional.of(found.get(0));
  }

  @Override
  public void insert(AccessKeyRecord key) {
    db.write(
        "insert access key",
        c -> {
          try (PreparedStatement ps = c.prepareStatement(INSERT)) {
            ps.setString(1, key.accessKeyId());
            ps.setString(2, key.accountId());
            ps.setString(3, key.principalArn());
            ps.setString(4, key.wrappedSecret().rootKeyId());
            ps.setBytes(5, key.wrappedSecret().blob());
            ps.setString(6, StoredInstants.toText(key.createdAt()));
            ps.setBoolean(7, key.active());
            if (ps.executeUpdate() == 0) {
              throw new DuplicateRecordException("access key " + key.accessKeyId());
            }
          }
          return null;
        });
  }

  @Override
  public List<AccessKeyRecord> list(String accountId) {
    return query("list access keys", LIST, accountId);
  }

  @Override
  public boolean delete(String accessKeyId) {
    Objects.requireNonNull(accessKeyId, "accessKeyId");
    return db.write(
        "delete access key",
        c -> {
          try (PreparedStatement ps = c.prepareStatement(DELETE)) {
            ps.setString(1, accessKeyId);
            return ps.executeUpdate() > 0;
          }
        });
  }

  private List<AccessKeyRecord> query(String what, String sql, String param) {
    Objects.requireNonNull(param, "a lookup argument is null");
    return db.read(
        what,
        c -> {
          try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, param);
            List<AccessKeyRecord> found = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
              while (rs.next()) {
                found.add(row(rs));
              }
            }
            return found;
          }
        });
  }

  private static AccessKeyRecord row(ResultSet rs) throws SQLException {
    return new AccessKeyRecord(
        rs.getString(1),
        rs.getString(2),
        rs.getString(3),
        new WrappedKey(rs.getString(4), SqliteBytes.read(rs, 5)),
        StoredInstants.fromText(rs.getString(6)),
        rs.getBoolean(7));
  }
}

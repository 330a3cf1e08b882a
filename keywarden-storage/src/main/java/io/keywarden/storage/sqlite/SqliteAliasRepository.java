package io.keywarden.storage.sqlite;

import io.keywarden.domain.alias.AliasRecord;
import io.keywarden.domain.storage.AliasRepository;
import io.keywarden.domain.storage.DuplicateRecordException;
import io.keywarden.domain.storage.StaleRecordException;
import io.keywarden.storage.codec.StoredInstants;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Aliases in table {@code kms_alias}. The target key must exist in the alias's region (checked in the
 * transaction, and enforced by a foreign key): otherwise insert and update throw {@link
 * StaleRecordException}, as for a key deleted since it was read.
 */
final class SqliteAliasRepository implements AliasRepository {
  private static final String COLUMNS =
      "account_id, region, alias_name, target_key_id, creation_date, last_updated_date";
  static final String FIND =
      "SELECT " + COLUMNS + " FROM kms_alias WHERE account_id = ? AND region = ? AND alias_name = ?";
  static final String KEY_EXISTS = "SELECT 1 FROM kms_key WHERE region = ? AND key_id = ?";
  static final String INSERT =
      "INSERT INTO kms_alias (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?)"
          + " ON CONFLICT (account_id, region, alias_name) DO NOTHING";
  static final String UPDATE =
      "UPDATE kms_alias SET target_key_id = ?, creation_date = ?, last_updated_date = ?"
          + " WHERE account_id = ? AND region = ? AND alias_name = ?";
  static final String DELETE =
      "DELETE FROM kms_alias WHERE account_id = ? AND region = ? AND alias_name = ?";
  static final String LIST =
      "SELECT " + COLUMNS + " FROM kms_alias WHERE account_id = ? AND region = ? ORDER BY alias_name";
  static final String LIST_FOR_KEY =
      "SELECT " + COLUMNS + " FROM kms_alias WHERE region = ? AND target_key_id = ?"
          + " ORDER BY alias_name";

  private final SqliteDatabase db;

  SqliteAliasRepository(SqliteDatabase db) {
    this.db = db;
  }

  @Override
  public Optional<AliasRecord> find(String accountId, String region, String aliasName) {
    List<AliasRecord> found = query("find alias", FIND, accountId, region, aliasName);
    return found.isEmpty() ? Optional.empty() : Optional.of(found.get(0));
  }

  @Override
  public void insert(AliasRecord alias) {
    db.write(
        "insert alias",
        c -> {
          requireTarget(c, alias);
          try (PreparedStatement ps = c.prepareStatement(INSERT)) {
            ps.setString(1, alias.accountId());
            ps.setString(2, alias.region());
            ps.setString(3, alias.aliasName());
            ps.setString(4, alias.targetKeyId());
            ps.setString(5, StoredInstants.toText(alias.creationDate()));
            ps.setString(6, StoredInstants.toText(alias.lastUpdatedDate()));
            if (ps.executeUpdate() == 0) {
              throw new DuplicateRecordException("alias " + alias.aliasName());
            }
          }
          return null;
        });
  }

  @Override
  public void update(AliasRecord alias) {
    db.write(
        "update alias",
        c -> {
          requireTarget(c, alias);
          try (PreparedStatement ps = c.prepareStatement(UPDATE)) {
            ps.setString(1, alias.targetKeyId());
            ps.setString(2, StoredInstants.toText(alias.creationDate()));
            ps.setString(3, StoredInstants.toText(alias.lastUpdatedDate()));
            ps.setString(4, alias.accountId());
            ps.setString(5, alias.region());
            ps.setString(6, alias.aliasName());
            if (ps.executeUpdate() == 0) {
              throw new StaleRecordException("alias " + alias.aliasName());
            }
          }
          return null;
        });
  }

  @Override
  public boolean delete(String accountId, String region, String aliasName) {
    return db.write(
        "delete alias",
        c -> {
          try (PreparedStatement ps = c.prepareStatement(DELETE)) {
            bind(ps, accountId, region, aliasName);
            return ps.executeUpdate() > 0;
          }
        });
  }

  @Override
  public List<AliasRecord> list(String accountId, String region) {
    return query("list aliases", LIST, accountId, region);
  }

  @Override
  public List<AliasRecord> listForKey(String region, String keyId) {
    return query("list aliases of a key", LIST_FOR_KEY, region, keyId);
  }

  private List<AliasRecord> query(String what, String sql, String... params) {
    return db.read(
        what,
        c -> {
          try (PreparedStatement ps = c.prepareStatement(sql)) {
            bind(ps, params);
            List<AliasRecord> found = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
              while (rs.next()) {
                found.add(
                    new AliasRecord(
                        rs.getString(1),
                        rs.getString(2),
                        rs.getString(3),
                        rs.getString(4),
                        StoredInstants.fromText(rs.getString(5)),
                        StoredInstants.fromText(rs.getString(6))));
              }
            }
            return found;
          }
        });
  }

  private static void requireTarget(Connection c, AliasRecord alias) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(KEY_EXISTS)) {
      bind(ps, alias.region(), alias.targetKeyId());
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          throw new StaleRecordException("key " + alias.targetKeyId());
        }
      }
    }
  }

  private static void bind(PreparedStatement ps, String... params) throws SQLException {
    for (int i = 0; i < params.length; i++) {
      ps.setString(i + 1, Objects.requireNonNull(params[i], "a lookup argument is null"));
    }
  }
}

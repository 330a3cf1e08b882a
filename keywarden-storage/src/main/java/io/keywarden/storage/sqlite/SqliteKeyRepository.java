package io.keywarden.storage.sqlite;

import io.keywarden.domain.key.KeyRecord;
import io.keywarden.domain.storage.DuplicateRecordException;
import io.keywarden.domain.storage.KeyRepository;
import io.keywarden.domain.storage.StaleRecordException;
import io.keywarden.storage.codec.KeyColumns;
import io.keywarden.storage.codec.KeyRecordCodec;
import io.keywarden.storage.codec.StoredInstants;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** Keys in table {@code kms_key}: queried fields as columns, the record as its JSON document. */
final class SqliteKeyRepository implements KeyRepository {
  static final String FIND = "SELECT document FROM kms_key WHERE region = ? AND key_id = ?";
  static final String INSERT =
      "INSERT INTO kms_key (region, key_id, account_id, revision, deletion_date, next_rotation,"
          + " document) VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (region, key_id) DO NOTHING";
  static final String UPDATE =
      "UPDATE kms_key SET revision = ?, deletion_date = ?, next_rotation = ?, document = ?"
          + " WHERE region = ? AND key_id = ? AND revision = ?";
  static final String DELETE_ALIASES =
      "DELETE FROM kms_alias WHERE region = ? AND target_key_id = ?";
  static final String DELETE = "DELETE FROM kms_key WHERE region = ? AND key_id = ?";
  static final String LIST_FIRST =
      "SELECT document FROM kms_key WHERE account_id = ? AND region = ?"
          + " ORDER BY key_id LIMIT ?";
  static final String LIST_AFTER =
      "SELECT document FROM kms_key WHERE account_id = ? AND region = ? AND key_id > ?"
          + " ORDER BY key_id LIMIT ?";
  /**
   * Each side of the OR searches its partial index (SQLite's multi-index OR, PostgreSQL's bitmap OR),
   * and a key due for both reasons comes once. (A UNION would be planned as a full scan.)
   */
  static final String DUE =
      "SELECT document FROM kms_key WHERE deletion_date <= ? OR next_rotation <= ?";

  private final SqliteDatabase db;

  SqliteKeyRepository(SqliteDatabase db) {
    this.db = db;
  }

  @Override
  public Optional<KeyRecord> find(String region, String keyId) {
    Objects.requireNonNull(region, "region");
    Objects.requireNonNull(keyId, "keyId");
    return db.read(
        "find key",
        c -> {
          try (PreparedStatement ps = c.prepareStatement(FIND)) {
            ps.setString(1, region);
            ps.setString(2, keyId);
            List<KeyRecord> found = documents(ps);
            return found.isEmpty() ? Optional.empty() : Optional.of(found.get(0));
          }
        });
  }

  @Override
  public void insert(KeyRecord key) {
    String document = KeyRecordCodec.encode(key);
    db.write(
        "insert key",
        c -> {
          try (PreparedStatement ps = c.prepareStatement(INSERT)) {
            ps.setString(1, key.region());
            ps.setString(2, key.keyId());
            ps.setString(3, key.accountId());
            ps.setLong(4, key.revision());
            setNullableLong(ps, 5, KeyColumns.deletionDate(key));
            setNullableLong(ps, 6, KeyColumns.nextRotation(key));
            ps.setString(7, document);
            if (ps.executeUpdate() == 0) {
              throw new DuplicateRecordException("key " + key.keyId());
            }
          }
          return null;
        });
  }

  @Override
  public void update(KeyRecord next) {
    String document = KeyRecordCodec.encode(next);
    db.write(
        "update key",
        c -> {
          try (PreparedStatement ps = c.prepareStatement(UPDATE)) {
            ps.setLong(1, next.revision());
            setNullableLong(ps, 2, KeyColumns.deletionDate(next));
            setNullableLong(ps, 3, KeyColumns.nextRotation(next));
            ps.setString(4, document);
            ps.setString(5, next.region());
            ps.setString(6, next.keyId());
            ps.setLong(7, next.revision() - 1);
            if (ps.executeUpdate() == 0) {
              throw new StaleRecordException("key " + next.keyId());
            }
          }
          return null;
        });
  }

  @Override
  public void delete(String region, String keyId) {
    Objects.requireNonNull(region, "region");
    Objects.requireNonNull(keyId, "keyId");
    db.write(
        "delete key",
        c -> {
          // The foreign keys cascade too; deleting explicitly keeps this independent of the pragma.
          for (String sql :
              List.of(DELETE_ALIASES, SqliteGrantRepository.DELETE_FOR_KEY, DELETE)) {
            try (PreparedStatement ps = c.prepareStatement(sql)) {
              ps.setString(1, region);
              ps.setString(2, keyId);
              ps.executeUpdate();
            }
          }
          return null;
        });
  }

  @Override
  public List<KeyRecord> list(String accountId, String region, String afterKeyId, int limit) {
    Objects.requireNonNull(accountId, "accountId");
    Objects.requireNonNull(region, "region");
    if (limit < 1) {
      throw new IllegalArgumentException("limit must be at least 1");
    }
    return db.read(
        "list keys",
        c -> {
          try (PreparedStatement ps = c.prepareStatement(afterKeyId == null ? LIST_FIRST : LIST_AFTER)) {
            int i = 1;
            ps.setString(i++, accountId);
            ps.setString(i++, region);
            if (afterKeyId != null) {
              ps.setString(i++, afterKeyId);
            }
            ps.setInt(i, limit);
            return documents(ps);
          }
        });
  }

  @Override
  public List<KeyRecord> dueForWork(Instant now) {
    long nowMillis = StoredInstants.floorMillis(Objects.requireNonNull(now, "now"));
    List<KeyRecord> candidates =
        db.read(
            "find keys due for work",
            c -> {
              try (PreparedStatement ps = c.prepareStatement(DUE)) {
                ps.setLong(1, nowMillis);
                ps.setLong(2, nowMillis);
                return documents(ps);
              }
            });
    List<KeyRecord> due = new ArrayList<>(candidates.size());
    for (KeyRecord key : candidates) {
      if (KeyColumns.isDue(key, now)) { // drops those later in now's millisecond
        due.add(key);
      }
    }
    due.sort(Comparator.comparing(KeyRecord::region).thenComparing(KeyRecord::keyId));
    return due;
  }

  private static List<KeyRecord> documents(PreparedStatement ps) throws SQLException {
    List<KeyRecord> found = new ArrayList<>();
    try (ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        found.add(KeyRecordCodec.decode(rs.getString(1)));
      }
    }
    return found;
  }

  static void setNullableLong(PreparedStatement ps, int index, Long value) throws SQLException {
    if (value == null) {
      ps.setNull(index, Types.BIGINT);
    } else {
      ps.setLong(index, value);
    }
  }
}

package io.keywarden.storage.sqlite;

import io.keywarden.domain.storage.SettingsRepository;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Objects;
import java.util.Optional;

/** Settings in table {@code setting}, kept by {@code wipe}. */
final class SqliteSettingsRepository implements SettingsRepository {
  static final String GET = "SELECT value FROM setting WHERE name = ?";
  static final String PUT_IF_ABSENT =
      "INSERT INTO setting (name, value) VALUES (?, ?) ON CONFLICT (name) DO NOTHING";
  static final String PUT =
      "INSERT INTO setting (name, value) VALUES (?, ?)"
          + " ON CONFLICT (name) DO UPDATE SET value = excluded.value";

  private final SqliteDatabase db;

  SqliteSettingsRepository(SqliteDatabase db) {
    this.db = db;
  }

  @Override
  public Optional<byte[]> get(String name) {
    Objects.requireNonNull(name, "name");
    return db.read(
        "read setting",
        c -> {
          try (PreparedStatement ps = c.prepareStatement(GET)) {
            ps.setString(1, name);
            try (ResultSet rs = ps.executeQuery()) {
              return rs.next() ? Optional.of(SqliteBytes.read(rs, 1)) : Optional.empty();
            }
          }
        });
  }

  @Override
  public boolean putIfAbsent(String name, byte[] value) {
    return write(PUT_IF_ABSENT, name, value) > 0;
  }

  @Override
  public void put(String name, byte[] value) {
    write(PUT, name, value);
  }

  private int write(String sql, String name, byte[] value) {
    Objects.requireNonNull(name, "name");
    byte[] copy = value.clone();
    return db.write(
        "write setting",
        c -> {
          try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, name);
            ps.setBytes(2, copy);
            return ps.executeUpdate();
          }
        });
  }
}

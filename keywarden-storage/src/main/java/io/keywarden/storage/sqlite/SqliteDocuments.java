package io.keywarden.storage.sqlite;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * Statements over tables that hold a record as a JSON document in their {@code document} column: the
 * repositories of users, roles and grants share these. Parameters are strings, never {@code null}.
 */
final class SqliteDocuments<T> {
  private final SqliteDatabase db;
  private final Function<String, T> decoder;

  SqliteDocuments(SqliteDatabase db, Function<String, T> decoder) {
    this.db = db;
    this.decoder = decoder;
  }

  /** The records of {@code sql}, a {@code SELECT document ...}, in its order. */
  List<T> list(String what, String sql, String... params) {
    return db.read(what, c -> list(c, sql, params));
  }

  Optional<T> find(String what, String sql, String... params) {
    List<T> found = list(what, sql, params);
    return found.isEmpty() ? Optional.empty() : Optional.of(found.get(0));
  }

  /** Runs a one-statement write (a delete) in its own transaction; whether it changed a row. */
  boolean change(String what, String sql, String... params) {
    return db.write(what, c -> update(c, sql, params) > 0);
  }

  List<T> list(Connection c, String sql, String... params) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      bind(ps, params);
      List<T> found = new ArrayList<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          found.add(decoder.apply(rs.getString(1)));
        }
      }
      return found;
    }
  }

  static int update(Connection c, String sql, String... params) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      bind(ps, params);
      return ps.executeUpdate();
    }
  }

  /** Whether {@code sql}, a {@code SELECT}, returns a row. */
  static boolean exists(Connection c, String sql, String... params) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      bind(ps, params);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next();
      }
    }
  }

  static void bind(PreparedStatement ps, String... params) throws SQLException {
    for (int i = 0; i < params.length; i++) {
      ps.setString(i + 1, Objects.requireNonNull(params[i], "a lookup argument is null"));
    }
  }
}

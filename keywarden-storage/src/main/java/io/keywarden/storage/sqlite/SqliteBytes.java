package io.keywarden.storage.sqlite;

import java.sql.ResultSet;
import java.sql.SQLException;

/** Reading BLOB columns: SQLite hands a zero-length blob back as {@code null}. */
final class SqliteBytes {
  private SqliteBytes() {}

  /** The column's bytes; empty (never {@code null}) for a zero-length blob in a NOT NULL column. */
  static byte[] read(ResultSet rs, int column) throws SQLException {
    byte[] bytes = rs.getBytes(column);
    return bytes == null ? new byte[0] : bytes;
  }
}

package io.keywarden.storage.sqlite;

import io.keywarden.domain.storage.StorageException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One SQLite connection, guarded by a lock, with the transaction discipline of the backend.
 *
 * <p>Writes run in {@code BEGIN IMMEDIATE} transactions: the write lock is taken up front, so a
 * transaction that reads and then writes never fails halfway on a lock another process holds; instead
 * SQLite waits up to {@code busy_timeout} for it. Reads are single statements in autocommit mode, each
 * its own consistent snapshot, and never block writers (WAL). The connection otherwise stays in
 * autocommit mode: the driver's own transaction handling would begin the next transaction right after
 * each commit and hold the write lock between calls.
 */
final class SqliteDatabase implements AutoCloseable {
  /** Work on the connection; its SQL failures become {@link StorageException}s. */
  interface Work<T> {
    T run(Connection connection) throws SQLException;
  }

  private final Connection connection;
  private final ReentrantLock lock = new ReentrantLock();
  private boolean closed;

  private SqliteDatabase(Connection connection) {
    this.connection = connection;
  }

  /**
   * Connects and sets the connection's pragmas: {@code busy_timeout}, {@code journal_mode=WAL}, {@code
   * synchronous=FULL} (every commit is fsynced: an acknowledged change survives power loss), {@code
   * foreign_keys=ON}. Refuses a file that cannot run in WAL mode.
   */
  static SqliteDatabase connect(String fileName, int busyTimeoutMillis) {
    Connection connection = null;
    try {
      connection = DriverManager.getConnection("jdbc:sqlite:" + fileName);
      try (Statement s = connection.createStatement()) {
        s.execute("PRAGMA busy_timeout = " + busyTimeoutMillis);
        require(s, "PRAGMA journal_mode = WAL", "wal");
        s.execute("PRAGMA synchronous = FULL");
        require(s, "PRAGMA synchronous", "2");
        s.execute("PRAGMA foreign_keys = ON");
        require(s, "PRAGMA foreign_keys", "1");
      }
      return new SqliteDatabase(connection);
    } catch (SQLException | RuntimeException e) {
      closeQuietly(connection);
      if (e instanceof StorageException se) {
        throw se;
      }
      throw new StorageException("cannot open the SQLite database", e);
    }
  }

  private static void require(Statement s, String pragma, String expected) throws SQLException {
    try (ResultSet rs = s.executeQuery(pragma)) {
      String actual = rs.next() ? rs.getString(1) : null;
      if (!expected.equalsIgnoreCase(actual)) {
        throw new StorageException(
            "SQLite refused '" + pragma + "' (got " + actual + ", need " + expected + ")", null);
      }
    }
  }

  /** Runs one read statement (or several that need no common snapshot). */
  <T> T read(String what, Work<T> work) {
    lock.lock();
    try {
      requireOpen();
      return work.run(connection);
    } catch (SQLException e) {
      throw new StorageException(what + " failed", e);
    } finally {
      lock.unlock();
    }
  }

  /**
   * Runs {@code work} in one write transaction: committed if it returns, rolled back if it throws
   * (the exceptions of the SPI, such as a lost compare-and-swap, pass through unchanged).
   */
  <T> T write(String what, Work<T> work) {
    lock.lock();
    try {
      requireOpen();
      execute("BEGIN IMMEDIATE");
      boolean committed = false;
      try {
        T result = work.run(connection);
        execute("COMMIT");
        committed = true;
        return result;
      } finally {
        if (!committed) {
          rollbackQuietly();
        }
      }
    } catch (SQLException e) {
      throw new StorageException(what + " failed", e);
    } finally {
      lock.unlock();
    }
  }

  @Override
  public void close() {
    lock.lock();
    try {
      if (!closed) {
        closed = true;
        connection.close();
      }
    } catch (SQLException e) {
      throw new StorageException("closing the SQLite database failed", e);
    } finally {
      lock.unlock();
    }
  }

  private void requireOpen() {
    if (closed) {
      throw new IllegalStateException("storage is closed");
    }
  }

  private void execute(String sql) throws SQLException {
    try (Statement s = connection.createStatement()) {
      s.execute(sql);
    }
  }

  private void rollbackQuietly() {
    try {
      execute("ROLLBACK");
    } catch (SQLException ignored) {
      // No transaction left to roll back: SQLite ends it by itself on some errors.
    }
  }

  private static void closeQuietly(Connection connection) {
    if (connection != null) {
      try {
        connection.close();
      } catch (SQLException ignored) {
        // Nothing more to do: opening already failed.
      }
    }
  }
}

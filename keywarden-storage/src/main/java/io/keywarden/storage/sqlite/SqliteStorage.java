package io.keywarden.storage.sqlite;

import io.keywarden.domain.storage.AccessKeyRepository;
import io.keywarden.domain.storage.AliasRepository;
import io.keywarden.domain.storage.GrantRepository;
import io.keywarden.domain.storage.IdentityRepository;
import io.keywarden.domain.storage.KeyRepository;
import io.keywarden.domain.storage.SecretRepository;
import io.keywarden.domain.storage.SettingsRepository;
import io.keywarden.domain.storage.Storage;
import io.keywarden.domain.storage.StorageException;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * The embedded default backend: one SQLite file, {@value #FILE_NAME}, in the data directory (with
 * SQLite's {@code -wal} and {@code -shm} files beside it while open; back up all three, or use SQLite's
 * backup API).
 *
 * <p>Durable (WAL, {@code synchronous=FULL}), every SPI method one transaction. Other processes may
 * open the same file at the same time (an offline CLI command, say): writers queue on SQLite's lock for
 * up to {@value #BUSY_TIMEOUT_MILLIS} ms, then fail with a {@link StorageException}. Within a process
 * one connection serves every thread, one call at a time.
 */
public final class SqliteStorage implements Storage {
  /** The database file's name in the data directory. */
  public static final String FILE_NAME = "keywarden.db";

  /** How long a write waits for another connection's (or process's) write to finish. */
  public static final int BUSY_TIMEOUT_MILLIS = 10_000;

  private final SqliteDatabase db;
  private final SqliteKeyRepository keys;
  private final SqliteAliasRepository aliases;
  private final SqliteAccessKeyRepository accessKeys;
  private final SqliteIdentityRepository identities;
  private final SqliteGrantRepository grants;
  private final SqliteSettingsRepository settings;
  private final SqliteSecretRepository secrets;

  private SqliteStorage(SqliteDatabase db) {
    this.db = db;
    this.keys = new SqliteKeyRepository(db);
    this.aliases = new SqliteAliasRepository(db);
    this.accessKeys = new SqliteAccessKeyRepository(db);
    this.identities = new SqliteIdentityRepository(db);
    this.grants = new SqliteGrantRepository(db);
    this.settings = new SqliteSettingsRepository(db);
    this.secrets = new SqliteSecretRepository(db);
  }

  /**
   * Opens (creating if missing) {@code dataDir/keywarden.db} and brings its schema up to date. A new
   * directory and a new file are made readable by their owner only, where the file system allows.
   *
   * @throws StorageException if the file cannot be opened, a migration fails, or its schema is newer
   *     than this release knows
   */
  public static SqliteStorage open(Path dataDir) {
    return open(dataDir, Migrations.standard(), BUSY_TIMEOUT_MILLIS);
  }

  static SqliteStorage open(Path dataDir, Migrations migrations, int busyTimeoutMillis) {
    Path file = createFiles(dataDir);
    SqliteDatabase db = SqliteDatabase.connect(file.toString(), busyTimeoutMillis);
    try {
      migrations.apply(db);
    } catch (RuntimeException e) {
      db.close();
      throw e;
    }
    return new SqliteStorage(db);
  }

  private static Path createFiles(Path dataDir) {
    Path file = dataDir.toAbsolutePath().resolve(FILE_NAME);
    if (file.toString().indexOf('?') >= 0) {
      // The driver reads what follows '?' in a database name as connection options.
      throw new IllegalArgumentException("the data directory's path must not contain '?'");
    }
    boolean posix = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
    try {
      if (!Files.isDirectory(dataDir)) {
        Files.createDirectories(dataDir, ownerOnly(posix, "rwx------"));
      }
      if (!Files.exists(file)) {
        try {
          Files.createFile(file, ownerOnly(posix, "rw-------"));
        } catch (FileAlreadyExistsException raced) {
          // another process created it first: fine
        }
      }
    } catch (IOException e) {
      throw new StorageException("cannot create the data directory or database file", e);
    }
    return file;
  }

  private static FileAttribute<?>[] ownerOnly(boolean posix, String permissions) {
    return posix
        ? new FileAttribute<?>[] {
          PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString(permissions))
        }
        : new FileAttribute<?>[0];
  }

  @Override
  public KeyRepository keys() {
    return keys;
  }

  @Override
  public AliasRepository aliases() {
    return aliases;
  }

  @Override
  public AccessKeyRepository accessKeys() {
    return accessKeys;
  }

  @Override
  public IdentityRepository identities() {
    return identities;
  }

  @Override
  public GrantRepository grants() {
    return grants;
  }

  @Override
  public SettingsRepository settings() {
    return settings;
  }

  @Override
  public SecretRepository secrets() {
    return secrets;
  }

  @Override
  public void wipe() {
    db.write(
        "wipe",
        c -> {
          try (var s = c.createStatement()) {
            s.executeUpdate("DELETE FROM sm_secrets");
            s.executeUpdate("DELETE FROM kms_grants");
            s.executeUpdate("DELETE FROM kms_alias");
            s.executeUpdate("DELETE FROM kms_key");
            s.executeUpdate("DELETE FROM access_key");
            s.executeUpdate("DELETE FROM iam_users");
            s.executeUpdate("DELETE FROM iam_roles");
          }
          return null;
        });
  }

  /** The connection, for this package's tests. */
  SqliteDatabase database() {
    return db;
  }

  /** Closes the connection; later calls fail with {@link IllegalStateException}. Idempotent. */
  @Override
  public void close() {
    db.close();
  }
}

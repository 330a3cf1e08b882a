package io.keywarden.storage.sqlite;

import io.keywarden.domain.secret.SecretRecord;
import io.keywarden.domain.storage.DuplicateRecordException;
import io.keywarden.domain.storage.SecretRepository;
import io.keywarden.domain.storage.StaleRecordException;
import io.keywarden.storage.codec.SecretRecordCodec;
import java.sql.PreparedStatement;
import java.util.List;
import java.util.Optional;

/**
 * Secrets in table {@code sm_secrets}: ARN, account, region and name as columns, the record (its
 * versions and their encrypted values included) as its JSON document. A put is compare-and-swap on the
 * revision, as for users and roles.
 */
final class SqliteSecretRepository implements SecretRepository {
  static final String FIND = "SELECT document FROM sm_secrets WHERE arn = ?";
  static final String FIND_BY_NAME =
      "SELECT document FROM sm_secrets WHERE account_id = ? AND region = ? AND name = ?";
  static final String INSERT =
      "INSERT INTO sm_secrets (revision, document, arn, account_id, region, name)"
          + " VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING";
  static final String UPDATE =
      "UPDATE sm_secrets SET revision = ?, document = ?"
          + " WHERE arn = ? AND account_id = ? AND region = ? AND name = ? AND revision = ?";
  static final String DELETE = "DELETE FROM sm_secrets WHERE arn = ?";
  static final String LIST =
      "SELECT document FROM sm_secrets WHERE account_id = ? AND region = ? ORDER BY name";
  /** The document's {@code deletedDate} (present only when marked for deletion), read by SQLite's JSON1. */
  static final String MARKED_FOR_DELETION =
      "SELECT document FROM sm_secrets WHERE json_extract(document, '$.deletedDate') IS NOT NULL";
  /** The documents with a {@code rotation} part (SecretRotationJson): a scan, once per jobs run. */
  static final String LIST_WITH_ROTATION =
      "SELECT document FROM sm_secrets WHERE json_type(document, '$.rotation') IS NOT NULL";

  private final SqliteDatabase db;
  private final SqliteDocuments<SecretRecord> secrets;

  SqliteSecretRepository(SqliteDatabase db) {
    this.db = db;
    this.secrets = new SqliteDocuments<>(db, SecretRecordCodec::decode);
  }

  @Override
  public Optional<SecretRecord> find(String arn) {
    return secrets.find("find secret", FIND, arn);
  }

  @Override
  public Optional<SecretRecord> findByName(String accountId, String region, String name) {
    return secrets.find("find secret by name", FIND_BY_NAME, accountId, region, name);
  }

  @Override
  public void put(SecretRecord secret) {
    String document = SecretRecordCodec.encode(secret);
    db.write(
        "put secret",
        c -> {
          boolean insert = secret.revision() == 1;
          try (PreparedStatement ps = c.prepareStatement(insert ? INSERT : UPDATE)) {
            ps.setLong(1, secret.revision());
            ps.setString(2, document);
            ps.setString(3, secret.arn());
            ps.setString(4, secret.accountId());
            ps.setString(5, secret.region());
            ps.setString(6, secret.name());
            if (!insert) {
              ps.setLong(7, secret.revision() - 1);
            }
            if (ps.executeUpdate() == 0) {
              String what = "secret " + secret.name();
              throw insert ? new DuplicateRecordException(what) : new StaleRecordException(what);
            }
          }
          return null;
        });
  }

  @Override
  public boolean delete(String arn) {
    return secrets.change("delete secret", DELETE, arn);
  }

  @Override
  public List<SecretRecord> list(String accountId, String region) {
    return secrets.list("list secrets", LIST, accountId, region);
  }

  @Override
  public List<SecretRecord> markedForDeletion() {
    return secrets.list("list secrets marked for deletion", MARKED_FOR_DELETION);
  }

  @Override
  public List<SecretRecord> listWithRotation() {
    return secrets.list("list secrets with rotation", LIST_WITH_ROTATION);
  }
}

package io.keywarden.storage.sqlite;

import io.keywarden.domain.key.Grant;
import io.keywarden.domain.storage.DuplicateRecordException;
import io.keywarden.domain.storage.GrantRepository;
import io.keywarden.domain.storage.StaleRecordException;
import io.keywarden.storage.codec.GrantCodec;
import io.keywarden.storage.codec.GrantColumns;
import java.sql.PreparedStatement;
import java.sql.Types;
import java.util.List;
import java.util.Optional;

/**
 * Grants in table {@code kms_grants}: queried fields as columns, the record as its JSON document. The
 * grant's key must exist in its region (checked in the transaction, and enforced by a foreign key):
 * otherwise insert throws {@link StaleRecordException}, as for a key deleted since it was read.
 */
final class SqliteGrantRepository implements GrantRepository {
  static final String INSERT =
      "INSERT INTO kms_grants (region, grant_id, key_id, retiring_principal, creation_date, document)"
          + " VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (region, grant_id) DO NOTHING";
  static final String FIND = "SELECT document FROM kms_grants WHERE region = ? AND grant_id = ?";
  /** In index order; {@link GrantColumns#BY_CREATION} then orders grants of the same millisecond. */
  static final String LIST_FOR_KEY =
      "SELECT document FROM kms_grants WHERE region = ? AND key_id = ?"
          + " ORDER BY creation_date, grant_id";
  static final String LIST_RETIRABLE =
      "SELECT document FROM kms_grants WHERE retiring_principal = ? ORDER BY grant_id, region";
  static final String DELETE = "DELETE FROM kms_grants WHERE region = ? AND grant_id = ?";
  static final String DELETE_FOR_KEY = "DELETE FROM kms_grants WHERE region = ? AND key_id = ?";

  private final SqliteDatabase db;
  private final SqliteDocuments<Grant> grants;

  SqliteGrantRepository(SqliteDatabase db) {
    this.db = db;
    this.grants = new SqliteDocuments<>(db, GrantCodec::decode);
  }

  @Override
  public void insert(Grant grant) {
    String document = GrantCodec.encode(grant);
    db.write(
        "insert grant",
        c -> {
          if (!SqliteDocuments.exists(
              c, SqliteAliasRepository.KEY_EXISTS, grant.region(), grant.keyId())) {
            throw new StaleRecordException("key " + grant.keyId());
          }
          try (PreparedStatement ps = c.prepareStatement(INSERT)) {
            ps.setString(1, grant.region());
            ps.setString(2, grant.grantId());
            ps.setString(3, grant.keyId());
            if (grant.retiringPrincipal() == null) {
              ps.setNull(4, Types.VARCHAR);
            } else {
              ps.setString(4, grant.retiringPrincipal());
            }
            ps.setLong(5, GrantColumns.creationDate(grant));
            ps.setString(6, document);
            if (ps.executeUpdate() == 0) {
              throw new DuplicateRecordException("grant " + grant.grantId());
            }
          }
          return null;
        });
  }

  @Override
  public Optional<Grant> find(String region, String grantId) {
    return grants.find("find grant", FIND, region, grantId);
  }

  @Override
  public List<Grant> listForKey(String region, String keyId) {
    List<Grant> found = grants.list("list grants of a key", LIST_FOR_KEY, region, keyId);
    found.sort(GrantColumns.BY_CREATION);
    return found;
  }

  @Override
  public List<Grant> listRetirable(String retiringPrincipal) {
    return grants.list("list retirable grants", LIST_RETIRABLE, retiringPrincipal);
  }

  @Override
  public boolean delete(String region, String grantId) {
    return grants.change("delete grant", DELETE, region, grantId);
  }
}

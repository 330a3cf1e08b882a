package io.keywarden.domain.storage;

import io.keywarden.domain.alias.AliasRecord;
import java.util.List;
import java.util.Optional;

/** KMS aliases, unique by account, region and alias name. */
public interface AliasRepository {

  Optional<AliasRecord> find(String accountId, String region, String aliasName);

  /** @throws DuplicateRecordException if the alias name is taken in that account and region */
  void insert(AliasRecord alias);

  /** @throws StaleRecordException if the alias does not exist */
  void update(AliasRecord alias);

  /** @return whether an alias was deleted */
  boolean delete(String accountId, String region, String aliasName);

  /** The account's aliases in the region, ordered by alias name. */
  List<AliasRecord> list(String accountId, String region);

  /** Aliases pointing at a key, ordered by alias name. */
  List<AliasRecord> listForKey(String region, String keyId);
}

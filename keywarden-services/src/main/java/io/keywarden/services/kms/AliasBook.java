package io.keywarden.services.kms;

import io.keywarden.domain.alias.AliasRecord;
import io.keywarden.domain.storage.AliasRepository;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Aliases, cached in memory for resolving {@code alias/...} key ids on the data plane. Writes go to
 * storage first, then to the cache.
 */
final class AliasBook {
  private final AliasRepository aliases;
  private final ConcurrentHashMap<String, AliasRecord> cache = new ConcurrentHashMap<>();

  AliasBook(AliasRepository aliases) {
    this.aliases = aliases;
  }

  Optional<AliasRecord> find(String accountId, String region, String aliasName) {
    String k = cacheKey(accountId, region, aliasName);
    AliasRecord hit = cache.get(k);
    if (hit != null) {
      return Optional.of(hit);
    }
    Optional<AliasRecord> stored = aliases.find(accountId, region, aliasName);
    stored.ifPresent(a -> cache.put(k, a));
    return stored;
  }

  void insert(AliasRecord alias) {
    aliases.insert(alias);
    cache.put(cacheKey(alias.accountId(), alias.region(), alias.aliasName()), alias);
  }

  void update(AliasRecord alias) {
    aliases.update(alias);
    cache.put(cacheKey(alias.accountId(), alias.region(), alias.aliasName()), alias);
  }

  boolean delete(String accountId, String region, String aliasName) {
    cache.remove(cacheKey(accountId, region, aliasName));
    return aliases.delete(accountId, region, aliasName);
  }

  /** Forgets cached aliases of a deleted key (storage deleted them with the key). */
  void forgetKey(String region, String keyId) {
    cache.values().removeIf(a -> a.region().equals(region) && a.targetKeyId().equals(keyId));
  }

  void clear() {
    cache.clear();
  }

  private static String cacheKey(String accountId, String region, String aliasName) {
    return accountId + '/' + region + '/' + aliasName;
  }
}

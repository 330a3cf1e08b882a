package io.keywarden.services.kms;

import io.keywarden.domain.alias.AliasRecord;
import io.keywarden.domain.storage.AliasRepository;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Aliases, cached in memory for resolving {@code alias/...} key ids on the data plane. Writes go to
 * storage first, then to the cache.
 */
final class AliasBook {
  private final AliasRepository aliases;
  private final ConcurrentHashMap<String, AliasRecord> cache = new ConcurrentHashMap<>();
  /** region/keyId → the key's alias names ({@code kms:ResourceAliases}), read once per key. */
  private final ConcurrentHashMap<String, List<String>> byKey = new ConcurrentHashMap<>();

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

  /** The alias names of a key, sorted: from memory, from storage on first use. */
  List<String> namesOf(String region, String keyId) {
    return byKey.computeIfAbsent(
        region + '/' + keyId,
        k ->
            aliases.listForKey(region, keyId).stream()
                .map(AliasRecord::aliasName)
                .sorted()
                .toList());
  }

  void insert(AliasRecord alias) {
    aliases.insert(alias);
    cache.put(cacheKey(alias.accountId(), alias.region(), alias.aliasName()), alias);
    byKey.remove(alias.region() + '/' + alias.targetKeyId());
  }

  void update(AliasRecord alias) {
    aliases.update(alias);
    cache.put(cacheKey(alias.accountId(), alias.region(), alias.aliasName()), alias);
    // The alias may have left a key that was not cached here: forget every key's names.
    byKey.clear();
  }

  boolean delete(String accountId, String region, String aliasName) {
    AliasRecord old = cache.remove(cacheKey(accountId, region, aliasName));
    boolean deleted = aliases.delete(accountId, region, aliasName);
    if (old != null) {
      byKey.remove(region + '/' + old.targetKeyId());
    } else {
      byKey.clear();
    }
    return deleted;
  }

  /** Forgets cached aliases of a deleted key (storage deleted them with the key). */
  void forgetKey(String region, String keyId) {
    cache.values().removeIf(a -> a.region().equals(region) && a.targetKeyId().equals(keyId));
    byKey.remove(region + '/' + keyId);
  }

  void clear() {
    cache.clear();
    byKey.clear();
  }

  private static String cacheKey(String accountId, String region, String aliasName) {
    return accountId + '/' + region + '/' + aliasName;
  }
}

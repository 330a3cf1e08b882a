package io.keywarden.services.kms;

import io.keywarden.domain.crypto.KeyMaterial;
import io.keywarden.domain.key.KeyRecord;
import io.keywarden.domain.key.MaterialVersion;
import io.keywarden.domain.storage.KeyRepository;
import io.keywarden.domain.storage.StaleRecordException;
import io.keywarden.services.kms.access.KeyPolicy;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;

/**
 * The keys in memory, with their material unwrapped, so that the data plane never reads the database:
 * a key is read from storage once (on first use after start), and every change made through this class
 * writes storage first (compare-and-swap), then replaces the cached entry.
 */
public final class KeyRing {
  private static final int MAX_CAS_ATTEMPTS = 8;

  private final KeyRepository keys;
  private final MaterialWrapping wrapping;
  private final ConcurrentHashMap<String, LoadedKey> cache = new ConcurrentHashMap<>();
  private final Object[] writeLocks = new Object[64];

  KeyRing(KeyRepository keys, MaterialWrapping wrapping) {
    this.keys = keys;
    this.wrapping = wrapping;
    for (int i = 0; i < writeLocks.length; i++) {
      writeLocks[i] = new Object();
    }
  }

  /** The key, from memory; from storage on first use. */
  public Optional<LoadedKey> find(String region, String keyId) {
    String k = cacheKey(region, keyId);
    LoadedKey hit = cache.get(k);
    if (hit != null) {
      return Optional.of(hit);
    }
    Optional<KeyRecord> stored = keys.find(region, keyId);
    if (stored.isEmpty()) {
      return Optional.empty();
    }
    LoadedKey loaded = load(stored.get(), null);
    LoadedKey raced = cache.putIfAbsent(k, loaded);
    return Optional.of(raced != null ? raced : loaded);
  }

  /** Stores a new key and caches it. */
  LoadedKey insert(KeyRecord record) {
    keys.insert(record);
    return cacheFresh(record);
  }

  /**
   * Applies {@code change} to the stored record and saves the result with compare-and-swap, retrying
   * on a concurrent change. {@code change} may throw an ApiException to refuse; it must return {@code
   * current.toBuilder()...build()} (one revision up) or {@code current} itself for "no change".
   */
  LoadedKey update(String region, String keyId, UnaryOperator<KeyRecord> change) {
    // Writers on this node take turns per key; compare-and-swap settles races with other nodes.
    synchronized (writeLock(region, keyId)) {
      return compareAndSwap(region, keyId, change);
    }
  }

  private LoadedKey compareAndSwap(String region, String keyId, UnaryOperator<KeyRecord> change) {
    for (int attempt = 1; ; attempt++) {
      KeyRecord current =
          keys.find(region, keyId).orElseThrow(() -> new StaleRecordException("key " + keyId));
      KeyRecord next = change.apply(current);
      if (next == current) {
        return cacheFresh(current);
      }
      try {
        keys.update(next);
      } catch (StaleRecordException e) {
        if (attempt >= MAX_CAS_ATTEMPTS) {
          throw e;
        }
        continue;
      }
      return cacheFresh(next);
    }
  }

  /** Deletes the key (and, in storage, its aliases) and forgets it. */
  void delete(String region, String keyId) {
    keys.delete(region, keyId);
    cache.remove(cacheKey(region, keyId));
  }

  /** Forgets every cached key (after a reset). */
  void clear() {
    cache.clear();
  }

  /** Caches {@code record} unless a newer revision is already cached (updates may finish out of order). */
  private LoadedKey cacheFresh(KeyRecord record) {
    String k = cacheKey(record.region(), record.keyId());
    LoadedKey loaded = load(record, cache.get(k));
    return cache.merge(
        k, loaded, (old, neu) -> old.record().revision() > neu.record().revision() ? old : neu);
  }

  /**
   * Unwraps the record's material versions and parses its policy, reusing what {@code previous}
   * already holds.
   */
  private LoadedKey load(KeyRecord record, LoadedKey previous) {
    Map<String, KeyMaterial> materials = new HashMap<>();
    for (MaterialVersion v : record.materials()) {
      KeyMaterial known = previous == null ? null : previous.materials().get(v.materialId());
      materials.put(
          v.materialId(),
          known != null ? known : wrapping.unwrap(record.keyId(), record.keySpec(), v));
    }
    KeyPolicy policy =
        previous != null && previous.record().policy().equals(record.policy())
            ? previous.policy()
            : KeyPolicy.of(record.policy());
    return new LoadedKey(record, materials, policy);
  }

  private Object writeLock(String region, String keyId) {
    return writeLocks[Math.floorMod(cacheKey(region, keyId).hashCode(), writeLocks.length)];
  }

  private static String cacheKey(String region, String keyId) {
    return region + '/' + keyId;
  }
}

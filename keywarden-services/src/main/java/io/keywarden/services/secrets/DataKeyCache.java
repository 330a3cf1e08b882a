package io.keywarden.services.secrets;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.keywarden.domain.secret.EncryptedSecretValue;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Data keys that KMS unwrapped for secret versions, kept in memory for a short, bounded time (as the
 * AWS Encryption SDK's caching materials manager keeps them: explicit maximum age and size), so that
 * reading a secret again does not ask KMS to decrypt the same data key again (ADR 14).
 *
 * <p>The cache only saves the unwrapping. {@link SecretEnvelope} still asks KMS, on every read and for
 * every caller, whether {@code kms:Decrypt} of that wrapped key would succeed now (a dry run: the key
 * policy, IAM policies, grants, {@code kms:ViaService}, the encryption context, the key's state and
 * material); only when KMS says yes is the cached key used. An entry is used only for the same
 * secret version, the same wrapped key (a version sealed again under another key misses), and the same
 * revision of the KMS key (any change to the key, such as disabling it or changing its policy, misses).
 */
final class DataKeyCache {
  /** How long an unwrapped data key is kept after KMS decrypted it. */
  static final Duration MAX_AGE = Duration.ofMinutes(5);

  /** Entries kept at most; beyond it the cache is emptied. */
  static final int MAX_ENTRIES = 10_000;

  private final LongSupplier nanoTime;
  private final long maxAgeNanos;
  private final ConcurrentHashMap<String, CachedDataKey> entries = new ConcurrentHashMap<>();

  DataKeyCache() {
    this(System::nanoTime, MAX_AGE);
  }

  DataKeyCache(LongSupplier nanoTime, Duration maxAge) {
    this.nanoTime = nanoTime;
    this.maxAgeNanos = maxAge.toNanos();
  }

  /**
   * The cached data key of {@code value} (version {@code versionId} of {@code secretArn}), unwrapped
   * under revision {@code keyRevision} of its KMS key and not older than the maximum age; {@code null}
   * otherwise.
   */
  CachedDataKey find(String secretArn, String versionId, EncryptedSecretValue value, long keyRevision) {
    CachedDataKey hit = entries.get(cacheKey(secretArn, versionId));
    if (hit == null) {
      return null;
    }
    if (nanoTime.getAsLong() - hit.unwrappedAt() >= maxAgeNanos
        || hit.keyRevision() != keyRevision
        || !hit.keyArn().equals(value.keyArn())
        || !Arrays.equals(hit.wrappedKey(), value.encryptedDataKey())) {
      entries.remove(cacheKey(secretArn, versionId), hit);
      return null;
    }
    return hit;
  }

  /**
   * Keeps {@code dataKey} (copied) as the unwrapped key of {@code value}, which KMS decrypted under
   * revision {@code keyRevision} of its key in the call {@code kmsRequestId}; {@code dryRun} is the
   * request that authorises each later use (see {@link CachedDataKey#dryRun}).
   */
  void put(String secretArn, String versionId, EncryptedSecretValue value, long keyRevision,
      byte[] dataKey, String kmsRequestId, ObjectNode dryRun) {
    if (entries.size() >= MAX_ENTRIES) {
      entries.clear();
    }
    entries.put(cacheKey(secretArn, versionId), new CachedDataKey(value.keyArn(),
        value.encryptedDataKey(), keyRevision, dataKey, kmsRequestId, nanoTime.getAsLong(), dryRun));
  }

  /** Forgets every data key (after the storage was wiped). */
  void clear() {
    entries.clear();
  }

  private static String cacheKey(String secretArn, String versionId) {
    return secretArn + '\n' + versionId;
  }
}

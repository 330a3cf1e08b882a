package io.keywarden.services.secrets;

import io.keywarden.domain.secret.SecretRecord;
import io.keywarden.domain.storage.SecretRepository;
import io.keywarden.domain.storage.StaleRecordException;
import io.keywarden.services.api.InlineAttempt;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * The secrets in memory, decoded, in front of the repository, so that a read (GetSecretValue,
 * BatchGetSecretValue, DescribeSecret) neither reads nor decodes the stored document each time (ADR
 * 14).
 *
 * <p>Writes go through: a {@code put} stores first, then caches the record; a {@code delete} deletes,
 * then forgets it. A cached record is replaced only by a newer revision (writes may finish out of
 * order). Changes made elsewhere (another node on the same database, or another process) are seen
 * when an entry is older than {@link #MAX_AGE}: it is then read again from storage. A write that finds
 * a newer revision in storage ({@link StaleRecordException}) forgets the entry, so that the caller's
 * retry reads the current one at once. Lookups that find nothing are not cached; listings always
 * read storage. Every storage access first calls {@link InlineAttempt#mayBlock}, so that a read served
 * from memory can run on an I/O thread and one that is not moves to the blocking pool.
 */
final class SecretRecordCache implements SecretRepository {
  /** How long a cached secret is served before it is read from storage again. */
  static final Duration MAX_AGE = Duration.ofSeconds(1);

  /** Entries kept at most; beyond it the cache is emptied and refills from storage. */
  private static final int MAX_ENTRIES = 50_000;

  private final SecretRepository storage;
  private final LongSupplier nanoTime;
  private final long maxAgeNanos;
  /** By ARN. */
  private final ConcurrentHashMap<String, Entry> byArn = new ConcurrentHashMap<>();
  /** ARN by account, region and name. */
  private final ConcurrentHashMap<String, String> arnByName = new ConcurrentHashMap<>();

  /** A cached record and when it was read or written ({@link System#nanoTime}). */
  private record Entry(SecretRecord record, long at) {}

  SecretRecordCache(SecretRepository storage) {
    this(storage, System::nanoTime, MAX_AGE);
  }

  SecretRecordCache(SecretRepository storage, LongSupplier nanoTime, Duration maxAge) {
    this.storage = storage;
    this.nanoTime = nanoTime;
    this.maxAgeNanos = maxAge.toNanos();
  }

  @Override
  public Optional<SecretRecord> find(String arn) {
    Entry e = byArn.get(arn);
    if (e != null && fresh(e)) {
      return Optional.of(e.record());
    }
    InlineAttempt.mayBlock();
    return load(storage.find(arn), arn);
  }

  @Override
  public Optional<SecretRecord> findByName(String accountId, String region, String name) {
    String arn = arnByName.get(nameKey(accountId, region, name));
    if (arn != null) {
      Entry e = byArn.get(arn);
      if (e != null && fresh(e) && e.record().name().equals(name)) {
        return Optional.of(e.record());
      }
    }
    InlineAttempt.mayBlock();
    return load(storage.findByName(accountId, region, name), arn);
  }

  @Override
  public void put(SecretRecord secret) {
    InlineAttempt.mayBlock();
    try {
      storage.put(secret);
    } catch (StaleRecordException e) {
      forget(secret.arn());
      throw e;
    }
    remember(secret);
  }

  @Override
  public boolean delete(String arn) {
    InlineAttempt.mayBlock();
    try {
      return storage.delete(arn);
    } finally {
      forget(arn);
    }
  }

  @Override
  public List<SecretRecord> list(String accountId, String region) {
    InlineAttempt.mayBlock();
    return storage.list(accountId, region);
  }

  @Override
  public List<SecretRecord> markedForDeletion() {
    InlineAttempt.mayBlock();
    return storage.markedForDeletion();
  }

  @Override
  public List<SecretRecord> listWithRotation() {
    InlineAttempt.mayBlock();
    return storage.listWithRotation();
  }

  /** Forgets every cached secret (after the storage was wiped). */
  void clear() {
    byArn.clear();
    arnByName.clear();
  }

  private Optional<SecretRecord> load(Optional<SecretRecord> stored, String staleArn) {
    if (stored.isEmpty()) {
      if (staleArn != null) {
        forget(staleArn);
      }
      return stored;
    }
    return Optional.of(remember(stored.get()));
  }

  /** Caches {@code r} unless a newer revision is cached; the record cached. */
  private SecretRecord remember(SecretRecord r) {
    if (byArn.size() >= MAX_ENTRIES) {
      clear();
    }
    Entry fresh = new Entry(r, nanoTime.getAsLong());
    Entry kept =
        byArn.merge(r.arn(), fresh, (old, neu) -> old.record().revision() > neu.record().revision() ? old : neu);
    arnByName.put(nameKey(r.accountId(), r.region(), r.name()), r.arn());
    return kept.record();
  }

  private void forget(String arn) {
    Entry e = byArn.remove(arn);
    if (e != null) {
      SecretRecord r = e.record();
      arnByName.remove(nameKey(r.accountId(), r.region(), r.name()), arn);
    }
  }

  private boolean fresh(Entry e) {
    return nanoTime.getAsLong() - e.at() < maxAgeNanos;
  }

  private static String nameKey(String accountId, String region, String name) {
    return accountId + '/' + region + '/' + name;
  }
}

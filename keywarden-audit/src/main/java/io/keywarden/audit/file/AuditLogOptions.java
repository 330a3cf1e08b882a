package io.keywarden.audit.file;

import java.time.Duration;
import java.util.Objects;

/**
 * How the log writes.
 *
 * @param digestInterval a signed digest at least this often, also when idle (and so the verifier knows
 *     when the next one is due)
 * @param digestEveryRecords and at least every this many records
 * @param segmentMaxBytes start a new segment file (after the next digest) beyond this size
 * @param retention delete whole segments whose every record is older than this; {@code null}: keep all
 * @param recoveryBackoff after a write or fsync failure, refuse appends for this long before trying to
 *     recover the file
 * @param preallocateBytes keep up to this many bytes ahead of the active segment's end written with
 *     zeros and synced, so that an append's {@code fdatasync} need not commit a new file size (ADR 6,
 *     "Preallocation"); {@code 0}: append to the end of the file
 * @param commitDelay when appends came while the last batch was being written (concurrent callers), the
 *     writer waits until the next batch's first record is this old (or the batch is large) before writing
 *     and syncing it, so that one fsync covers more calls (ADR 6, "Commit delay"); a lone caller is never
 *     delayed; {@link Duration#ZERO}: never wait
 */
public record AuditLogOptions(
    Duration digestInterval,
    long digestEveryRecords,
    long segmentMaxBytes,
    Duration retention,
    Duration recoveryBackoff,
    long preallocateBytes,
    Duration commitDelay) {

  public AuditLogOptions {
    Objects.requireNonNull(digestInterval, "digestInterval");
    Objects.requireNonNull(recoveryBackoff, "recoveryBackoff");
    Objects.requireNonNull(commitDelay, "commitDelay");
    if (commitDelay.isNegative() || commitDelay.compareTo(Duration.ofMillis(10)) > 0) {
      throw new IllegalArgumentException("commitDelay between 0 and 10 ms");
    }
    if (digestInterval.toSeconds() < 1 || digestEveryRecords < 1 || segmentMaxBytes < 1) {
      throw new IllegalArgumentException("digest interval >= 1 s, and counts and sizes >= 1");
    }
    if (preallocateBytes < 0) {
      throw new IllegalArgumentException("preallocateBytes >= 0");
    }
    if (retention != null && (retention.isNegative() || retention.isZero())) {
      throw new IllegalArgumentException("retention must be positive (or null to keep everything)");
    }
  }

  /**
   * The commit delay by default: two to three fsyncs of the benchmark machine's disk; better than 0 and
   * than 400 µs in interleaved runs (docs/PERFORMANCE.md, "Latest full run").
   */
  public static final Duration DEFAULT_COMMIT_DELAY = Duration.ofNanos(200_000);

  /**
   * A digest every minute or 100,000 records, 64 MiB segments, everything kept, 16 MiB preallocated,
   * {@link #DEFAULT_COMMIT_DELAY}.
   */
  public static AuditLogOptions defaults() {
    return new AuditLogOptions(Duration.ofMinutes(1), 100_000, 64L << 20, null, Duration.ofSeconds(1),
        16L << 20, DEFAULT_COMMIT_DELAY);
  }

  public AuditLogOptions withDigestInterval(Duration d) {
    return new AuditLogOptions(d, digestEveryRecords, segmentMaxBytes, retention,
        recoveryBackoff, preallocateBytes, commitDelay);
  }

  public AuditLogOptions withDigestEveryRecords(long n) {
    return new AuditLogOptions(digestInterval, n, segmentMaxBytes, retention,
        recoveryBackoff, preallocateBytes, commitDelay);
  }

  public AuditLogOptions withSegmentMaxBytes(long n) {
    return new AuditLogOptions(digestInterval, digestEveryRecords, n, retention,
        recoveryBackoff, preallocateBytes, commitDelay);
  }

  public AuditLogOptions withRetention(Duration r) {
    return new AuditLogOptions(digestInterval, digestEveryRecords, segmentMaxBytes, r,
        recoveryBackoff, preallocateBytes, commitDelay);
  }

  public AuditLogOptions withRecoveryBackoff(Duration d) {
    return new AuditLogOptions(digestInterval, digestEveryRecords, segmentMaxBytes, retention, d,
        preallocateBytes, commitDelay);
  }

  public AuditLogOptions withPreallocateBytes(long n) {
    return new AuditLogOptions(digestInterval, digestEveryRecords, segmentMaxBytes, retention,
        recoveryBackoff, n, commitDelay);
  }

  public AuditLogOptions withCommitDelay(Duration d) {
    return new AuditLogOptions(digestInterval, digestEveryRecords, segmentMaxBytes, retention,
        recoveryBackoff, preallocateBytes, d);
  }
}

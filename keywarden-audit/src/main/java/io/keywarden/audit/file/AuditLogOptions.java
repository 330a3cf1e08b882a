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
 */
public record AuditLogOptions(
    Duration digestInterval,
    long digestEveryRecords,
    long segmentMaxBytes,
    Duration retention,
    Duration recoveryBackoff,
    long preallocateBytes) {

  public AuditLogOptions {
    Objects.requireNonNull(digestInterval, "digestInterval");
    Objects.requireNonNull(recoveryBackoff, "recoveryBackoff");
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

  /** A digest every minute or 100,000 records, 64 MiB segments, everything kept, 16 MiB preallocated. */
  public static AuditLogOptions defaults() {
    return new AuditLogOptions(Duration.ofMinutes(1), 100_000, 64L << 20, null, Duration.ofSeconds(1),
        16L << 20);
  }

  public AuditLogOptions withDigestInterval(Duration d) {
    return new AuditLogOptions(d, digestEveryRecords, segmentMaxBytes, retention,
        recoveryBackoff, preallocateBytes);
  }

  public AuditLogOptions withDigestEveryRecords(long n) {
    return new AuditLogOptions(digestInterval, n, segmentMaxBytes, retention,
        recoveryBackoff, preallocateBytes);
  }

  public AuditLogOptions withSegmentMaxBytes(long n) {
    return new AuditLogOptions(digestInterval, digestEveryRecords, n, retention,
        recoveryBackoff, preallocateBytes);
  }

  public AuditLogOptions withRetention(Duration r) {
    return new AuditLogOptions(digestInterval, digestEveryRecords, segmentMaxBytes, r,
        recoveryBackoff, preallocateBytes);
  }

  public AuditLogOptions withRecoveryBackoff(Duration d) {
    return new AuditLogOptions(digestInterval, digestEveryRecords, segmentMaxBytes, retention, d,
        preallocateBytes);
  }

  public AuditLogOptions withPreallocateBytes(long n) {
    return new AuditLogOptions(digestInterval, digestEveryRecords, segmentMaxBytes, retention,
        recoveryBackoff, n);
  }
}

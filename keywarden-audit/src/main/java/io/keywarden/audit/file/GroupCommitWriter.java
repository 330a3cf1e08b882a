package io.keywarden.audit.file;

import io.keywarden.audit.format.AuditRecord;
import io.keywarden.audit.format.DigestRecord;
import io.keywarden.audit.format.EventRecord;
import io.keywarden.audit.format.MalformedRecordException;
import io.keywarden.audit.format.RecordCodec;
import io.keywarden.audit.format.Segment;
import io.keywarden.audit.format.SegmentLines;
import io.keywarden.audit.signing.DigestSigner;
import io.keywarden.audit.signing.DigestSigning;
import io.keywarden.domain.audit.AuditEvent;
import io.keywarden.domain.audit.AuditUnavailableException;
import java.io.IOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Group commit. Appenders encode their own record into the batch being filled, chained onto the record
 * before it, on their own thread ({@link #append}); the single writer thread takes that batch whole,
 * adds a signed digest when one is due, makes it durable with one write — a direct {@code O_DSYNC} write
 * on a preallocated segment ({@link DirectAppender}), else one {@code write} and one {@code force} — and
 * only then completes the appends' futures, on this thread (what callers chain onto them must be quick or run
 * on its own executor). While a batch's fsync runs, the next one fills: the writer's cycle is the write
 * and the fsync, and an append arriving during an fsync is written as soon as it ends (docs/PERFORMANCE.md,
 * issue 5). The appenders wake the writer only when it waits for work.
 *
 * <p>Fail-closed: if a write or fsync fails, the batch's futures fail, and so do those of the batch being
 * filled (its records were chained onto the failed ones), and every append for {@code recoveryBackoff};
 * the chain goes back to the last durable record. Then the next batch first recovers the file (reopen,
 * truncate to the last durable length, fsync) and is written only if that works. The sequence numbers of
 * failed records are reused: they were never acknowledged, and truncation removed them.
 */
final class GroupCommitWriter implements Runnable {
  private static final Logger LOG = System.getLogger(GroupCommitWriter.class.getName());
  /** A batch this large is written at once, without waiting out the commit delay. */
  private static final int LINGER_ENOUGH = 8;
  private static final Duration SIGNER_RETRY = Duration.ofSeconds(1);
  private static final Duration RETENTION_CHECK = Duration.ofMinutes(1);

  private final Path dir;
  private final AuditLogOptions options;
  private final Clock clock;
  private final DigestSigning signing;
  private final SegmentChannels channels;
  private final SegmentIndex index;
  /** {@code null} when preallocation is off. */
  private final Preallocator prealloc;

  private final ReentrantLock lock = new ReentrantLock();
  private final Condition work = lock.newCondition();
  // Guarded by lock: the chain as encoded so far, and the batch being filled.
  private final ChainState state;
  private LineBuffer filling = new LineBuffer();
  private List<CompletableFuture<Void>> fillingDone = new ArrayList<>();
  private Instant fillingMin;
  private Instant fillingMax;
  private boolean writerWaiting;
  private boolean lingering;
  /** When the batch being filled got its first record ({@link System#nanoTime()}). */
  private long fillingSince;
  /** Appends in the batch last taken. */
  private int lastBatchAppends;
  /** Whether the active segment is written with direct durable writes (for tests). */
  private volatile boolean writesDirectly;
  /** Batches of appends written (for tests). */
  private volatile long batches;
  private boolean stopRequested;
  private volatile boolean healthy = true;
  private volatile Instant failedAt;
  private volatile Throwable lastFailure;

  // Writer-confined.
  private ChainState durable;
  private LineBuffer free = new LineBuffer();
  private List<CompletableFuture<Void>> freeDone = new ArrayList<>();
  private FileChannel channel;
  /** The active segment opened for direct durable writes; {@code null}: write, then fdatasync. */
  private DirectAppender direct;
  private SegmentIndex.Entry active;
  private long size;
  private boolean directUnavailableLogged;
  private Instant nextDigestAttempt;
  private Instant nextRetentionCheck;

  GroupCommitWriter(Path dir, AuditLogOptions options, Clock clock, DigestSigning signing,
      SegmentChannels channels, SegmentIndex index, ChainState state) throws IOException {
    this.dir = dir;
    this.options = options;
    this.clock = clock;
    this.signing = signing;
    this.channels = channels;
    this.index = index;
    this.state = state;
    this.durable = state.copy();
    this.active = index.newest();
    this.size = active.readable();
    this.channel = channels.openForWrite(active.segment.path());
    this.prealloc = options.preallocateBytes() == 0
        ? null : new Preallocator(dir, channels, options.preallocateBytes(), options.segmentMaxBytes());
    if (prealloc != null) {
      prealloc.use(channel, size);
      this.direct = openDirect(active.segment.path(), size);
    }
    Instant now = clock.instant();
    this.nextDigestAttempt =
        state.lastDigestTime == null || state.uncleanStop ? now : state.lastDigestTime.plus(options.digestInterval());
    this.nextRetentionCheck = now;
  }

  /**
   * Encodes {@code event} into the batch being filled; {@code done} completes once it is durable, or
   * fails with {@link AuditUnavailableException}.
   */
  void append(AuditEvent event, CompletableFuture<Void> done) {
    if (!isJsonObject(event)) { // also encodes a record given as text, outside the lock
      done.completeExceptionally(new AuditUnavailableException("an audit event must be a JSON object", null));
      return;
    }
    Throwable refused = null;
    lock.lock();
    try {
      if (stopRequested) {
        refused = new IllegalStateException("the audit log is closed");
      } else if (!healthy && clock.instant().isBefore(failedAt.plus(options.recoveryBackoff()))) {
        refused = lastFailure;
      } else {
        long seq = state.nextSeq;
        state.lastHash = filling.addEvent(seq, state.lastHash, event.eventTime(), event.eventId(), event);
        state.nextSeq = seq + 1;
        state.recordsSinceDigest++;
        if (fillingDone.isEmpty()) {
          fillingSince = System.nanoTime();
        }
        fillingDone.add(done);
        Instant t = event.eventTime();
        if (fillingMin == null || t.isBefore(fillingMin)) {
          fillingMin = t;
        }
        if (fillingMax == null || t.isAfter(fillingMax)) {
          fillingMax = t;
        }
        if (writerWaiting) {
          writerWaiting = false;
          work.signal();
        } else if (lingering && fillingDone.size() >= LINGER_ENOUGH) {
          lingering = false;
          work.signal();
        }
      }
    } finally {
      lock.unlock();
    }
    if (refused != null) {
      fail(List.of(done), refused);
    }
  }

  /** How many batches of appends were written so far (tests: group commit shares one fsync among calls). */
  long batchesWritten() {
    return batches;
  }

  /** Whether appends are written with direct durable writes rather than write and fdatasync (tests). */
  boolean writesDirectly() {
    return writesDirectly;
  }

  /** Asks the writer to write what is pending and a final digest, then stop. */
  void stop() {
    lock.lock();
    try {
      stopRequested = true;
      work.signal();
    } finally {
      lock.unlock();
    }
  }

  /** One batch taken from the appenders, with its digest if one was due. */
  private static final class Batch {
    LineBuffer lines;
    List<CompletableFuture<Void>> done;
    TimeRange times = TimeRange.EMPTY;
    DigestRecord digest;
    String digestHash;
    RetentionPlan retention;
    boolean closing;
    ChainState chain;
  }

  @Override
  public void run() {
    if (prealloc != null) {
      prealloc.start();
    }
    boolean stop = false;
    while (!stop) {
      Batch batch = new Batch();
      try {
        take(batch);
        stop = batch.closing;
        cycle(batch);
      } catch (RuntimeException e) { // a bug: never leave a caller waiting
        LOG.log(Level.ERROR, "audit writer failed", e);
        failed(batch, e);
      }
    }
    finish();
  }

  /**
   * Waits for appends (or a due digest, or the stop), then takes the filled batch and, when one is due,
   * chains a signed digest after it, all under the lock: the next batch's records chain onto it.
   */
  private void take(Batch b) {
    Instant now = clock.instant();
    RetentionPlan retention = planRetention(now);
    lock.lock();
    try {
      // Appends that came while the last batch was written, or a last batch of several: callers are
      // concurrent, so waiting for more can pay. A lone caller cannot append while its own record is
      // being written, and its batches hold one record.
      boolean concurrent = !fillingDone.isEmpty() || lastBatchAppends > 1;
      while (fillingDone.isEmpty() && !stopRequested && retention == null
          && (now.isBefore(nextDigestAttempt) || !healthy && !recoveryDue(now))) {
        writerWaiting = true;
        try {
          work.await(waitMillis(now), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          stopRequested = true;
        }
        writerWaiting = false;
        now = clock.instant();
      }
      if (concurrent) {
        linger();
      }
      b.closing = stopRequested;
      b.lines = filling;
      b.done = fillingDone;
      lastBatchAppends = fillingDone.size();
      if (fillingMin != null) {
        b.times = new TimeRange(fillingMin, fillingMax);
      }
      filling = free != null ? free : new LineBuffer();
      fillingDone = freeDone != null ? freeDone : new ArrayList<>();
      fillingMin = null;
      fillingMax = null;
      free = null;
      freeDone = null;
      if (healthy || recoveryDue(now)) {
        digestIfDue(b, now, retention);
      }
      b.chain = state.copy();
    } finally {
      lock.unlock();
    }
  }

  /**
   * Group commit's delay (ADR 6, "Commit delay"), used only when callers are concurrent (appends came
   * while the last batch was written, or it held several): waits until the batch's first record is as
   * old as the commit delay, or the batch has {@value #LINGER_ENOUGH} records, so that one {@code write}
   * and {@code force} cover several calls instead of one or two. Called under the lock, which the wait
   * releases.
   */
  private void linger() {
    long delay = options.commitDelay().toNanos();
    if (delay == 0 || fillingDone.isEmpty()) {
      return;
    }
    lingering = true;
    long rem;
    while (lingering && !stopRequested && fillingDone.size() < LINGER_ENOUGH
        && (rem = fillingSince + delay - System.nanoTime()) > 0) {
      try {
        work.awaitNanos(rem);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        stopRequested = true;
      }
    }
    lingering = false;
  }

  private boolean recoveryDue(Instant now) {
    return !now.isBefore(failedAt.plus(options.recoveryBackoff()));
  }

  /** Under the lock: appends a signed digest to the batch if one is due. */
  private void digestIfDue(Batch b, Instant now, RetentionPlan retention) {
    boolean due = b.closing || retention != null || !now.isBefore(nextDigestAttempt)
        || state.recordsSinceDigest >= options.digestEveryRecords()
        || size + b.lines.size() >= options.segmentMaxBytes();
    if (!due) {
      return;
    }
    Optional<DigestSigner> signer = signer();
    if (signer.isEmpty()) {
      nextDigestAttempt = now.plus(SIGNER_RETRY);
      return;
    }
    long chainStart = state.chainStart;
    String chainStartPrev = state.chainStartPrev;
    if (retention != null) {
      chainStart = retention.chainStart >= 0 ? retention.chainStart : durable.nextSeq;
      chainStartPrev = retention.chainStart >= 0 ? retention.chainStartPrev : durable.lastHash;
    }
    DigestRecord unsigned = new DigestRecord(state.nextSeq, state.lastHash, now, state.digestFrom(),
        state.lastDigestHash, chainStart, chainStartPrev, options.digestInterval().toSeconds(), b.closing,
        state.uncleanStop, signer.get().keyId(), "");
    DigestRecord digest = unsigned.withSignature(
        Base64.getEncoder().encodeToString(signer.get().sign(unsigned.signedBytes())));
    String hash = b.lines.add(digest);
    state.nextSeq++;
    state.lastHash = hash;
    state.digested(digest, hash);
    b.digest = digest;
    b.digestHash = hash;
    b.retention = retention;
    b.times = b.times.with(now);
    nextDigestAttempt = now.plus(options.digestInterval());
  }

  /** Cuts the preallocated tail, so that a stopped log's files end at their data, and closes. */
  private void finish() {
    if (prealloc != null) {
      prealloc.detach();
    }
    if (channel != null) {
      try {
        channel.truncate(size);
        channel.force(true);
      } catch (IOException e) {
        LOG.log(Level.WARNING, "audit log: cannot cut the preallocated tail (readers skip it): " + e.getMessage());
      }
    }
    closeChannel();
    if (prealloc != null) {
      prealloc.stop();
    }
  }

  /**
   * The active segment opened for direct durable writes at its data end, or {@code null} where the file
   * system cannot (then: write, and fdatasync).
   */
  private DirectAppender openDirect(Path path, long end) throws IOException {
    DirectAppender d = DirectAppender.open(channels, path, end);
    writesDirectly = d != null;
    if (d == null && !directUnavailableLogged) {
      directUnavailableLogged = true;
      LOG.log(Level.INFO, "audit log: no direct I/O on " + dir + "; writing through the page cache");
    }
    return d;
  }

  private long waitMillis(Instant now) {
    Instant until = healthy ? nextDigestAttempt : failedAt.plus(options.recoveryBackoff());
    long ms = Duration.between(now, until).toMillis();
    return Math.max(1, Math.min(ms, 1000));
  }

  /** Writes and syncs a taken batch, then completes its appends; recovers first after a failure. */
  private void cycle(Batch b) {
    Instant now = clock.instant();
    if (!healthy && (!recoveryDue(now) || !recover())) {
      failed(b, lastFailure);
      return;
    }
    if (b.lines.size() > 0) {
      try {
        ByteBuffer bytes = b.lines.asByteBuffer();
        if (direct != null) {
          ByteBuffer blocks = direct.prepare(bytes, size);
          long at = direct.preparedAt();
          prealloc.write(channel, at + blocks.remaining(), () -> direct.write(blocks, at));
          direct.written(size + b.lines.size());
        } else if (prealloc != null) {
          prealloc.write(channel, bytes, size);
          channel.force(false);
        } else {
          SegmentChannels.writeFully(channel, bytes, size);
          channel.force(false);
        }
      } catch (IOException | RuntimeException e) {
        failed(b, e);
        return;
      }
      size += b.lines.size();
      if (prealloc != null) {
        prealloc.written(size);
      }
      active.extend(b.times);
      active.setReadable(size);
    }
    durable = b.chain;
    if (!b.done.isEmpty()) {
      batches++;
    }
    complete(b.done);
    recycle(b);
    if (b.digest != null) {
      if (b.retention != null) {
        applyRetention(b.retention);
      }
      if (size >= options.segmentMaxBytes() && !b.closing) {
        roll(now);
      }
    }
  }

  /** The batch's buffers back to the writer, for the batch after next. */
  private void recycle(Batch b) {
    b.lines.reset();
    b.done.clear();
    free = b.lines;
    freeDone = b.done;
  }

  /**
   * A batch failed: its appends fail, and so do those of the batch being filled (chained onto it); the
   * chain goes back to the last durable record, and appends are refused for the recovery back-off.
   */
  private void failed(Batch b, Throwable cause) {
    List<CompletableFuture<Void>> chainedOnto;
    lock.lock();
    try {
      if (healthy) {
        LOG.log(Level.ERROR, "audit log: write failed; refusing calls until it recovers: " + cause);
      }
      failedAt = clock.instant();
      lastFailure = cause;
      healthy = false;
      state.set(durable);
      if (b.digest != null) {
        nextDigestAttempt = failedAt; // the digest was not written: due again
      }
      chainedOnto = new ArrayList<>(fillingDone);
      fillingDone.clear();
      filling.reset();
      fillingMin = null;
      fillingMax = null;
    } finally {
      lock.unlock();
    }
    if (b.done != null) {
      fail(b.done, cause);
      if (free == null) {
        recycle(b);
      }
    }
    fail(chainedOnto, cause);
  }

  private Optional<DigestSigner> signer() {
    try {
      return signing.signer();
    } catch (RuntimeException e) {
      LOG.log(Level.ERROR, "audit log: cannot sign digests: " + e.getMessage(), e);
      return Optional.empty();
    }
  }

  private static boolean isJsonObject(AuditEvent event) {
    int n = event.utf8Length();
    return n >= 2 && event.utf8At(0) == '{' && event.utf8At(n - 1) == '}';
  }

  /** Retention: which oldest segments to delete, and where the retained chain then starts. */
  private record RetentionPlan(List<SegmentIndex.Entry> delete, long chainStart, String chainStartPrev) {}

  private RetentionPlan planRetention(Instant now) {
    if (options.retention() == null || now.isBefore(nextRetentionCheck)) {
      return null;
    }
    nextRetentionCheck = now.plus(RETENTION_CHECK);
    Instant cutoff = now.minus(options.retention());
    List<SegmentIndex.Entry> all = index.snapshot();
    List<SegmentIndex.Entry> delete = new ArrayList<>();
    try {
      for (SegmentIndex.Entry e : all.subList(0, all.size() - 1)) {
        TimeRange b = e.bounds();
        if (!b.isEmpty() && !b.max().isBefore(cutoff)) {
          break;
        }
        delete.add(e);
      }
      if (delete.isEmpty()) {
        return null;
      }
      SegmentIndex.Entry firstKept = all.get(delete.size());
      if (firstKept == active && size == 0) {
        return new RetentionPlan(delete, -1, null); // the chain restarts with this batch's first line
      }
      AuditRecord first = firstRecord(firstKept.segment.path());
      return new RetentionPlan(delete, first.seq(), first.prev());
    } catch (IOException | MalformedRecordException e) {
      LOG.log(Level.WARNING, "audit log: retention postponed: " + e.getMessage());
      return null;
    }
  }

  private static AuditRecord firstRecord(Path file) throws IOException, MalformedRecordException {
    byte[][] first = {null};
    SegmentLines.forward(file, Long.MAX_VALUE, line -> {
      first[0] = line.bytes();
      return false;
    });
    if (first[0] == null) {
      throw new MalformedRecordException("empty segment " + file);
    }
    return RecordCodec.parse(new String(first[0], StandardCharsets.UTF_8));
  }

  /** After the digest that records the new chain start is durable: delete, oldest first. */
  private void applyRetention(RetentionPlan plan) {
    try {
      for (SegmentIndex.Entry e : plan.delete) {
        index.remove(e);
        Files.deleteIfExists(e.segment.path());
      }
      AtomicFiles.syncDirectory(dir);
    } catch (IOException e) {
      LOG.log(Level.WARNING, "audit log: retention could not delete every segment: " + e.getMessage());
    }
  }

  /**
   * Starts a new segment; called right after a digest, so every closed segment ends with one. The closed
   * segment is cut at its data end first (closed segments have no preallocated tail); the new one is the
   * preallocated spare when it is ready.
   */
  private void roll(Instant now) {
    Segment next = Segment.in(dir, state.nextSeq);
    boolean spare = false;
    try {
      if (prealloc != null) {
        prealloc.detach();
      }
      channel.truncate(size);
      channel.force(true);
      spare = prealloc != null && prealloc.takeSpare(next.path());
      FileChannel ch = channels.openForWrite(next.path());
      if (!spare) {
        ch.truncate(0);
        ch.force(true);
      }
      AtomicFiles.syncDirectory(dir);
      closeChannel();
      channel = ch;
      size = 0;
      active = new SegmentIndex.Entry(next, TimeRange.EMPTY, 0);
      index.add(active);
      if (prealloc != null) {
        prealloc.use(ch, 0);
        direct = openDirect(next.path(), 0);
      }
    } catch (IOException e) {
      if (spare) {
        deleteQuietly(next.path()); // zeros: not a segment of this log
      }
      markFailed(now, e);
    }
  }

  private static void deleteQuietly(Path file) {
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      LOG.log(Level.DEBUG, "audit log: removing " + file, e);
    }
  }

  private boolean recover() {
    if (prealloc != null) {
      prealloc.detach();
    }
    closeChannel();
    try {
      FileChannel ch = channels.openForWrite(active.segment.path());
      if (ch.size() < size) {
        ch.close();
        throw new IOException("the active segment is shorter than its durable length: " + active.segment.path());
      }
      ch.truncate(size);
      ch.force(true);
      channel = ch;
      if (prealloc != null) {
        prealloc.use(ch, size);
        direct = openDirect(active.segment.path(), size);
      }
      healthy = true;
      LOG.log(Level.WARNING, "audit log: recovered after a write failure; appending again");
      return true;
    } catch (IOException | RuntimeException e) {
      failedAt = clock.instant();
      lastFailure = e;
      return false;
    }
  }

  private void markFailed(Instant now, Throwable e) {
    if (healthy) {
      LOG.log(Level.ERROR, "audit log: write failed; refusing calls until it recovers: " + e);
    }
    failedAt = now;
    lastFailure = e;
    healthy = false;
  }

  /**
   * Completes the batch's futures here, on the writer thread: a separate completer thread cost one
   * more wake-up per batch (docs/PERFORMANCE.md, issue 5). What callers chain onto the futures must
   * therefore be quick or move to its own executor ({@code whenCompleteAsync}); one caller's failing
   * dependant never stops the others' completion.
   */
  private static void complete(List<CompletableFuture<Void>> done) {
    for (CompletableFuture<Void> f : done) {
      try {
        f.complete(null);
      } catch (RuntimeException e) { // e.g. an async dependant's executor that has shut down
        LOG.log(Level.DEBUG, "completing an audit append", e);
      }
    }
  }

  static void fail(List<CompletableFuture<Void>> done, Throwable cause) {
    for (CompletableFuture<Void> f : done) {
      try {
        f.completeExceptionally(new AuditUnavailableException("the audit log cannot record this call", cause));
      } catch (RuntimeException e) {
        LOG.log(Level.DEBUG, "failing an audit append", e);
      }
    }
  }

  private void closeChannel() {
    closeQuietly(direct);
    direct = null;
    closeQuietly(channel);
    channel = null;
  }

  private static void closeQuietly(AutoCloseable c) {
    if (c != null) {
      try {
        c.close();
      } catch (Exception e) {
        LOG.log(Level.DEBUG, "closing an audit segment", e);
      }
    }
  }
}

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
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The log's single writer thread. Each cycle takes every pending append (up to {@code maxBatch}),
 * encodes them as chained lines, adds a signed digest when one is due, writes the batch with one
 * {@code write} and one {@code force}, and only then completes the appends' futures, on this thread
 * (what callers chain onto them must be quick or run on its own executor).
 *
 * <p>Fail-closed: if a write or fsync fails, the batch's futures fail, and so does every append for
 * {@code recoveryBackoff}; then the next batch first recovers the file (reopen, truncate to the last
 * durable length, fsync) and proceeds only if that works. The sequence numbers of failed records are
 * reused: they were never acknowledged, and truncation removed them.
 */
final class GroupCommitWriter implements Runnable {
  private static final Logger LOG = System.getLogger(GroupCommitWriter.class.getName());
  private static final Duration SIGNER_RETRY = Duration.ofSeconds(1);
  private static final Duration RETENTION_CHECK = Duration.ofMinutes(1);

  private final Path dir;
  private final AuditLogOptions options;
  private final Clock clock;
  private final DigestSigning signing;
  private final SegmentChannels channels;
  private final SegmentIndex index;
  private final BlockingQueue<PendingAppend> queue;
  private final ChainState state;
  private final LineBuffer buf = new LineBuffer();
  /** {@code null} when preallocation is off. */
  private final Preallocator prealloc;

  private FileChannel channel;
  private SegmentIndex.Entry active;
  private long size;
  private boolean healthy = true;
  private Instant failedAt;
  private Throwable lastFailure;
  private Instant nextDigestAttempt;
  private Instant nextRetentionCheck;

  GroupCommitWriter(Path dir, AuditLogOptions options, Clock clock, DigestSigning signing,
      SegmentChannels channels, SegmentIndex index, ChainState state,
      BlockingQueue<PendingAppend> queue) throws IOException {
    this.dir = dir;
    this.options = options;
    this.clock = clock;
    this.signing = signing;
    this.channels = channels;
    this.index = index;
    this.state = state;
    this.queue = queue;
    this.active = index.newest();
    this.size = active.readable();
    this.channel = channels.openForWrite(active.segment.path());
    this.prealloc = options.preallocateBytes() == 0
        ? null : new Preallocator(dir, channels, options.preallocateBytes(), options.segmentMaxBytes());
    if (prealloc != null) {
      prealloc.use(channel, size);
    }
    Instant now = clock.instant();
    this.nextDigestAttempt =
        state.lastDigestTime == null || state.uncleanStop ? now : state.lastDigestTime.plus(options.digestInterval());
    this.nextRetentionCheck = now;
  }

  @Override
  public void run() {
    if (prealloc != null) {
      prealloc.start();
    }
    List<PendingAppend> batch = new ArrayList<>();
    boolean stop = false;
    while (!stop) {
      batch.clear();
      PendingAppend first;
      try {
        first = queue.poll(waitMillis(), TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        first = PendingAppend.STOP;
      }
      if (first != null) {
        batch.add(first);
        queue.drainTo(batch, options.maxBatch() - 1);
      }
      stop = batch.remove(PendingAppend.STOP);
      try {
        cycle(batch, stop);
      } catch (RuntimeException e) { // a bug: never leave a caller waiting
        LOG.log(Level.ERROR, "audit writer failed", e);
        markFailed(clock.instant(), e);
        fail(batch.stream().map(PendingAppend::done).toList(), e);
      }
    }
    finish();
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

  private long waitMillis() {
    long ms = Duration.between(clock.instant(), nextDigestAttempt).toMillis();
    return Math.max(1, Math.min(ms, 1000));
  }

  private void cycle(List<PendingAppend> batch, boolean closing) {
    Instant now = clock.instant();
    if (!healthy && (now.isBefore(failedAt.plus(options.recoveryBackoff())) || !recover())) {
      if (!healthy && !batch.isEmpty()) {
        fail(batch.stream().map(PendingAppend::done).toList(), lastFailure);
      }
      return;
    }
    buf.reset();
    long seq = state.nextSeq;
    String prev = state.lastHash;
    TimeRange times = TimeRange.EMPTY;
    List<CompletableFuture<Void>> accepted = new ArrayList<>(batch.size());
    for (PendingAppend p : batch) {
      AuditEvent e = p.event();
      if (!isJsonObject(e.json())) {
        p.done().completeExceptionally(new AuditUnavailableException("an audit event must be a JSON object", null));
        continue;
      }
      prev = buf.add(new EventRecord(seq++, prev, e.eventTime(), e.eventId(), e.json()));
      times = times.with(e.eventTime());
      accepted.add(p.done());
    }
    long events = accepted.size();

    RetentionPlan retention = planRetention(now);
    DigestRecord digest = null;
    String digestHash = null;
    boolean due = closing || retention != null || !now.isBefore(nextDigestAttempt)
        || state.recordsSinceDigest + events >= options.digestEveryRecords()
        || size + buf.size() >= options.segmentMaxBytes();
    if (due) {
      Optional<DigestSigner> signer = signer();
      if (signer.isPresent()) {
        long chainStart = state.chainStart;
        String chainStartPrev = state.chainStartPrev;
        if (retention != null) {
          chainStart = retention.chainStart >= 0 ? retention.chainStart : state.nextSeq;
          chainStartPrev = retention.chainStart >= 0 ? retention.chainStartPrev : state.lastHash;
        }
        DigestRecord unsigned = new DigestRecord(seq, prev, now, state.digestFrom(), state.lastDigestHash,
            chainStart, chainStartPrev, options.digestInterval().toSeconds(), closing, state.uncleanStop,
            signer.get().keyId(), "");
        digest = unsigned.withSignature(
            Base64.getEncoder().encodeToString(signer.get().sign(unsigned.signedBytes())));
        digestHash = buf.add(digest);
        prev = digestHash;
        seq++;
        times = times.with(now);
      } else {
        nextDigestAttempt = now.plus(SIGNER_RETRY);
        retention = null;
      }
    }
    if (buf.size() == 0) {
      return;
    }
    try {
      ByteBuffer b = buf.asByteBuffer();
      if (prealloc != null) {
        prealloc.write(channel, b, size);
      } else {
        long pos = size;
        while (b.hasRemaining()) {
          pos += channel.write(b, pos);
        }
      }
      channel.force(false);
    } catch (IOException | RuntimeException e) {
      markFailed(now, e);
      fail(accepted, e);
      return;
    }
    size += buf.size();
    if (prealloc != null) {
      prealloc.written(size);
    }
    active.extend(times);
    active.setReadable(size);
    state.nextSeq = seq;
    state.lastHash = prev;
    state.recordsSinceDigest += events;
    if (digest != null) {
      state.digested(digest, digestHash);
      nextDigestAttempt = now.plus(options.digestInterval());
    }
    complete(accepted);
    if (digest != null) {
      if (retention != null) {
        applyRetention(retention);
      }
      if (size >= options.segmentMaxBytes() && !closing) {
        roll(now);
      }
    }
  }

  private Optional<DigestSigner> signer() {
    try {
      return signing.signer();
    } catch (RuntimeException e) {
      LOG.log(Level.ERROR, "audit log: cannot sign digests: " + e.getMessage(), e);
      return Optional.empty();
    }
  }

  private static boolean isJsonObject(String json) {
    return json.length() >= 2 && json.charAt(0) == '{' && json.charAt(json.length() - 1) == '}';
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
    healthy = false;
    failedAt = now;
    lastFailure = e;
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
    if (channel != null) {
      try {
        channel.close();
      } catch (IOException e) {
        LOG.log(Level.DEBUG, "closing an audit segment", e);
      }
      channel = null;
    }
  }
}

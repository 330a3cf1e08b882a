package io.keywarden.audit.file;

import io.keywarden.audit.format.AuditRecord;
import io.keywarden.audit.format.EventRecord;
import io.keywarden.audit.format.MalformedRecordException;
import io.keywarden.audit.format.RecordCodec;
import io.keywarden.audit.format.SegmentLines;
import io.keywarden.audit.signing.DigestSigning;
import io.keywarden.domain.audit.AuditEvent;
import io.keywarden.domain.audit.AuditLog;
import io.keywarden.domain.audit.AuditUnavailableException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.function.Predicate;

/**
 * The audit log in a directory (the server's {@code <data dir>/audit}): segment files of hash-chained
 * JSON lines with signed digests (docs/adr/0006-audit-log.md). One process at a time: the log holds an
 * exclusive lock on {@value #LOCK_FILE} while open, which is also how {@code keywarden audit verify}
 * tells a running log from a stopped one.
 *
 * <p>{@link #append} chains the event into the group-commit writer's next batch, on the caller's thread,
 * and returns at once; its future completes once the event is fsync'd, or fails with
 * {@link AuditUnavailableException} (fail-closed).
 * Futures complete on the writer thread, right after the fsync (no further hand-off): dependants
 * that do more than hand the answer on must move to their own executor ({@code whenCompleteAsync}).
 *
 * <p>{@link #scanNewestFirst} orders by sequence number (most recently appended first) and filters by
 * {@code eventTime}, which the caller sets and which is therefore only nearly monotonic.
 *
 * <p>Wiring: {@code FileAuditLog.open(FileAuditLog.directoryOf(dataDir), AuditSigningKey.in(dir,
 * rootOfTrust), AuditLogOptions.defaults(), clock)}; the signing key is created at the first digest
 * after the root of trust is unsealed.
 */
public final class FileAuditLog implements AuditLog {
  public static final String LOCK_FILE = ".lock";
  /** The log's directory within a server's data directory. */
  public static final String DATA_DIR_ENTRY = "audit";
  private static final Logger LOG = System.getLogger(FileAuditLog.class.getName());

  private final Path dir;
  private final SegmentIndex index;
  private final GroupCommitWriter writer;
  private final Thread writerThread;
  private final FileChannel lockChannel;
  private final FileLock lock;
  private volatile boolean closed;

  private FileAuditLog(Path dir, DigestSigning signing, AuditLogOptions options, Clock clock,
      SegmentChannels channels) throws IOException {
    this.dir = dir;
    Files.createDirectories(dir);
    this.lockChannel = FileChannel.open(dir.resolve(LOCK_FILE), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
    try {
      FileLock l;
      try {
        l = lockChannel.tryLock();
      } catch (OverlappingFileLockException e) {
        l = null;
      }
      if (l == null) {
        throw new IllegalStateException("the audit log in " + dir + " is open in another process or instance");
      }
      this.lock = l;
      this.index = new SegmentIndex();
      ChainState state = LogOpener.open(dir, channels, index);
      this.writer = new GroupCommitWriter(dir, options, clock, signing, channels, index, state);
      this.writerThread = daemon(writer, "keywarden-audit-writer");
      writerThread.start();
    } catch (IOException | RuntimeException e) {
      lockChannel.close();
      throw e;
    }
  }

  /** Where a server with data directory {@code dataDir} keeps its audit log. */
  public static Path directoryOf(Path dataDir) {
    return dataDir.resolve(DATA_DIR_ENTRY);
  }

  /**
   * Opens (creating if needed) the log in {@code dir}; a torn last line left by a crash is truncated.
   *
   * @throws IllegalStateException if another instance holds the log, or its last records are damaged
   */
  public static FileAuditLog open(Path dir, DigestSigning signing, AuditLogOptions options, Clock clock)
      throws IOException {
    return open(dir, signing, options, clock, SegmentChannels.FILES);
  }

  static FileAuditLog open(Path dir, DigestSigning signing, AuditLogOptions options, Clock clock,
      SegmentChannels channels) throws IOException {
    return new FileAuditLog(Objects.requireNonNull(dir), Objects.requireNonNull(signing),
        Objects.requireNonNull(options), Objects.requireNonNull(clock), channels);
  }

  public Path directory() {
    return dir;
  }

  @Override
  public CompletableFuture<Void> append(AuditEvent event) {
    Objects.requireNonNull(event, "event");
    CompletableFuture<Void> done = new CompletableFuture<>();
    if (closed) {
      done.completeExceptionally(new AuditUnavailableException("the audit log is closed", null));
      return done;
    }
    writer.append(event, done); // refused there once the writer is stopping
    return done;
  }

  @Override
  public void scanNewestFirst(Instant from, Instant to, Predicate<AuditEvent> visitor) {
    List<SegmentIndex.Entry> segments = new ArrayList<>(index.snapshot());
    for (int i = segments.size() - 1; i >= 0; i--) {
      SegmentIndex.Entry e = segments.get(i);
      boolean[] stop = {false};
      try {
        if (!e.bounds().overlaps(from, to)) {
          continue;
        }
        SegmentLines.backward(e.segment.path(), e.readable(), line -> {
          AuditRecord r;
          try {
            r = RecordCodec.parse(new String(line.bytes(), StandardCharsets.UTF_8));
          } catch (MalformedRecordException x) {
            LOG.log(Level.WARNING, "audit log: skipping a damaged line in " + e.segment.path()
                + " at offset " + line.offset() + "; run 'keywarden audit verify'");
            return true;
          }
          if (r instanceof EventRecord ev && !ev.time().isBefore(from) && ev.time().isBefore(to)
              && !visitor.test(new AuditEvent(ev.eventId(), ev.time(), ev.eventJson()))) {
            stop[0] = true;
            return false;
          }
          return true;
        });
      } catch (NoSuchFileException gone) {
        continue; // deleted by retention meanwhile
      } catch (IOException x) {
        throw new AuditUnavailableException("cannot read the audit log", new UncheckedIOException(x));
      }
      if (stop[0]) {
        return;
      }
    }
  }

  /** Whether appends are written with direct durable writes (ADR 6, "Direct writes"); for tests. */
  boolean writesDirectly() {
    return writer.writesDirectly();
  }

  /** How many batches (one durable write each) the writer has made durable so far; for tests. */
  long batchesWritten() {
    return writer.batchesWritten();
  }

  /** Writes a final signed digest (if the signing key is available), stops the writer, releases the lock. */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    writer.stop();
    boolean interrupted = false;
    while (writerThread.isAlive()) {
      try {
        writerThread.join();
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    try {
      lock.release();
      lockChannel.close();
    } catch (IOException e) {
      LOG.log(Level.WARNING, "audit log: releasing the lock", e);
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }

  private static Thread daemon(Runnable r, String name) {
    Thread t = new Thread(r, name);
    t.setDaemon(true);
    return t;
  }
}

package io.keywarden.audit.file;

import java.io.IOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.locks.LockSupport;

/**
 * Keeps the bytes ahead of the active segment's end written with zeros and synced, on its own thread, so
 * that the writer's appends land in blocks that are already allocated and in a file whose size does not
 * change: {@code fdatasync} then only writes the data, without the file system's journal commit for the
 * size (docs/adr/0006-audit-log.md, "Preallocation"; docs/PERFORMANCE.md, issue 5). It also prepares the
 * next segment's file ({@value #SPARE_FILE}) once the active one is half full, so that a new segment
 * starts preallocated.
 *
 * <p>Who writes where: the writer writes without coordination below {@link #allocated} (zeros there are
 * durable and this thread never writes there again); beyond it, it writes under {@link #lock}, which this
 * thread holds for each step of zeros it writes, always from {@code zeroed} on, which the writer's writes
 * move forward. The writer {@linkplain #detach() detaches} the channel before it truncates, replaces or
 * closes it.
 */
final class Preallocator implements Runnable {
  /** The next segment's file while it is prepared: not a segment name, so readers ignore it. */
  static final String SPARE_FILE = ".next-segment";
  private static final Logger LOG = System.getLogger(Preallocator.class.getName());
  private static final int STEP = 1 << 20;
  private static final long MIN_AHEAD = 256 << 10;
  private static final long IDLE_PARK_NANOS = 1_000_000_000L;

  private final Path dir;
  private final SegmentChannels channels;
  private final long most;
  private final long segmentMax;
  private final ByteBuffer zeros = ByteBuffer.allocateDirect(STEP);
  private final Object lock = new Object();
  private final Thread thread;

  // Guarded by lock.
  private FileChannel channel;
  private long zeroed;
  private long generation;
  private boolean stopped;
  private boolean spareReady;

  /** Below this, zeros (or data) are durable: the writer writes there without the lock. */
  private volatile long allocated;
  /** The active segment's data end, as the writer last reported it. */
  private volatile long written;
  private volatile boolean spareWanted;

  /**
   * @param most the most bytes to keep preallocated ahead of the writer
   */
  Preallocator(Path dir, SegmentChannels channels, long most, long segmentMax) throws IOException {
    this.dir = dir;
    this.channels = channels;
    this.most = most;
    this.segmentMax = segmentMax;
    Files.deleteIfExists(dir.resolve(SPARE_FILE)); // left by a crash: made again when needed
    this.thread = new Thread(this, "keywarden-audit-preallocator");
    thread.setDaemon(true);
  }

  void start() {
    thread.start();
  }

  /**
   * The writer's new active channel, whose bytes from {@code end} to its size are durable zeros (a
   * spare renamed into place) or that ends at {@code end}.
   */
  void use(FileChannel ch, long end) throws IOException {
    long size = ch.size();
    synchronized (lock) {
      generation++;
      channel = ch;
      zeroed = Math.max(size, end);
      allocated = zeroed;
      written = end;
    }
    LockSupport.unpark(thread);
  }

  /** Stops using the current channel: no zeros are written to it after this returns. */
  void detach() {
    synchronized (lock) {
      generation++;
      channel = null;
      allocated = 0;
    }
  }

  /** Writes {@code b} at {@code pos} of the active channel {@code ch}, coordinated with the zeros. */
  void write(FileChannel ch, ByteBuffer b, long pos) throws IOException {
    write(ch, pos + b.remaining(), () -> SegmentChannels.writeFully(ch, b, pos));
  }

  /**
   * Runs {@code write}, which writes the active channel {@code ch}'s file (through {@code ch} or another
   * channel of the same file) up to {@code end}, coordinated with the zeros.
   */
  void write(FileChannel ch, long end, Write write) throws IOException {
    if (end <= allocated) {
      write.run();
    } else {
      synchronized (lock) {
        write.run();
        if (ch == channel) {
          zeroed = Math.max(zeroed, end);
        }
      }
    }
  }

  /** A write of the active segment's file. */
  @FunctionalInterface
  interface Write {
    void run() throws IOException;
  }

  /** The writer's data end after a durable batch: wakes this thread if it has work. */
  void written(long end) {
    written = end;
    boolean spare = end > segmentMax / 2 && !spareWanted;
    if (spare) {
      spareWanted = true;
    }
    if (spare || end + ahead(end) > allocated) {
      LockSupport.unpark(thread);
    }
  }

  /**
   * Renames the prepared next segment's file to {@code target} if it is ready (the caller syncs the
   * directory); {@code false}: start an empty file instead.
   */
  boolean takeSpare(Path target) {
    synchronized (lock) {
      if (!spareReady) {
        return false;
      }
      spareReady = false;
      spareWanted = false;
      try {
        Files.move(dir.resolve(SPARE_FILE), target, StandardCopyOption.ATOMIC_MOVE);
        return true;
      } catch (IOException e) {
        LOG.log(Level.WARNING, "audit log: cannot use the preallocated segment: " + e.getMessage());
        return false;
      }
    }
  }

  /** Stops the thread and removes an unused spare. */
  void stop() {
    synchronized (lock) {
      stopped = true;
      channel = null;
    }
    LockSupport.unpark(thread);
    boolean interrupted = false;
    while (thread.isAlive()) {
      try {
        thread.join();
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    try {
      Files.deleteIfExists(dir.resolve(SPARE_FILE));
    } catch (IOException e) {
      LOG.log(Level.DEBUG, "audit log: removing the spare segment", e);
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }

  /** How far ahead of {@code end} to keep zeros: half the data so far, within [256 KiB, most]. */
  private long ahead(long end) {
    return Math.min(most, Math.max(MIN_AHEAD, end / 2));
  }

  @Override
  public void run() {
    while (true) {
      synchronized (lock) {
        if (stopped) {
          return;
        }
      }
      long end = written;
      boolean worked = false;
      if (end + ahead(end) > allocated) {
        worked = fillActive(Math.min(end + 2 * ahead(end), segmentMax + MIN_AHEAD));
      }
      if (!worked && spareWanted && !spareIsReady()) {
        worked = fillSpare(Math.min(most, segmentMax));
      }
      if (!worked) {
        LockSupport.parkNanos(this, IDLE_PARK_NANOS);
      }
    }
  }

  private boolean spareIsReady() {
    synchronized (lock) {
      return spareReady;
    }
  }

  /** Zeros up to {@code target} in the active channel, then one fsync; whether anything was done. */
  private boolean fillActive(long target) {
    FileChannel ch;
    long gen;
    long reached;
    synchronized (lock) {
      if (channel == null || zeroed >= target) {
        return false;
      }
      ch = channel;
      gen = generation;
    }
    try {
      while (true) {
        synchronized (lock) {
          if (stopped || gen != generation) {
            return true;
          }
          if (zeroed >= target) {
            reached = zeroed;
            break;
          }
          int n = (int) Math.min(STEP, target - zeroed);
          SegmentChannels.writeFully(ch, zeros.duplicate().limit(n), zeroed);
          zeroed += n;
        }
      }
      ch.force(true);
      synchronized (lock) {
        if (gen == generation) {
          allocated = Math.max(allocated, reached);
        }
      }
    } catch (IOException e) {
      // Closed under us (detached meanwhile), or a failing disk: the writer then writes beyond the
      // preallocated bytes, which is correct, only slower; the writer reports write failures itself.
      LOG.log(Level.DEBUG, "audit log: preallocating", e);
      LockSupport.parkNanos(this, IDLE_PARK_NANOS);
    }
    return true;
  }

  /** Prepares the next segment's file: {@code size} zeros, synced. */
  private boolean fillSpare(long size) {
    Path spare = dir.resolve(SPARE_FILE);
    try (FileChannel ch = channels.openForWrite(spare)) {
      long pos = ch.size();
      while (pos < size) {
        synchronized (lock) {
          if (stopped) {
            return true;
          }
        }
        int n = (int) Math.min(STEP, size - pos);
        SegmentChannels.writeFully(ch, zeros.duplicate().limit(n), pos);
        pos += n;
      }
      ch.force(true);
      synchronized (lock) {
        spareReady = true;
      }
    } catch (IOException e) {
      LOG.log(Level.DEBUG, "audit log: preparing the next segment", e);
      LockSupport.parkNanos(this, IDLE_PARK_NANOS);
    }
    return true;
  }
}

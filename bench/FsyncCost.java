import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;

/**
 * The raw cost of a durable write on this disk, the audit log's per-batch cost (docs/PERFORMANCE.md,
 * issue 5): one positional write of {@code -Drec} bytes (default 12,000: a batch of ten 1.2 KB records)
 * then a sync, {@code -Dn} times (default 2,000), for each way of syncing, in {@code -Drounds} rounds
 * (default 3) so that noise from other processes shows as spread between rounds:
 *
 * <ul>
 *   <li>append: each write extends the file; {@code force(true)} (fsync), {@code force(false)}
 *       (fdatasync), or the file opened with {@code DSYNC} (O_DSYNC, no separate call);
 *   <li>prealloc: the file was first written with zeros and synced, the writes overwrite them in order:
 *       the file's size and blocks do not change, so fdatasync need not commit the file system's
 *       journal.
 * </ul>
 *
 * <p>Usage: {@code java [-Drec=12000] [-Dn=2000] [-Drounds=3] bench/FsyncCost.java [DIR]} (DIR: where to
 * put the scratch file, default the working directory; it must be on the disk that the data directory
 * uses). Prints p50, p90, p99 and the mean per write+sync in microseconds.
 */
public final class FsyncCost {
  private enum Sync { FSYNC, FDATASYNC, DSYNC }

  public static void main(String[] args) throws Exception {
    Path dir = Path.of(args.length > 0 ? args[0] : ".");
    int n = Integer.getInteger("n", 2000);
    int rec = Integer.getInteger("rec", 12_000);
    int rounds = Integer.getInteger("rounds", 3);
    byte[] record = new byte[rec];
    Arrays.fill(record, (byte) 'x');
    for (int round = 1; round <= rounds; round++) {
      for (boolean prealloc : new boolean[] {false, true}) {
        for (Sync sync : Sync.values()) {
          long[] t = run(dir.resolve("fsync-cost.tmp"), prealloc, sync, record, n);
          Arrays.sort(t);
          System.out.printf("round %d  %-8s %-9s %,7d B: p50 %6.0f us  p90 %6.0f  p99 %6.0f  mean %6.0f%n",
              round, prealloc ? "prealloc" : "append", sync.name().toLowerCase(), rec, t[n / 2] / 1e3,
              t[n * 9 / 10] / 1e3, t[n * 99 / 100] / 1e3, Arrays.stream(t).average().orElse(0) / 1e3);
        }
      }
    }
  }

  private static long[] run(Path f, boolean prealloc, Sync sync, byte[] record, int n) throws Exception {
    Files.deleteIfExists(f);
    try {
      if (prealloc) {
        try (FileChannel c = FileChannel.open(f, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
          ByteBuffer zeros = ByteBuffer.allocate(1 << 20);
          for (long p = 0; p < (long) n * record.length; p += zeros.capacity()) {
            zeros.clear();
            c.write(zeros, p);
          }
          c.force(true);
        }
      }
      FileChannel c = sync == Sync.DSYNC
          ? FileChannel.open(f, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.DSYNC)
          : FileChannel.open(f, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
      long[] t = new long[n];
      try (c) {
        long pos = 0;
        for (int i = 0; i < n; i++) {
          long start = System.nanoTime();
          ByteBuffer b = ByteBuffer.wrap(record);
          while (b.hasRemaining()) {
            pos += c.write(b, pos);
          }
          if (sync != Sync.DSYNC) {
            c.force(sync == Sync.FSYNC);
          }
          t[i] = System.nanoTime() - start;
        }
      }
      return t;
    } finally {
      Files.deleteIfExists(f);
    }
  }
}

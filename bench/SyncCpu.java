// The CPU and wall time of one durable append to a preallocated file, three ways: write + fdatasync
// (FileChannel.force(false)), a DSYNC channel through the page cache, and DIRECT + DSYNC (what the
// audit log does on a preallocated segment, ADR 6 "Direct writes"). 8.8 KB appends (a batch of ~7
// Encrypt records), three rounds. Usage: java bench/SyncCpu.java DIR [APPENDS] (DIR on the disk the
// data directory uses; default 3000 appends per variant). docs/PERFORMANCE.md, issue 5.
import java.lang.management.*;
import java.nio.*;
import java.nio.channels.*;
import java.nio.file.*;
import java.util.*;
import com.sun.nio.file.ExtendedOpenOption;

public class SyncCpu {
  static ThreadMXBean T = ManagementFactory.getThreadMXBean();
  public static void main(String[] a) throws Exception {
    Path dir = Path.of(a[0]);
    int n = a.length > 1 ? Integer.parseInt(a[1]) : 3000;
    int rec = 8800;
    for (int round = 0; round < 3; round++) {
      for (String v : List.of("force", "dsync", "direct")) {
        Path f = dir.resolve("sc-" + v);
        Files.deleteIfExists(f);
        long total = (long) rec * (n + 10) + (1 << 20);
        try (FileChannel c = FileChannel.open(f, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
          ByteBuffer z = ByteBuffer.allocateDirect(1 << 20);
          for (long p = 0; p < total; p += 1 << 20) { z.clear(); c.write(z, p); }
          c.force(true);
        }
        Set<OpenOption> o = new HashSet<>(List.of(StandardOpenOption.WRITE));
        if (!v.equals("force")) o.add(StandardOpenOption.DSYNC);
        if (v.equals("direct")) o.add(ExtendedOpenOption.DIRECT);
        ByteBuffer data = ByteBuffer.allocateDirect(rec + 8192 + 4096);
        long[] wall = new long[n];
        try (FileChannel c = FileChannel.open(f, o)) {
          long pos = 0;
          long cpu0 = T.getCurrentThreadCpuTime();
          long t0 = System.nanoTime();
          for (int i = 0; i < n; i++) {
            long s = System.nanoTime();
            if (v.equals("direct")) {
              long start = pos & ~4095L;
              long end = (pos + rec + 4095) & ~4095L;
              ByteBuffer b = data.alignedSlice(4096);
              b.clear().limit((int) (end - start));
              c.write(b, start);
            } else {
              data.clear().limit(rec);
              c.write(data, pos);
              if (v.equals("force")) c.force(false);
            }
            pos += rec;
            wall[i] = System.nanoTime() - s;
          }
          long cpu = T.getCurrentThreadCpuTime() - cpu0;
          Arrays.sort(wall);
          System.out.printf("%-7s cpu/op %5.1f us  wall p50 %5.1f p90 %5.1f p99 %6.1f us%n", v, cpu / 1e3 / n,
              wall[n / 2] / 1e3, wall[n * 9 / 10] / 1e3, wall[n * 99 / 100] / 1e3);
        }
        Files.deleteIfExists(f);
      }
    }
  }
}

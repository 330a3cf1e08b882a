// The audit log alone (issue 5): durable appends to FileAuditLog from N blocking callers, each waiting
// for its record's fsync before it appends the next, as the server's connections do. Run it with the
// classes of any keywarden.jar, so that two builds can be compared in alternating runs on the same
// machine at the same time (noise from other processes then hits both alike):
//
//   java -cp keywarden-server/target/keywarden.jar bench/AuditAppendBench.java \
//       [--callers 16] [--seconds 5] [--dir /tmp] [--preallocate BYTES]
//
// --preallocate sets AuditLogOptions.preallocateBytes (0: appends extend the file) where the jar has
// it. Prints one line: appends/s, the latency of an append (p50, p90, p99: from the call to its
// durable completion), the CPU this process used per append, and the CPU the rest of the machine used
// meanwhile (cores), as bench/run reports it.

import io.keywarden.audit.file.AuditLogOptions;
import io.keywarden.audit.file.FileAuditLog;
import io.keywarden.audit.signing.AuditSigningKey;
import io.keywarden.domain.audit.AuditEvent;
import io.keywarden.trust.ephemeral.EphemeralRootOfTrust;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;

public final class AuditAppendBench {
  public static void main(String[] args) throws Exception {
    int callers = 16;
    int seconds = 5;
    Path base = Path.of(System.getProperty("java.io.tmpdir"));
    Long preallocate = null;
    for (int i = 0; i < args.length; i += 2) {
      switch (args[i]) {
        case "--callers" -> callers = Integer.parseInt(args[i + 1]);
        case "--seconds" -> seconds = Integer.parseInt(args[i + 1]);
        case "--dir" -> base = Path.of(args[i + 1]);
        case "--preallocate" -> preallocate = Long.parseLong(args[i + 1]);
        default -> throw new IllegalArgumentException("unknown option " + args[i]);
      }
    }
    AuditLogOptions options = AuditLogOptions.defaults();
    if (preallocate != null) {
      options = (AuditLogOptions) AuditLogOptions.class.getMethod("withPreallocateBytes", long.class)
          .invoke(options, preallocate);
    }
    Path dir = Files.createTempDirectory(base, "audit-append-bench");
    try {
      run(dir, options, callers, seconds);
    } finally {
      try (var files = Files.walk(dir)) {
        files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  private static void run(Path dir, AuditLogOptions options, int callers, int seconds) throws Exception {
    try (FileAuditLog log = FileAuditLog.open(dir, AuditSigningKey.in(dir, new EphemeralRootOfTrust()), options,
        Clock.systemUTC())) {
      warmUp(log, callers);
      AtomicBoolean stop = new AtomicBoolean();
      List<long[]> latencies = new ArrayList<>();
      int[] counts = new int[callers];
      List<Thread> threads = new ArrayList<>();
      for (int t = 0; t < callers; t++) {
        long[] lat = new long[2_000_000];
        latencies.add(lat);
        int me = t;
        threads.add(new Thread(() -> {
          int n = 0;
          while (!stop.get() && n < lat.length) {
            long start = System.nanoTime();
            log.append(event()).join();
            lat[n++] = System.nanoTime() - start;
          }
          counts[me] = n;
        }));
      }
      long cpu0 = processCpuNanos();
      long[] machine0 = machineCpu();
      long t0 = System.nanoTime();
      threads.forEach(Thread::start);
      Thread.sleep(seconds * 1000L);
      stop.set(true);
      for (Thread t : threads) {
        t.join();
      }
      double elapsed = (System.nanoTime() - t0) / 1e9;
      long cpu = processCpuNanos() - cpu0;
      long[] machine1 = machineCpu();
      int total = Arrays.stream(counts).sum();
      long[] all = new long[total];
      int k = 0;
      for (int t = 0; t < callers; t++) {
        System.arraycopy(latencies.get(t), 0, all, k, counts[t]);
        k += counts[t];
      }
      Arrays.sort(all);
      double busyCores = (machine1[0] - machine0[0]) / (double) (machine1[1] - machine0[1]) * 2;
      double selfCores = cpu / 1e9 / elapsed;
      System.out.printf("callers %3d: %,8.0f appends/s  latency p50 %6.0f us  p90 %6.0f  p99 %6.0f"
              + "  CPU per append %5.1f us  other processes %.2f cores%n",
          callers, total / elapsed, all[total / 2] / 1e3, all[total * 9 / 10] / 1e3, all[total * 99 / 100] / 1e3,
          cpu / 1e3 / total, Math.max(0, busyCores - selfCores));
    }
  }

  private static void warmUp(FileAuditLog log, int callers) throws Exception {
    List<Thread> threads = new ArrayList<>();
    for (int t = 0; t < callers; t++) {
      threads.add(new Thread(() -> {
        long end = System.nanoTime() + 2_000_000_000L;
        while (System.nanoTime() < end) {
          log.append(event()).join();
        }
      }));
    }
    threads.forEach(Thread::start);
    for (Thread t : threads) {
      t.join();
    }
  }

  private static long processCpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
  }

  /** Busy and total jiffies of the whole machine, from /proc/stat. */
  private static long[] machineCpu() throws Exception {
    String[] f = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
    long total = 0;
    for (int i = 1; i < f.length; i++) {
      total += Long.parseLong(f[i]);
    }
    long idle = Long.parseLong(f[4]) + Long.parseLong(f[5]);
    return new long[] {total - idle, total};
  }

  /** A CloudTrail Encrypt record of the benchmark's size (about 1.2 KB). */
  private static AuditEvent event() {
    String id = UUID.randomUUID().toString();
    Instant t = Instant.now();
    String json = "{\"eventVersion\":\"1.11\",\"userIdentity\":{\"type\":\"IAMUser\",\"principalId\":"
        + "\"AIDAEXAMPLE000000000\",\"arn\":\"arn:aws:iam::111122223333:user/app\",\"accountId\":\"111122223333\","
        + "\"accessKeyId\":\"AKIAEXAMPLE000000000\",\"userName\":\"app\"},\"eventTime\":\"" + t + "\","
        + "\"eventSource\":\"kms.amazonaws.com\",\"eventName\":\"Encrypt\",\"awsRegion\":\"us-east-1\","
        + "\"sourceIPAddress\":\"127.0.0.1\",\"userAgent\":\"wrk\",\"requestParameters\":{\"keyId\":"
        + "\"1234abcd-12ab-34cd-56ef-1234567890ab\",\"encryptionContext\":{\"purpose\":\"bench\",\"tenant\":"
        + "\"t-0001\"},\"encryptionAlgorithm\":\"SYMMETRIC_DEFAULT\"},\"responseElements\":null,\"requestID\":\""
        + UUID.randomUUID() + "\",\"eventID\":\"" + id + "\",\"readOnly\":true,\"resources\":[{\"accountId\":"
        + "\"111122223333\",\"type\":\"AWS::KMS::Key\",\"ARN\":\"arn:aws:kms:us-east-1:111122223333:key/"
        + "1234abcd-12ab-34cd-56ef-1234567890ab\"}],\"eventType\":\"AwsApiCall\",\"managementEvent\":true,"
        + "\"recipientAccountId\":\"111122223333\",\"eventCategory\":\"Management\"}";
    return new AuditEvent(id, t, json);
  }
}

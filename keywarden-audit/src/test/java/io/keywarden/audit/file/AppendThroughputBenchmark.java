package io.keywarden.audit.file;

import io.keywarden.audit.signing.AuditSigningKey;
import io.keywarden.domain.audit.AuditEvent;
import io.keywarden.trust.ephemeral.EphemeralRootOfTrust;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * Throughput of durable appends (prints, asserts nothing): {@code mvn -o -q -pl keywarden-audit -am test
 * -Dtest=AppendThroughputBenchmark -Dkeywarden.bench=true -Dsurefire.failIfNoSpecifiedTests=false}; the
 * numbers are in target/surefire-reports/*AppendThroughputBenchmark-output.txt.
 */
@EnabledIfSystemProperty(named = "keywarden.bench", matches = "true")
class AppendThroughputBenchmark {
  private static final long SECONDS = 5;
  @TempDir Path dir;

  /** A CloudTrail Decrypt record of a typical size (about 1.2 KB). */
  static AuditEvent event() {
    String id = UUID.randomUUID().toString();
    Instant t = Instant.now();
    String json = "{\"eventVersion\":\"1.11\",\"userIdentity\":{\"type\":\"IAMUser\",\"principalId\":"
        + "\"AIDAEXAMPLE000000000\",\"arn\":\"arn:aws:iam::111122223333:user/app\",\"accountId\":\"111122223333\","
        + "\"accessKeyId\":\"AKIAEXAMPLE000000000\",\"userName\":\"app\"},\"eventTime\":\"" + t + "\","
        + "\"eventSource\":\"kms.amazonaws.com\",\"eventName\":\"Decrypt\",\"awsRegion\":\"us-east-1\","
        + "\"sourceIPAddress\":\"192.0.2.10\",\"userAgent\":\"aws-sdk-java/2.54.0 Linux/6.1 OpenJDK_64-Bit_Server_VM/17\","
        + "\"requestParameters\":{\"encryptionContext\":{\"app\":\"payments\",\"tenant\":\"t-0042\"},"
        + "\"encryptionAlgorithm\":\"SYMMETRIC_DEFAULT\"},\"responseElements\":null,\"requestID\":\""
        + UUID.randomUUID() + "\",\"eventID\":\"" + id + "\",\"readOnly\":true,\"resources\":[{\"accountId\":"
        + "\"111122223333\",\"type\":\"AWS::KMS::Key\",\"ARN\":\"arn:aws:kms:us-east-1:111122223333:key/"
        + "1234abcd-12ab-34cd-56ef-1234567890ab\"}],\"eventType\":\"AwsApiCall\",\"managementEvent\":true,"
        + "\"recipientAccountId\":\"111122223333\",\"eventCategory\":\"Management\",\"tlsDetails\":{"
        + "\"tlsVersion\":\"TLSv1.3\",\"cipherSuite\":\"TLS_AES_128_GCM_SHA256\",\"clientProvidedHostHeader\":"
        + "\"kms.local\"}}";
    return new AuditEvent(id, t, json);
  }

  @Test
  void blockingCallers() throws Exception {
    for (int threads : new int[] {1, 16, 64, 256}) {
      Path d = dir.resolve("blocking-" + threads);
      try (FileAuditLog log = open(d)) {
        AtomicLong done = new AtomicLong();
        long end = System.nanoTime() + SECONDS * 1_000_000_000L;
        List<Thread> ts = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
          Thread t = new Thread(() -> {
            while (System.nanoTime() < end) {
              log.append(event()).join();
              done.incrementAndGet();
            }
          });
          t.start();
          ts.add(t);
        }
        for (Thread t : ts) {
          t.join();
        }
        System.out.printf("blocking callers %4d: %,9d appends/s%n", threads, done.get() / SECONDS);
      }
    }
  }

  /**
   * Preallocation off and on, alternating (so that noise from other processes hits both alike): 1 and
   * 16 blocking callers, 3 s each, 4 rounds.
   */
  @Test
  void preallocationOffAndOn() throws Exception {
    for (int round = 0; round < 4; round++) {
      for (int threads : new int[] {1, 16}) {
        for (long prealloc : new long[] {0, AuditLogOptions.defaults().preallocateBytes()}) {
          Path d = dir.resolve("prealloc-" + round + "-" + threads + "-" + prealloc);
          AuditLogOptions options = AuditLogOptions.defaults().withPreallocateBytes(prealloc);
          try (FileAuditLog log = FileAuditLog.open(d, AuditSigningKey.in(d, new EphemeralRootOfTrust()), options,
              Clock.systemUTC())) {
            log.append(event()).join();
            Thread.sleep(300); // the preallocator's first zeros
            long seconds = 3;
            AtomicLong done = new AtomicLong();
            long end = System.nanoTime() + seconds * 1_000_000_000L;
            List<Thread> ts = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
              Thread t = new Thread(() -> {
                while (System.nanoTime() < end) {
                  log.append(event()).join();
                  done.incrementAndGet();
                }
              });
              t.start();
              ts.add(t);
            }
            for (Thread t : ts) {
              t.join();
            }
            System.out.printf("round %d, %2d blocking callers, preallocation %-3s: %,9d appends/s%n", round, threads,
                prealloc == 0 ? "off" : "on", done.get() / seconds);
          }
        }
      }
    }
  }

  @Test
  void asyncWindow() throws Exception {
    for (int window : new int[] {1024, 8192}) {
      try (FileAuditLog log = open(dir.resolve("async-" + window))) {
        Semaphore inFlight = new Semaphore(window);
        AtomicLong done = new AtomicLong();
        long end = System.nanoTime() + SECONDS * 1_000_000_000L;
        while (System.nanoTime() < end) {
          inFlight.acquire();
          log.append(event()).whenComplete((v, e) -> {
            done.incrementAndGet();
            inFlight.release();
          });
        }
        inFlight.acquire(window);
        System.out.printf("async, %5d in flight: %,9d appends/s%n", window, done.get() / SECONDS);
      }
    }
  }

  private static FileAuditLog open(Path d) throws Exception {
    return FileAuditLog.open(d, AuditSigningKey.in(d, new EphemeralRootOfTrust()), AuditLogOptions.defaults(),
        Clock.systemUTC());
  }
}

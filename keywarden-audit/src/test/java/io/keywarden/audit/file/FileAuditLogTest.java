package io.keywarden.audit.file;

import static io.keywarden.audit.AuditFixtures.appendAll;
import static io.keywarden.audit.AuditFixtures.appendEach;
import static io.keywarden.audit.AuditFixtures.event;
import static io.keywarden.audit.AuditFixtures.lines;
import static io.keywarden.audit.AuditFixtures.open;
import static io.keywarden.audit.AuditFixtures.options;
import static io.keywarden.audit.AuditFixtures.segments;
import static io.keywarden.audit.AuditFixtures.verify;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.keywarden.audit.MutableClock;
import io.keywarden.audit.format.Segment;
import io.keywarden.audit.format.SegmentLines;
import io.keywarden.audit.signing.AuditSigningKey;
import io.keywarden.audit.verify.Finding;
import io.keywarden.audit.verify.VerificationReport;
import io.keywarden.domain.audit.AuditEvent;
import io.keywarden.domain.audit.AuditUnavailableException;
import io.keywarden.trust.ephemeral.EphemeralRootOfTrust;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

class FileAuditLogTest {
  @TempDir Path dir;
  private AuditSigningKey key(Path d) {
    return AuditSigningKey.in(d, root);
  }

  private final EphemeralRootOfTrust root = new EphemeralRootOfTrust();

  @Test
  void concurrentAppends_allDurableAndChained_verifyIntact() throws Exception {
    Set<String> ids = ConcurrentIds.create();
    try (FileAuditLog log = open(dir, key(dir), options())) {
      ExecutorService pool = Executors.newFixedThreadPool(8);
      List<Future<?>> tasks = new ArrayList<>();
      for (int t = 0; t < 8; t++) {
        int base = t * 1000;
        tasks.add(pool.submit(() -> {
          for (int i = 0; i < 250; i++) {
            AuditEvent e = event(base + i);
            log.append(e).join();
            ids.add(e.eventId());
          }
        }));
      }
      for (Future<?> f : tasks) {
        f.get();
      }
      pool.shutdown();
    }
    VerificationReport report = verify(dir);
    assertEquals(0, report.exitCode(), report.findings()::toString);
    assertTrue(report.findings().isEmpty(), report.findings()::toString);
    assertEquals(2000, report.events());
    assertTrue(report.digests() >= 2000 / (10 + 8), "a digest once 10 records are undigested: " + report.digests());
    Set<String> logged = new HashSet<>();
    try (FileAuditLog log = open(dir, key(dir), options())) {
      log.scanNewestFirst(Instant.EPOCH, Instant.now().plusSeconds(60), e -> logged.add(e.eventId()));
    }
    assertEquals(ids, logged);
  }

  @Test
  void commitDelay_concurrentCallersShareBatches_andEveryRecordIsDurableAndChained() throws Exception {
    int threads = 8;
    int each = 40;
    long batches;
    try (FileAuditLog log = open(dir, key(dir), options().withCommitDelay(Duration.ofMillis(10)))) {
      ExecutorService pool = Executors.newFixedThreadPool(threads);
      List<Future<?>> tasks = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        int base = t * 1000;
        tasks.add(pool.submit(() -> {
          for (int i = 0; i < each; i++) {
            log.append(event(base + i)).join();
            // Like a client between calls (the answer's trip, the next request): callers' appends spread
            // out, so without the delay most batches would hold one record.
            LockSupport.parkNanos(ThreadLocalRandom.current().nextLong(1_000_000, 5_000_000));
          }
        }));
      }
      for (Future<?> f : tasks) {
        f.get();
      }
      pool.shutdown();
      batches = log.batchesWritten();
    }
    assertTrue(batches <= threads * each / 4, "batches: " + batches);
    VerificationReport report = verify(dir);
    assertEquals(0, report.exitCode(), report.findings()::toString);
    assertEquals(threads * each, report.events());
  }

  @Test
  void commitDelay_loneCaller_oneRecordPerBatch() throws Exception {
    try (FileAuditLog log = open(dir, key(dir), options().withCommitDelay(Duration.ofMillis(5)))) {
      for (int i = 0; i < 20; i++) {
        log.append(event(i)).join();
      }
      assertEquals(20, log.batchesWritten());
    }
    assertEquals(20, verify(dir).events());
  }

  @Test
  void commitDelay_outOfRange_isRefused() {
    assertThrows(IllegalArgumentException.class, () -> options().withCommitDelay(Duration.ofNanos(-1)));
    assertThrows(IllegalArgumentException.class, () -> options().withCommitDelay(Duration.ofMillis(11)));
  }

  @Test
  void reopen_continuesTheChain() throws Exception {
    try (FileAuditLog log = open(dir, key(dir), options())) {
      appendAll(log, 0, 25);
    }
    try (FileAuditLog log = open(dir, key(dir), options())) {
      appendAll(log, 25, 25);
    }
    VerificationReport report = verify(dir);
    assertTrue(report.findings().isEmpty(), report.findings()::toString);
    assertEquals(50, report.events());
  }

  @Test
  void scanNewestFirst_visitsTheRangeNewestFirst_andStopsWhenAsked() throws Exception {
    Instant t0 = Instant.parse("2025-03-01T00:00:00Z");
    try (FileAuditLog log = open(dir, key(dir), options().withSegmentMaxBytes(2000))) {
      appendEach(log, 0, 40, t0);
      assertTrue(segments(dir).size() > 2, "several segments");

      List<Instant> seen = new ArrayList<>();
      log.scanNewestFirst(t0.plusSeconds(5), t0.plusSeconds(15), e -> seen.add(e.eventTime()));
      List<Instant> expected = new ArrayList<>();
      for (int i = 14; i >= 5; i--) {
        expected.add(t0.plusSeconds(i));
      }
      assertEquals(expected, seen);

      List<Instant> firstThree = new ArrayList<>();
      log.scanNewestFirst(Instant.EPOCH, Instant.MAX, e -> firstThree.add(e.eventTime()) && firstThree.size() < 3);
      assertEquals(List.of(t0.plusSeconds(39), t0.plusSeconds(38), t0.plusSeconds(37)), firstThree);
    }
  }

  @Test
  void smallSegments_eachClosedSegmentEndsWithADigest() throws Exception {
    try (FileAuditLog log = open(dir, key(dir), options().withSegmentMaxBytes(3000))) {
      appendEach(log, 0, 60, null);
    }
    List<Segment> segs = segments(dir);
    assertTrue(segs.size() >= 3, "rolled: " + segs.size());
    for (Segment s : segs) {
      List<String> l = lines(s);
      assertTrue(l.get(l.size() - 1).contains("\"type\":\"digest\""), s + " ends with a digest");
    }
    VerificationReport report = verify(dir);
    assertTrue(report.findings().isEmpty(), report.findings()::toString);
  }

  @Test
  void tornLastLine_isReportedThenTruncatedOnOpen() throws Exception {
    try (FileAuditLog log = open(dir, key(dir), options())) {
      appendAll(log, 0, 5);
    }
    Segment last = segments(dir).get(segments(dir).size() - 1);
    long before = Files.size(last.path());
    Files.writeString(last.path(), "{\"seq\":7,\"prev\":\"ab", StandardCharsets.UTF_8, StandardOpenOption.APPEND);

    VerificationReport torn = verify(dir);
    assertEquals(3, torn.exitCode(), torn.findings()::toString);
    assertEquals(1, torn.of(Finding.Kind.TORN_LINE).size(), torn.findings()::toString);

    try (FileAuditLog log = open(dir, key(dir), options())) {
      assertEquals(before, SegmentLines.extent(last.path()).dataEnd(), "the torn bytes are gone");
      appendAll(log, 5, 5);
    }
    VerificationReport report = verify(dir);
    assertTrue(report.findings().isEmpty(), report.findings()::toString);
    assertEquals(10, report.events());
  }

  @Test
  void stateCopiedWhileOpen_likeACrash_reopensWithAnUncleanStopNote() throws Exception {
    Path crashed = dir.resolve("crashed");
    Path live = dir.resolve("live");
    try (FileAuditLog log = open(live, key(live), options())) {
      appendAll(log, 0, 15); // acknowledged: must all survive
      Files.createDirectories(crashed);
      for (Segment s : segments(live)) {
        Files.copy(s.path(), crashed.resolve(s.path().getFileName()));
      }
      Files.copy(live.resolve("audit-signing-key"), crashed.resolve("audit-signing-key"));
      Files.copy(live.resolve("audit-signing-key.pub.pem"), crashed.resolve("audit-signing-key.pub.pem"));
    }
    VerificationReport beforeReopen = verify(crashed);
    assertEquals(3, beforeReopen.exitCode(), beforeReopen.findings()::toString);
    assertEquals(15, beforeReopen.events());

    try (FileAuditLog log = open(crashed, AuditSigningKey.in(crashed, root), options())) {
      appendAll(log, 15, 3);
    }
    VerificationReport report = verify(crashed);
    assertEquals(0, report.exitCode(), report.findings()::toString);
    assertEquals(1, report.of(Finding.Kind.UNCLEAN_STOP).size(), report.findings()::toString);
    assertEquals(18, report.events());
  }

  @ParameterizedTest(name = "direct writes: {0}")
  @ValueSource(booleans = {true, false})
  void fsyncFailure_failsTheCalls_untilTheLogRecovers(boolean direct) throws Exception {
    FaultyChannels channels = new FaultyChannels();
    channels.direct = direct;
    AuditLogOptions o = options().withRecoveryBackoff(Duration.ofSeconds(1));
    MutableClock clock = new MutableClock(Instant.now());
    try (FileAuditLog log = FileAuditLog.open(dir, key(dir), o, clock, channels)) {
      if (direct) {
        assumeTrue(log.writesDirectly(), "no direct I/O on this file system");
      } else {
        assertFalse(log.writesDirectly(), "write and fsync without direct I/O");
      }
      appendAll(log, 0, 5);
      channels.failForce = true;
      CompletionException failed = assertThrows(CompletionException.class, () -> log.append(event(5)).join());
      assertInstanceOf(AuditUnavailableException.class, failed.getCause());
      channels.failForce = false;
      CompletionException stillFailing =
          assertThrows(CompletionException.class, () -> log.append(event(6)).join());
      assertInstanceOf(AuditUnavailableException.class, stillFailing.getCause(), "fail-closed until recovered");
      clock.advance(Duration.ofSeconds(2));
      appendAll(log, 7, 5);
    }
    VerificationReport report = verify(dir);
    assertTrue(report.findings().isEmpty(), report.findings()::toString);
    assertEquals(10, report.events(), "the failed appends are not in the log");
  }

  @Test
  void fsyncFailureUnderConcurrentAppends_keepsEveryAcknowledgedRecord_andNoFailedOne() throws Exception {
    FaultyChannels channels = new FaultyChannels();
    MutableClock clock = new MutableClock(Instant.now());
    Set<String> acknowledged = ConcurrentIds.create();
    Set<String> failed = ConcurrentIds.create();
    java.util.concurrent.atomic.AtomicBoolean stop = new java.util.concurrent.atomic.AtomicBoolean();
    try (FileAuditLog log = FileAuditLog.open(dir, key(dir), options().withRecoveryBackoff(Duration.ofSeconds(1)),
        clock, channels)) {
      List<Thread> threads = new ArrayList<>();
      for (int t = 0; t < 8; t++) {
        int base = t * 1_000_000;
        Thread thread = new Thread(() -> {
          for (int i = 0; !stop.get(); i++) {
            AuditEvent e = event(base + i);
            try {
              log.append(e).join();
              acknowledged.add(e.eventId());
            } catch (CompletionException x) {
              assertInstanceOf(AuditUnavailableException.class, x.getCause());
              failed.add(e.eventId());
            }
          }
        });
        thread.start();
        threads.add(thread);
      }
      awaitSize(acknowledged, 200);
      channels.failForce = true; // batches in flight and the ones chained onto them must fail
      awaitSize(failed, 50);
      channels.failForce = false;
      clock.advance(Duration.ofSeconds(2)); // past the back-off: the next batch recovers the file
      int before = acknowledged.size();
      awaitSize(acknowledged, before + 200);
      stop.set(true);
      for (Thread thread : threads) {
        thread.join();
      }
    }
    VerificationReport report = verify(dir);
    assertTrue(report.findings().isEmpty(), report.findings()::toString);
    Set<String> logged = new HashSet<>();
    try (FileAuditLog log = open(dir, key(dir), options())) {
      log.scanNewestFirst(Instant.EPOCH, Instant.now().plusSeconds(60), e -> logged.add(e.eventId()));
    }
    assertEquals(acknowledged.size(), report.events());
    assertEquals(acknowledged, logged, "every acknowledged append, and only those");
    assertTrue(failed.stream().noneMatch(logged::contains), "no failed append is in the log");
  }

  /** Waits (bounded) until {@code set} holds {@code n} elements. */
  private static void awaitSize(Set<String> set, int n) throws InterruptedException {
    for (int i = 0; i < 6000 && set.size() < n; i++) {
      Thread.sleep(10);
    }
    assertTrue(set.size() >= n, "expected " + n + ", have " + set.size());
  }

  @Test
  void unrecoverableFile_keepsFailing() throws Exception {
    FaultyChannels channels = new FaultyChannels();
    AuditLogOptions o = options().withRecoveryBackoff(Duration.ofSeconds(1));
    MutableClock clock = new MutableClock(Instant.now());
    try (FileAuditLog log = FileAuditLog.open(dir, key(dir), o, clock, channels)) {
      appendAll(log, 0, 3);
      channels.failForce = true;
      channels.failOpen = true; // a read-only file system: recovery cannot reopen the segment
      for (int i = 0; i < 5; i++) {
        int n = i;
        CompletionException e = assertThrows(CompletionException.class, () -> log.append(event(10 + n)).join());
        assertInstanceOf(AuditUnavailableException.class, e.getCause());
        clock.advance(Duration.ofSeconds(2)); // past the back-off: each append tries to recover, and cannot
      }
      channels.failForce = false;
      channels.failOpen = false;
      clock.advance(Duration.ofSeconds(2));
      appendAll(log, 20, 2);
    }
    VerificationReport report = verify(dir);
    assertTrue(report.findings().isEmpty(), report.findings()::toString);
    assertEquals(5, report.events());
  }

  @Test
  void sealedRoot_postponesDigests_andTheReopenedLogCoversTheTail() throws Exception {
    boolean[] sealed = {true};
    AuditSigningKey real = key(dir);
    try (FileAuditLog log = FileAuditLog.open(dir,
        () -> sealed[0] ? java.util.Optional.empty() : real.signer(), options(), java.time.Clock.systemUTC())) {
      appendAll(log, 0, 25);
    }
    assertFalse(Files.exists(dir.resolve("audit-signing-key")), "no key before the first unsealed digest");
    sealed[0] = false;
    try (FileAuditLog log = open(dir, real, options())) {
      appendAll(log, 25, 1);
    }
    VerificationReport report = verify(dir);
    assertEquals(0, report.exitCode(), report.findings()::toString);
    assertEquals(1, report.of(Finding.Kind.UNCLEAN_STOP).size(), report.findings()::toString);
    assertEquals(26, report.events());
  }

  @Test
  void closedLog_refusesAppends() {
    FileAuditLog log = open(dir, key(dir), options());
    log.close();
    CompletionException e = assertThrows(CompletionException.class, () -> log.append(event(1)).join());
    assertInstanceOf(AuditUnavailableException.class, e.getCause());
  }

  @Test
  void secondInstance_isRefused() {
    try (FileAuditLog log = open(dir, key(dir), options())) {
      assertThrows(IllegalStateException.class, () -> open(log.directory(), key(dir), options()));
    }
  }

  /** A thread-safe set. */
  private static final class ConcurrentIds {
    static Set<String> create() {
      return java.util.concurrent.ConcurrentHashMap.newKeySet();
    }
  }
}

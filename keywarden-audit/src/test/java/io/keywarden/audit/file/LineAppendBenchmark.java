package io.keywarden.audit.file;

import io.keywarden.audit.format.ChainHash;
import io.keywarden.domain.audit.AuditEvent;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * The appender's CPU per record, in process (docs/PERFORMANCE.md, issue 5): what {@code
 * GroupCommitWriter.append} does with an event as the services build it (the record in UTF-8) — the
 * object check, the line head, the copy into the batch buffer, the SHA-256 chain hash and its hex —
 * without the lock, the write and the fsync. Not a test: run with {@code mvn -o -q -pl keywarden-audit
 * -am test -Dtest=LineAppendBenchmark -Dkeywarden.bench=true -Dsurefire.failIfNoSpecifiedTests=false};
 * the figures are in {@code target/surefire-reports/*LineAppendBenchmark-output.txt}.
 */
@EnabledIfSystemProperty(named = "keywarden.bench", matches = "true")
class LineAppendBenchmark {
  private static final int ROUNDS = 10;
  private static final int PER_ROUND = 200_000;
  /** Records per batch: the buffer is reset after as many, as the writer's are. */
  private static final int BATCH = 64;

  @Test
  void appendDecryptRecord() {
    AuditEvent text = AppendThroughputBenchmark.event();
    AuditEvent event = AuditEvent.ofUtf8(text.eventId(), text.eventTime(),
        text.json().getBytes(java.nio.charset.StandardCharsets.UTF_8));
    Instant time = Instant.parse("2026-12-02T23:05:01.123456Z");
    LineBuffer buf = new LineBuffer();
    String prev = ChainHash.ZERO;
    long seq = 0;
    for (int round = 0; round < ROUNDS; round++) {
      long start = System.nanoTime();
      long cpuStart = cpuNanos();
      for (int i = 0; i < PER_ROUND; i++) {
        if (i % BATCH == 0) {
          buf.reset();
        }
        if (event.utf8Length() < 2 || event.utf8At(0) != '{') {
          throw new AssertionError();
        }
        prev = buf.addEvent(seq++, prev, time, event.eventId(), event);
      }
      long ns = System.nanoTime() - start;
      long cpu = cpuNanos() - cpuStart;
      System.out.printf("round %d: %.0f ns per appended record (%.0f ns of this thread's CPU)%n", round,
          (double) ns / PER_ROUND, (double) cpu / PER_ROUND);
    }
    System.out.println("record of " + event.utf8Length() + " bytes; last hash " + prev);
  }

  /** This thread's CPU time: less sensitive than the wall clock to other processes on a shared machine. */
  private static long cpuNanos() {
    return java.lang.management.ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
  }
}

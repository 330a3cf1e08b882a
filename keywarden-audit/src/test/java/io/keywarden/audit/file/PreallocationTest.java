package io.keywarden.audit.file;

import static io.keywarden.audit.AuditFixtures.appendAll;
import static io.keywarden.audit.AuditFixtures.open;
import static io.keywarden.audit.AuditFixtures.options;
import static io.keywarden.audit.AuditFixtures.segments;
import static io.keywarden.audit.AuditFixtures.verify;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.keywarden.audit.format.Segment;
import io.keywarden.audit.format.SegmentLines;
import io.keywarden.audit.signing.AuditSigningKey;
import io.keywarden.audit.verify.Finding.Kind;
import io.keywarden.audit.verify.VerificationReport;
import io.keywarden.domain.audit.AuditEvent;
import io.keywarden.trust.ephemeral.EphemeralRootOfTrust;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The active segment's preallocated zero tail (ADR 6, "Preallocation"): readers stop at the data end,
 * a closed or stopped log's files end at their data, and what a crash leaves in the tail is a torn write,
 * never tampering.
 */
class PreallocationTest {
  @TempDir Path dir;
  private final EphemeralRootOfTrust root = new EphemeralRootOfTrust();

  private AuditSigningKey key() {
    return AuditSigningKey.in(dir, root);
  }

  @Test
  void openLog_keepsZerosAheadOfItsData_readersStopThere_andCloseCutsThem() throws Exception {
    Path active;
    try (FileAuditLog log = open(dir, key(), options())) {
      List<AuditEvent> events = appendAll(log, 0, 50);
      active = segments(dir).get(0).path();
      SegmentLines.Extent x = awaitPreallocated(active);
      assertEquals(x.dataEnd(), x.lineEnd(), "the data ends with a complete line");
      assertEquals(0, SegmentLines.nonZeroBytesFrom(active, x.dataEnd()), "zeros after the data");

      VerificationReport live = verify(dir);
      assertEquals(50, live.events());
      assertTrue(live.of(Kind.TORN_LINE).isEmpty() && live.of(Kind.MALFORMED).isEmpty(),
          live.findings()::toString);
      Set<String> scanned = new HashSet<>();
      log.scanNewestFirst(Instant.EPOCH, Instant.now().plusSeconds(60), e -> scanned.add(e.eventId()));
      assertEquals(events.stream().map(AuditEvent::eventId).collect(java.util.stream.Collectors.toSet()), scanned);
    }
    SegmentLines.Extent closed = SegmentLines.extent(active);
    assertEquals(closed.size(), closed.dataEnd(), "a stopped log's file ends at its data");
    assertEquals(closed.size(), closed.lineEnd());
    assertFalse(Files.exists(dir.resolve(Preallocator.SPARE_FILE)), "no spare left behind");
    VerificationReport report = verify(dir);
    assertTrue(report.findings().isEmpty(), report.findings()::toString);
  }

  @Test
  void preallocationOff_theFileEndsAtItsDataWhileOpen() throws Exception {
    try (FileAuditLog log = open(dir, key(), options().withPreallocateBytes(0))) {
      appendAll(log, 0, 20);
      SegmentLines.Extent x = SegmentLines.extent(segments(dir).get(0).path());
      assertEquals(x.size(), x.dataEnd());
    }
    assertTrue(verify(dir).findings().isEmpty());
  }

  @Test
  void rollingSegments_closedOnesEndAtTheirData_andTheChainVerifies() throws Exception {
    AuditLogOptions small = options().withSegmentMaxBytes(16 << 10).withPreallocateBytes(1 << 20);
    try (FileAuditLog log = open(dir, key(), small)) {
      for (int i = 0; i < 20; i++) {
        appendAll(log, i * 30, 30);
      }
    }
    List<Segment> segs = segments(dir);
    assertTrue(segs.size() >= 4, "rolled: " + segs.size());
    for (Segment s : segs) {
      SegmentLines.Extent x = SegmentLines.extent(s.path());
      assertEquals(x.size(), x.lineEnd(), s + " ends with its last line, no zeros");
    }
    VerificationReport report = verify(dir);
    assertTrue(report.findings().isEmpty(), report.findings()::toString);
    assertEquals(600, report.events());
  }

  @Test
  void crashLeftovers_inTheZeroTail_areATornWrite_cutOnOpen() throws Exception {
    try (FileAuditLog log = open(dir, key(), options())) {
      appendAll(log, 0, 5);
    }
    Path active = segments(dir).get(0).path();
    long before = Files.size(active);
    // What a crash can leave in a preallocated tail: a line cut short, then zeros (a page never
    // written), then bytes of a later page of the same unacknowledged write, then zeros.
    ByteArrayOutputStream tail = new ByteArrayOutputStream();
    tail.write("{\"seq\":7,\"prev\":\"ab".getBytes(StandardCharsets.US_ASCII));
    tail.write(new byte[4096]);
    tail.write("\"eventName\":\"Encrypt\"}}\n".getBytes(StandardCharsets.US_ASCII));
    tail.write(new byte[70_000]);
    Files.write(active, tail.toByteArray(), StandardOpenOption.APPEND);

    VerificationReport torn = verify(dir);
    assertEquals(3, torn.exitCode(), torn.findings()::toString);
    assertEquals(1, torn.of(Kind.TORN_LINE).size(), torn.findings()::toString);
    assertTrue(torn.of(Kind.MALFORMED).isEmpty(), torn.findings()::toString);
    assertEquals(5, torn.events());

    try (FileAuditLog log = open(dir, key(), options())) {
      assertEquals(before, SegmentLines.extent(active).lineEnd(), "the chain continues after the 5 records");
      appendAll(log, 5, 5);
    }
    VerificationReport report = verify(dir);
    assertTrue(report.findings().isEmpty(), report.findings()::toString);
    assertEquals(10, report.events());
  }

  @Test
  void zeroBytesInAClosedSegment_areTampering() throws Exception {
    try (FileAuditLog log = open(dir, key(), options().withSegmentMaxBytes(4 << 10))) {
      for (int i = 0; i < 10; i++) {
        appendAll(log, i * 10, 10);
      }
    }
    Segment closed = segments(dir).get(1);
    byte[] bytes = Files.readAllBytes(closed.path());
    for (int i = 100; i < 120; i++) {
      bytes[i] = 0;
    }
    Files.write(closed.path(), bytes);
    VerificationReport r = verify(dir);
    assertEquals(1, r.exitCode(), r.findings()::toString);
    assertFalse(r.of(Kind.MALFORMED).isEmpty(), r.findings()::toString);
  }

  /** Waits (bounded) until the preallocator has put zeros after the data of {@code file}. */
  private static SegmentLines.Extent awaitPreallocated(Path file) throws Exception {
    for (int i = 0; i < 1000; i++) {
      SegmentLines.Extent x = SegmentLines.extent(file);
      if (x.size() > x.dataEnd()) {
        return x;
      }
      Thread.sleep(10);
    }
    throw new AssertionError("no preallocated tail after 10 s: " + SegmentLines.extent(file));
  }
}

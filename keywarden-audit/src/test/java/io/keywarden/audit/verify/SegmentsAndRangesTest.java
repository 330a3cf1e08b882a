package io.keywarden.audit.verify;

import static io.keywarden.audit.AuditFixtures.appendEach;
import static io.keywarden.audit.AuditFixtures.lines;
import static io.keywarden.audit.AuditFixtures.open;
import static io.keywarden.audit.AuditFixtures.options;
import static io.keywarden.audit.AuditFixtures.segments;
import static io.keywarden.audit.AuditFixtures.verify;
import static io.keywarden.audit.AuditFixtures.writeLines;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.keywarden.audit.MutableClock;
import io.keywarden.audit.file.FileAuditLog;
import io.keywarden.audit.format.Segment;
import io.keywarden.audit.signing.AuditPublicKeys;
import io.keywarden.audit.signing.AuditSigningKey;
import io.keywarden.audit.verify.Finding.Kind;
import io.keywarden.trust.ephemeral.EphemeralRootOfTrust;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Logs of several segments: deletion of a segment, time-range checks, retention. */
class SegmentsAndRangesTest {
  private static final Instant T0 = Instant.parse("2025-06-01T00:00:00Z");
  @TempDir Path dir;

  @Test
  void deletedMiddleSegment_isReportedAsDeleted() throws Exception {
    writeHourly(1, 6);
    List<Segment> segs = segments(dir);
    Files.delete(segs.get(2).path());
    VerificationReport r = verify(dir);
    assertEquals(1, r.exitCode());
    assertEquals(List.of(Kind.DELETED), r.findings().stream().map(Finding::kind).toList(), r.findings()::toString);
  }

  @Test
  void deletedFirstSegment_isReportedAsMissingAtTheStart() throws Exception {
    writeHourly(1, 6);
    Files.delete(segments(dir).get(0).path());
    VerificationReport r = verify(dir);
    assertEquals(1, r.exitCode());
    assertEquals(1, r.of(Kind.DELETED).size(), r.findings()::toString);
    assertEquals(0, r.of(Kind.DELETED).get(0).seq());
  }

  @Test
  void timeRange_checksOnlyTheSegmentsOfThatRange() throws Exception {
    writeHourly(1, 8);
    List<Segment> segs = segments(dir);
    assertTrue(segs.size() >= 6, "segments: " + segs.size());
    // Tamper with the first segment: a range of the last hours does not read it.
    List<String> first = lines(segs.get(0));
    int e = first.get(0).contains("\"type\":\"event\"") ? 0 : 1;
    first.set(e, first.get(e).replace("Encrypt", "Encrypz"));
    writeLines(segs.get(0), first);

    AuditVerifier v = new AuditVerifier(dir, keys(), Clock.systemUTC());
    VerificationReport late = v.verify(T0.plus(Duration.ofHours(6)), T0.plus(Duration.ofHours(8)));
    assertEquals(0, late.exitCode(), late.findings()::toString);
    assertTrue(late.firstSeq() > 0 && late.events() < 40, "a part of the log: " + late.events());
    VerificationReport early = v.verify(T0, T0.plus(Duration.ofHours(1)));
    assertEquals(1, early.exitCode(), early.findings()::toString);
    assertEquals(1, v.verify().exitCode());
  }

  @Test
  void timeRange_detectsADeletedSegmentNextToIt() throws Exception {
    writeHourly(1, 8);
    List<Segment> segs = segments(dir);
    Files.delete(segs.get(segs.size() - 3).path());
    VerificationReport r =
        new AuditVerifier(dir, keys(), Clock.systemUTC()).verify(T0.plus(Duration.ofHours(7)), T0.plus(Duration.ofHours(8)));
    assertEquals(1, r.exitCode(), r.findings()::toString);
    assertEquals(1, r.of(Kind.DELETED).size(), r.findings()::toString);
  }

  @Test
  void retention_deletesOldSegments_andTheRestStillVerifies_butNotAFurtherDeletion() throws Exception {
    MutableClock clock = new MutableClock(T0);
    AuditSigningKey key = AuditSigningKey.in(dir, new EphemeralRootOfTrust());
    var o = options().withSegmentMaxBytes(3000).withRetention(Duration.ofDays(1));
    int before;
    try (FileAuditLog log = open(dir, key, o, clock)) {
      for (int h = 0; h < 5; h++) {
        appendEach(log, h * 10, 10, clock.instant());
        clock.advance(Duration.ofHours(1));
      }
      before = segments(dir).size();
      clock.advance(Duration.ofDays(1)); // everything so far is past retention
      for (int h = 0; h < 3; h++) {
        appendEach(log, 100 + h * 10, 10, clock.instant());
        clock.advance(Duration.ofMinutes(20));
      }
    }
    List<Segment> after = segments(dir);
    assertTrue(after.size() < before, "retention deleted segments: " + before + " -> " + after.size());
    assertTrue(after.get(0).firstSeq() > 0);
    VerificationReport r = verify(dir, clock);
    assertEquals(0, r.exitCode(), r.findings()::toString);
    assertTrue(r.events() >= 30 && r.events() < 50, "the events within retention remain, and the segment "
        + "that holds the oldest of them: " + r.events());

    Files.delete(after.get(0).path());
    VerificationReport tampered = verify(dir, clock);
    assertEquals(1, tampered.exitCode(), tampered.findings()::toString);
    assertEquals(1, tampered.of(Kind.DELETED).size(), tampered.findings()::toString);
  }

  /** Five events an hour for {@code hours} hours, in segments of about 3 KB (one or two an hour). */
  private void writeHourly(int unused, int hours) throws Exception {
    MutableClock clock = new MutableClock(T0);
    try (FileAuditLog log = open(dir, AuditSigningKey.in(dir, new EphemeralRootOfTrust()),
        options().withSegmentMaxBytes(3000), clock)) {
      for (int h = 0; h < hours; h++) {
        appendEach(log, h * 10, 5, clock.instant());
        clock.advance(Duration.ofHours(1));
      }
    }
  }

  private AuditPublicKeys keys() throws Exception {
    return AuditPublicKeys.of(AuditPublicKeys.readBeside(dir).orElseThrow());
  }
}

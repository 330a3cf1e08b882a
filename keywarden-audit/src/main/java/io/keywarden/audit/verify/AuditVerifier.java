package io.keywarden.audit.verify;

import io.keywarden.audit.format.ChainHash;
import io.keywarden.audit.format.DigestRecord;
import io.keywarden.audit.format.RecordCodec;
import io.keywarden.audit.format.Segment;
import io.keywarden.audit.format.SegmentLines;
import io.keywarden.audit.signing.AuditPublicKeys;
import io.keywarden.audit.verify.Finding.Kind;
import io.keywarden.audit.verify.Finding.Severity;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.TreeSet;

/**
 * Checks an audit log directory: every line is a canonical record; sequence numbers are consecutive
 * and in file order (else records were deleted, inserted or reordered); each record's SHA-256 is the
 * {@code prev} of the next (else it was modified); every digest's signature verifies with the public
 * key and chains to the previous digest; the chain starts where the newest digest says retention left
 * it; and every record is covered by a signed digest, except a tail after the last one, which is fine
 * only while the log is open and its next digest not yet due.
 *
 * <p>A time range limits the check to the segments that may hold records of that range: segment
 * {@code i} is taken to span from its first record's time to segment {@code i + 1}'s first record's
 * time, widened by {@link #RANGE_MARGIN} (an event's time is when its request arrived, a little
 * before its append). The range's chain is anchored on the signed digest that ends the segment
 * before it and checked against the first record of the segment after it.
 *
 * <p>Memory: about 300 bytes per record of the checked range.
 */
public final class AuditVerifier {
  /** How far an event's time may precede the time of records appended just before it. */
  public static final Duration RANGE_MARGIN = Duration.ofMinutes(15);

  private final Path dir;
  private final AuditPublicKeys keys;
  private final Clock clock;

  public AuditVerifier(Path auditDir, AuditPublicKeys keys, Clock clock) {
    this.dir = Objects.requireNonNull(auditDir, "auditDir");
    this.keys = Objects.requireNonNull(keys, "keys");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /** The whole log. */
  public VerificationReport verify() throws IOException {
    return verify(null, null);
  }

  /** The segments that may hold records of {@code [from, to)} (either may be {@code null}: unbounded). */
  public VerificationReport verify(Instant from, Instant to) throws IOException {
    List<Segment> all = Segment.list(dir);
    List<Finding> findings = new ArrayList<>();
    int a = 0;
    int b = all.size() - 1;
    if ((from != null || to != null) && !all.isEmpty()) {
      int[] span = span(all, from == null ? Instant.MIN : from, to == null ? Instant.MAX : to);
      a = span[0];
      b = span[1];
    }
    if (all.isEmpty() || a > b) {
      // A missing log proves nothing (it may have been removed whole); an empty range is just empty.
      findings.add(all.isEmpty()
          ? new Finding(Severity.INCOMPLETE, Kind.EMPTY, -1, "", "no audit log in " + dir)
          : new Finding(Severity.NOTE, Kind.EMPTY, -1, "", "no segment holds records of the requested range"));
      return new VerificationReport(findings, 0, 0, -1, -1, new TreeSet<>());
    }
    LogReading reading = new LogReading();
    for (int i = a; i <= b; i++) {
      reading.read(all.get(i), i == all.size() - 1);
    }
    ReadLine anchor = a > 0 ? LogReading.lastOf(all.get(a - 1)) : null;
    ReadLine following = b < all.size() - 1 ? LogReading.firstOf(all.get(b + 1)) : null;
    Check check = new Check(reading, findings, keys);
    check.run(anchor, following, a == 0, b == all.size() - 1 ? new Liveness(dir, clock) : null);
    return check.report();
  }

  private static int[] span(List<Segment> all, Instant from, Instant to) throws IOException {
    Instant[] firstTimes = new Instant[all.size()];
    for (int i = 0; i < all.size(); i++) {
      Instant[] t = {null};
      SegmentLines.forward(all.get(i).path(), Long.MAX_VALUE, line -> {
        t[0] = RecordCodec.peekTime(line.bytes());
        return false;
      });
      firstTimes[i] = t[0];
    }
    int a = Integer.MAX_VALUE;
    int b = -1;
    for (int i = 0; i < all.size(); i++) {
      Instant start = firstTimes[i] == null ? Instant.MIN : firstTimes[i].minus(RANGE_MARGIN);
      Instant end = i + 1 < all.size() && firstTimes[i + 1] != null
          ? firstTimes[i + 1].plus(RANGE_MARGIN) : Instant.MAX;
      if (!end.isBefore(from) && start.isBefore(to)) {
        a = Math.min(a, i);
        b = Math.max(b, i);
      }
    }
    return new int[] {a, b};
  }

  /** Whether a writer holds the log, and the time. */
  record Liveness(Path dir, Clock clock) {
    boolean writerRunning() {
      return LogLock.heldByWriter(dir);
    }
  }

  /** The checks over one reading. */
  private static final class Check {
    private final LogReading reading;
    private final List<Finding> findings;
    private final AuditPublicKeys keys;
    private final List<ReadLine> genuine = new ArrayList<>(); // by seq, one per seq
    private final List<ReadLine> validDigests = new ArrayList<>();
    private final List<Long> gapStarts = new ArrayList<>(); // first missing seq of each DELETED gap
    private long events;
    private long digests;
    private final TreeSet<String> keyIds = new TreeSet<>();

    Check(LogReading reading, List<Finding> findings, AuditPublicKeys keys) {
      this.reading = reading;
      this.findings = findings;
      this.keys = keys;
    }

    void run(ReadLine anchor, ReadLine following, boolean fromStart, Liveness liveness) {
      for (LogReading.Malformed m : reading.malformed) {
        add(Severity.TAMPERED, Kind.MALFORMED, -1, m.location(),
            "not a valid audit record (" + m.reason() + "): the line was modified or written by something else");
      }
      for (ReadLine r : reading.records) {
        if (r.digest() == null) {
          events++;
        } else {
          digests++;
          keyIds.add(r.digest().keyId());
        }
      }
      chooseGenuine();
      findReordered();
      findGapsAndBreaks();
      if (anchor != null && !genuine.isEmpty()) {
        checkAnchor(anchor);
      }
      if (following != null && !genuine.isEmpty()) {
        checkFollowing(following);
      }
      checkDigests(anchor);
      if (fromStart && !genuine.isEmpty()) {
        checkChainStart();
      }
      if (liveness != null) {
        checkCoverage(anchor, liveness);
      } else if (!genuine.isEmpty() && last().digest() == null) {
        add(Severity.TAMPERED, Kind.DELETED, last().seq(), last().location(),
            "a closed segment must end with a digest: records after seq " + last().seq() + " are missing");
      }
    }

    private ReadLine last() {
      return genuine.get(genuine.size() - 1);
    }

    /** Of records sharing a sequence number, keeps the one the chain continues from. */
    private void chooseGenuine() {
      List<ReadLine> bySeq = new ArrayList<>(reading.records);
      bySeq.sort(Comparator.comparingLong(ReadLine::seq).thenComparingInt(r -> r.pos));
      int i = 0;
      ReadLine previous = null;
      while (i < bySeq.size()) {
        int j = i;
        while (j < bySeq.size() && bySeq.get(j).seq() == bySeq.get(i).seq()) {
          j++;
        }
        ReadLine chosen = bySeq.get(i);
        if (j - i > 1) {
          List<ReadLine> run = bySeq.subList(i, j);
          List<String> successorPrevs = new ArrayList<>();
          for (int k = j; k < bySeq.size() && bySeq.get(k).seq() == bySeq.get(i).seq() + 1; k++) {
            successorPrevs.add(bySeq.get(k).prev());
          }
          ReadLine pred = previous != null && previous.seq() == chosen.seq() - 1 ? previous : null;
          chosen = run.stream().filter(r -> successorPrevs.contains(r.hash)).findFirst()
              .or(() -> run.stream().filter(r -> pred != null && r.prev().equals(pred.hash)).findFirst())
              .orElse(run.get(0));
          for (ReadLine r : run) {
            if (r != chosen) {
              r.genuine = false;
              add(Severity.TAMPERED, Kind.INSERTED, r.seq(), r.location(),
                  "a second record with seq " + r.seq() + " that the chain does not continue from: inserted "
                      + "(the chain's record " + r.seq() + " is at " + chosen.location() + ")");
            }
          }
        }
        genuine.add(chosen);
        previous = chosen;
        i = j;
      }
    }

    /** Records not on the longest in-order run of the file are out of place. */
    private void findReordered() {
      List<ReadLine> inFileOrder = reading.records.stream().filter(r -> r.genuine).toList();
      int n = inFileOrder.size();
      int[] tails = new int[n]; // index of the smallest tail of an increasing run of each length
      int[] parent = new int[n];
      int length = 0;
      for (int i = 0; i < n; i++) {
        long s = inFileOrder.get(i).seq();
        int lo = 0;
        int hi = length;
        while (lo < hi) {
          int mid = (lo + hi) >>> 1;
          if (inFileOrder.get(tails[mid]).seq() < s) {
            lo = mid + 1;
          } else {
            hi = mid;
          }
        }
        parent[i] = lo > 0 ? tails[lo - 1] : -1;
        tails[lo] = i;
        length = Math.max(length, lo + 1);
      }
      boolean[] inOrder = new boolean[n];
      for (int k = length > 0 ? tails[length - 1] : -1; k >= 0; k = parent[k]) {
        inOrder[k] = true;
      }
      for (int i = 0; i < n; i++) {
        if (!inOrder[i]) {
          ReadLine r = inFileOrder.get(i);
          String after = i > 0 ? " (it follows seq " + inFileOrder.get(i - 1).seq() + ")" : "";
          add(Severity.TAMPERED, Kind.REORDERED, r.seq(), r.location(),
              "record seq " + r.seq() + " is out of its place in the log" + after);
        }
      }
    }

    private void findGapsAndBreaks() {
      for (int i = 1; i < genuine.size(); i++) {
        ReadLine a = genuine.get(i - 1);
        ReadLine b = genuine.get(i);
        if (b.seq() > a.seq() + 1) {
          int lo = Math.min(a.pos, b.pos);
          int hi = Math.max(a.pos, b.pos);
          boolean explained = reading.malformed.stream().anyMatch(m -> m.pos() > lo && m.pos() <= hi);
          if (!explained) {
            gapStarts.add(a.seq() + 1);
            add(Severity.TAMPERED, Kind.DELETED, a.seq() + 1, "after " + a.location(),
                "records seq " + range(a.seq() + 1, b.seq() - 1) + " are missing (deleted)");
          }
        } else if (!b.prev().equals(a.hash)) {
          add(Severity.TAMPERED, Kind.MODIFIED, a.seq(), a.location(),
              "record seq " + a.seq() + " was modified: its SHA-256 is not the one that seq " + b.seq()
                  + " chains to");
        }
      }
    }

    private void checkAnchor(ReadLine anchor) {
      ReadLine first = genuine.get(0);
      if (anchor.digest() == null || !keys.isEmpty() && !signatureValid(anchor.digest())) {
        add(Severity.TAMPERED, Kind.DIGEST_SIGNATURE_INVALID, anchor.seq(), anchor.location(),
            "the segment before the range does not end with a valid signed digest");
      }
      if (first.seq() > anchor.seq() + 1) {
        gapStarts.add(anchor.seq() + 1);
        add(Severity.TAMPERED, Kind.DELETED, anchor.seq() + 1, first.location(),
            "records seq " + range(anchor.seq() + 1, first.seq() - 1) + " are missing (deleted)");
      } else if (first.seq() == anchor.seq() + 1 && !first.prev().equals(anchor.hash)) {
        add(Severity.TAMPERED, Kind.MODIFIED, first.seq(), first.location(),
            "record seq " + first.seq() + " does not chain to the digest that precedes it");
      }
    }

    private void checkFollowing(ReadLine following) {
      ReadLine last = last();
      if (following.seq() > last.seq() + 1) {
        add(Severity.TAMPERED, Kind.DELETED, last.seq() + 1, "after " + last.location(),
            "records seq " + range(last.seq() + 1, following.seq() - 1) + " are missing (deleted)");
      } else if (following.seq() == last.seq() + 1 && !following.prev().equals(last.hash)) {
        add(Severity.TAMPERED, Kind.MODIFIED, last.seq(), last.location(),
            "record seq " + last.seq() + " was modified: its SHA-256 is not the one that seq "
                + following.seq() + " chains to");
      }
    }

    private void checkDigests(ReadLine anchor) {
      ReadLine previous = anchor != null && anchor.digest() != null ? anchor : null;
      boolean noKeyReported = false;
      for (ReadLine r : genuine) {
        DigestRecord d = r.digest();
        if (d == null) {
          continue;
        }
        if (keys.isEmpty()) {
          if (!noKeyReported) {
            add(Severity.INCOMPLETE, Kind.NO_PUBLIC_KEY, -1, "",
                "no public key: digest signatures cannot be checked (give --public-key)");
            noKeyReported = true;
          }
        } else if (!signatureValid(d)) {
          add(Severity.TAMPERED, Kind.DIGEST_SIGNATURE_INVALID, d.seq(), r.location(),
              keys.get(d.keyId()).isEmpty()
                  ? "digest seq " + d.seq() + " names signing key " + d.keyId() + ", which is not the given public key"
                  : "digest seq " + d.seq() + ": the signature does not verify (a forged or modified digest)");
        } else {
          validDigests.add(r);
          if (d.afterUncleanStop()) {
            add(Severity.NOTE, Kind.UNCLEAN_STOP, d.seq(), r.location(),
                "the log was reopened after a stop without a final digest (a crash, or a stop while sealed); "
                    + "records seq " + range(d.from(), d.seq() - 1) + " were signed only on reopening");
          }
        }
        long prevSeq = previous == null ? -1 : previous.seq();
        boolean gapBetween = gapStarts.stream().anyMatch(g -> g > prevSeq && g < d.seq());
        if (previous != null && !gapBetween
            && (!d.prevDigest().equals(previous.hash) || d.from() != previous.seq() + 1)) {
          add(Severity.TAMPERED, Kind.DIGEST_CHAIN_BROKEN, d.seq(), r.location(),
              "digest seq " + d.seq() + " does not follow digest seq " + previous.seq()
                  + ": a digest between them was removed, or one of them altered");
        }
        previous = r;
      }
    }

    private boolean signatureValid(DigestRecord d) {
      return keys.verify(d.keyId(), d.signedBytes(), d.signature());
    }

    /** The first record must be where the newest signed digest says the retained chain starts. */
    private void checkChainStart() {
      long start = 0;
      String startPrev = ChainHash.ZERO;
      for (ReadLine r : validDigests) {
        if (r.digest().chainStart() >= start) {
          start = r.digest().chainStart();
          startPrev = r.digest().chainStartPrev();
        }
      }
      ReadLine first = genuine.get(0);
      if (first.seq() > start) {
        add(Severity.TAMPERED, Kind.DELETED, start, "before " + first.location(),
            "records seq " + range(start, first.seq() - 1) + " are missing at the start of the log "
                + "(the signed chain starts at seq " + start + ")");
      } else if (first.seq() == start && !first.prev().equals(startPrev)) {
        add(Severity.TAMPERED, Kind.MODIFIED, first.seq(), first.location(),
            "record seq " + first.seq() + " does not link to the signed start of the chain");
      }
    }

    private void checkCoverage(ReadLine anchor, Liveness liveness) {
      boolean live = liveness.writerRunning();
      Instant now = liveness.clock().instant();
      ReadLine lastDigest = validDigests.isEmpty()
          ? (anchor != null && anchor.digest() != null ? anchor : null)
          : validDigests.get(validDigests.size() - 1);
      if (reading.torn != null) {
        add(live ? Severity.NOTE : Severity.INCOMPLETE, Kind.TORN_LINE, -1, reading.torn.location(),
            live ? "a line being written (" + reading.torn.bytes() + " bytes so far)"
                : "an incomplete last line (" + reading.torn.bytes() + " bytes): a write cut short by a "
                    + "crash, never acknowledged; it is removed when the log is next opened");
      }
      if (genuine.isEmpty() || keys.isEmpty()) {
        return; // without a key, coverage is unknown: NO_PUBLIC_KEY says so
      }
      long lastSeq = last().seq();
      if (lastDigest == null) {
        add(live ? Severity.NOTE : Severity.INCOMPLETE, Kind.NOT_COVERED, genuine.get(0).seq(), "",
            "no valid signed digest covers any of the " + genuine.size() + " records"
                + (live ? " yet (the log is open; is the server sealed?)" : ""));
        return;
      }
      DigestRecord d = lastDigest.digest();
      long tail = lastSeq - d.seq();
      if (tail == 0 && d.finalDigest()) {
        return;
      }
      Instant due = d.time().plusSeconds(2 * Math.max(1, d.intervalSeconds()));
      if (live && !now.isAfter(due)) {
        add(Severity.NOTE, Kind.NOT_COVERED, d.seq() + 1, "",
            tail + " record(s) after digest seq " + d.seq() + " not yet covered (the log is open; the next "
                + "digest is due by " + d.time().plusSeconds(d.intervalSeconds()) + ")");
      } else if (live) {
        add(Severity.INCOMPLETE, Kind.NOT_COVERED, d.seq() + 1, "",
            "the log is open but its last signed digest (seq " + d.seq() + ", " + d.time() + ") is overdue: "
                + tail + " record(s) after it are not covered (is the server sealed?)");
      } else {
        add(Severity.INCOMPLETE, Kind.NOT_COVERED, d.seq() + 1, "",
            "the log does not end with a final digest: " + tail + " record(s) after digest seq " + d.seq()
                + " are not covered. The server stopped without a final digest (a crash, or stopped while "
                + "sealed), or records after seq " + d.seq() + " were removed");
      }
    }

    private static String range(long a, long b) {
      return a == b ? Long.toString(a) : a + ".." + b;
    }

    private void add(Severity s, Kind k, long seq, String location, String message) {
      findings.add(new Finding(s, k, seq, location, message));
    }

    VerificationReport report() {
      long first = genuine.isEmpty() ? -1 : genuine.get(0).seq();
      long lastSeq = genuine.isEmpty() ? -1 : last().seq();
      return new VerificationReport(findings, events, digests, first, lastSeq, keyIds);
    }
  }
}

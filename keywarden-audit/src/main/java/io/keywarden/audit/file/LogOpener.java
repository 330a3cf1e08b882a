package io.keywarden.audit.file;

import io.keywarden.audit.format.AuditRecord;
import io.keywarden.audit.format.ChainHash;
import io.keywarden.audit.format.DigestRecord;
import io.keywarden.audit.format.MalformedRecordException;
import io.keywarden.audit.format.RecordCodec;
import io.keywarden.audit.format.Segment;
import io.keywarden.audit.format.SegmentLines;
import java.io.IOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Opens an existing log for appending: truncates the newest segment after its last complete line before
 * its data end (a preallocated zero tail, or a write that a crash interrupted, never acknowledged since
 * its fsync never returned), then finds the last record and the last digest, from which the chain
 * continues.
 */
final class LogOpener {
  private static final Logger LOG = System.getLogger(LogOpener.class.getName());
  private static final byte[] DIGEST_TYPE = "\"type\":\"digest\"".getBytes(StandardCharsets.US_ASCII);

  private LogOpener() {}

  /** Reads {@code dir} into {@code index} and returns the chain state; creates segment 0 if none exists. */
  static ChainState open(Path dir, SegmentChannels channels, SegmentIndex index) throws IOException {
    List<Segment> segments = Segment.list(dir);
    ChainState state = new ChainState();
    if (segments.isEmpty()) {
      Segment first = Segment.in(dir, 0);
      try (FileChannel ch = channels.openForWrite(first.path())) {
        ch.force(true);
      }
      AtomicFiles.syncDirectory(dir);
      index.add(new SegmentIndex.Entry(first, TimeRange.EMPTY, 0));
      return state;
    }
    Segment active = segments.get(segments.size() - 1);
    long kept = truncateTail(active.path(), channels);
    for (int i = 0; i < segments.size() - 1; i++) {
      index.add(new SegmentIndex.Entry(segments.get(i), null, Long.MAX_VALUE));
    }
    index.add(new SegmentIndex.Entry(active, SegmentIndex.scan(active.path(), kept), kept));

    Found f = new Found();
    for (int i = segments.size() - 1; i >= 0 && f.digest == null; i--) {
      Segment s = segments.get(i);
      SegmentLines.backward(s.path(), i == segments.size() - 1 ? kept : Long.MAX_VALUE, line -> {
        AuditRecord r = null;
        if (f.last == null) {
          r = f.last = parse(s, line.bytes());
          f.lastHash = ChainHash.of(line.bytes());
        } else if (contains(line.bytes(), DIGEST_TYPE)) {
          r = parse(s, line.bytes());
        }
        if (r instanceof DigestRecord d) {
          f.digest = d;
          f.digestHash = ChainHash.of(line.bytes());
          return false;
        }
        return true;
      });
    }
    AuditRecord last = f.last;
    DigestRecord lastDigest = f.digest;
    if (last != null) {
      state.nextSeq = last.seq() + 1;
      state.lastHash = f.lastHash;
    }
    if (last == null) {
      if (active.firstSeq() != 0) {
        throw new IllegalStateException("the audit log in " + dir + " has segments but no record");
      }
      return state;
    }
    if (lastDigest != null) {
      state.digested(lastDigest, f.digestHash);
      state.recordsSinceDigest = last.seq() - lastDigest.seq();
    } else {
      AuditRecord first = firstRecord(segments.get(0));
      state.chainStart = first.seq();
      state.chainStartPrev = first.prev();
      state.recordsSinceDigest = last.seq() - first.seq() + 1;
    }
    state.uncleanStop = !(last instanceof DigestRecord d && d.finalDigest());
    return state;
  }

  private static final class Found {
    AuditRecord last;
    String lastHash;
    DigestRecord digest;
    String digestHash;
  }

  private static AuditRecord firstRecord(Segment s) throws IOException {
    AuditRecord[] first = {null};
    SegmentLines.forward(s.path(), Long.MAX_VALUE, line -> {
      first[0] = parse(s, line.bytes());
      return false;
    });
    return first[0];
  }

  private static AuditRecord parse(Segment s, byte[] line) {
    try {
      return RecordCodec.parse(new String(line, StandardCharsets.UTF_8));
    } catch (MalformedRecordException e) {
      throw new IllegalStateException(
          "cannot continue the audit chain: a record near the end of " + s.path()
              + " is damaged (" + e.getMessage() + "); run 'keywarden audit verify'");
    }
  }

  /**
   * Cuts the file after its last complete line before its data end (the first zero byte: a preallocated
   * tail, see {@link SegmentLines}); returns the size kept. What is cut is the unwritten tail (zeros),
   * a line a crash tore, or bytes written after a gap; none of it was acknowledged, since the fsync that
   * would have covered it never returned. The writer preallocates again from there.
   */
  private static long truncateTail(Path file, SegmentChannels channels) throws IOException {
    SegmentLines.Extent x = SegmentLines.extent(file);
    long keep = x.lineEnd();
    if (keep < x.size()) {
      long torn = x.tornBytes() + (x.dataEnd() < x.size() ? SegmentLines.nonZeroBytesFrom(file, x.dataEnd()) : 0);
      try (FileChannel ch = channels.openForWrite(file)) {
        ch.truncate(keep);
        ch.force(true);
      }
      if (torn > 0) {
        LOG.log(Level.WARNING, "audit log: removed {0} bytes of a torn write (never acknowledged) from {1}",
            torn, file);
      }
    }
    return keep;
  }

  static boolean contains(byte[] hay, byte[] needle) {
    int limit = Math.min(hay.length, 200) - needle.length;
    outer:
    for (int i = 0; i <= limit; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (hay[i + j] != needle[j]) {
          continue outer;
        }
      }
      return true;
    }
    return false;
  }
}

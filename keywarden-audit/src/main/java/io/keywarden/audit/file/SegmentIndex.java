package io.keywarden.audit.file;

import io.keywarden.audit.format.RecordCodec;
import io.keywarden.audit.format.Segment;
import io.keywarden.audit.format.SegmentLines;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The segments of an open log, oldest first, with what readers need: how many bytes of each are
 * durable, and the time range of its records (computed once for a segment that was already closed when
 * the log was opened; kept up to date by the writer for the others).
 */
final class SegmentIndex {

  /** One segment. */
  static final class Entry {
    final Segment segment;
    private volatile TimeRange bounds;
    private volatile long readable;

    Entry(Segment segment, TimeRange bounds, long readable) {
      this.segment = segment;
      this.bounds = bounds;
      this.readable = readable;
    }

    long readable() {
      return readable;
    }

    void setReadable(long bytes) {
      readable = bytes;
    }

    void extend(TimeRange more) {
      TimeRange b = bounds == null ? TimeRange.EMPTY : bounds;
      if (!more.isEmpty()) {
        b = b.with(more.min()).with(more.max());
      }
      bounds = b;
    }

    /** The records' time range, reading the segment if it is not known yet. */
    TimeRange bounds() throws IOException {
      TimeRange b = bounds;
      if (b == null) {
        b = scan(segment.path(), readable);
        bounds = b;
      }
      return b;
    }
  }

  private final List<Entry> entries = new CopyOnWriteArrayList<>();

  List<Entry> snapshot() {
    return List.copyOf(entries);
  }

  Entry newest() {
    return entries.get(entries.size() - 1);
  }

  void add(Entry e) {
    entries.add(e);
  }

  void remove(Entry e) {
    entries.remove(e);
  }

  static TimeRange scan(Path file, long limit) throws IOException {
    TimeRange[] r = {TimeRange.EMPTY};
    SegmentLines.forward(file, limit, line -> {
      Instant t = RecordCodec.peekTime(line.bytes());
      if (t != null) {
        r[0] = r[0].with(t);
      }
      return true;
    });
    return r[0];
  }
}

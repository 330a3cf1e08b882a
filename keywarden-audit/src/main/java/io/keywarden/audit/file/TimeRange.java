package io.keywarden.audit.file;

import java.time.Instant;

/** The earliest and latest record time in a segment (events and digests alike). */
record TimeRange(Instant min, Instant max) {
  static final TimeRange EMPTY = new TimeRange(null, null);

  boolean isEmpty() {
    return min == null;
  }

  TimeRange with(Instant t) {
    if (isEmpty()) {
      return new TimeRange(t, t);
    }
    return new TimeRange(t.isBefore(min) ? t : min, t.isAfter(max) ? t : max);
  }

  /** Whether some time in this range may fall in {@code [from, to)}. */
  boolean overlaps(Instant from, Instant to) {
    return !isEmpty() && max.compareTo(from) >= 0 && min.isBefore(to);
  }
}

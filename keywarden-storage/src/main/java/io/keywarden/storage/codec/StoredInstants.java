package io.keywarden.storage.codec;

import io.keywarden.domain.storage.StorageException;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * How instants are stored: as ISO-8601 text, which keeps every nanosecond (round trips are exact), and,
 * for columns that are queried by range, as epoch milliseconds rounded down.
 *
 * <p>Rounding down keeps range queries exact when paired with a check in code: {@code t <= now} implies
 * {@code floorMillis(t) <= floorMillis(now)}, so a query on the rounded column finds every match (and
 * possibly a few within the same millisecond that the caller then filters out).
 */
public final class StoredInstants {
  private StoredInstants() {}

  public static String toText(Instant instant) {
    return instant.toString();
  }

  /** @throws StorageException if the text is not an instant written by {@link #toText} */
  public static Instant fromText(String text) {
    try {
      return Instant.parse(text);
    } catch (DateTimeParseException e) {
      throw new StorageException("stored instant is unreadable", e);
    }
  }

  /** Epoch milliseconds rounded toward the past, saturated at the range of {@code long}. */
  public static long floorMillis(Instant instant) {
    try {
      return instant.toEpochMilli(); // floors: the nanosecond part of an Instant is never negative
    } catch (ArithmeticException e) {
      return instant.isBefore(Instant.EPOCH) ? Long.MIN_VALUE : Long.MAX_VALUE;
    }
  }
}

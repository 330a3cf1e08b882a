package io.keywarden.audit.format;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;

/**
 * Writes event line heads, {@link RecordCodec#eventLineHead(long, String, Instant, String)}, as UTF-8
 * bytes straight into a buffer, without building them as a {@code String} first (the log's appenders
 * do this once per record, under the writer's lock; docs/PERFORMANCE.md, issue 5). The bytes are the
 * same as that string's: the usual case (a hash, a time between years 0 and 9999, an id of plain ASCII)
 * is written here; anything else is left to the string.
 *
 * <p>Consecutive heads repeat what this writer keeps: the previous line's hash, which the writer was
 * given as bytes ({@link #previousHash}), and the time to the second. Not thread-safe: one per buffer.
 */
public final class EventLineHead {
  private static final byte[] SEQ = bytes("{\"seq\":");
  private static final byte[] PREV = bytes(",\"prev\":\"");
  private static final byte[] TYPE_TIME = bytes("\",\"type\":\"event\",\"time\":\"");
  private static final byte[] ID = bytes("\",\"id\":\"");
  private static final byte[] EVENT = bytes("\",\"event\":");

  /** {@code 0000-01-01T00:00:00Z} and {@code 9999-12-31T23:59:59Z}: four-digit years, no sign. */
  private static final long FIRST_SECOND = -62_167_219_200L;
  private static final long LAST_SECOND = 253_402_300_799L;

  /** {@code yyyy-MM-ddTHH:mm:ss}. */
  private static final int SECOND_LENGTH = 19;

  /** Bytes of the head's fixed parts and its longest time ({@code yyyy-MM-ddTHH:mm:ss.nnnnnnnnnZ}). */
  private static final int FIXED =
      SEQ.length + 20 + PREV.length + TYPE_TIME.length + SECOND_LENGTH + 11 + ID.length + EVENT.length;

  /** The hash the next head probably names as {@code prev}, and its bytes. */
  private String hash;
  private byte[] hashBytes;

  /** The second of the last head's time, and its {@code yyyy-MM-ddTHH:mm:ss}. */
  private long second = Long.MIN_VALUE;
  private final byte[] secondBytes = new byte[SECOND_LENGTH];

  /** The most bytes {@link #write} puts for a head with these parts. */
  public static int maxLength(String prev, String eventId) {
    return FIXED + prev.length() + eventId.length();
  }

  /**
   * Tells this writer the hash of the line just written, as its string and the string's bytes (ASCII
   * hex), which the next head will probably name as {@code prev}. The array must not change.
   */
  public void previousHash(String hex, byte[] ascii) {
    hash = hex;
    hashBytes = ascii;
  }

  /**
   * Writes the head of the event line with these parts into {@code dst} from {@code offset}, if it is
   * of the usual form; the buffer must have room for {@link #maxLength} bytes from {@code offset}.
   *
   * @return the offset after the head, or -1 if the head is not of the usual form (bytes from {@code
   *     offset} on may have been written; the caller then encodes {@link RecordCodec#eventLineHead(long,
   *     String, Instant, String)} in their place)
   */
  public int write(byte[] dst, int offset, long seq, String prev, Instant time, String eventId) {
    long s = time.getEpochSecond();
    if (seq < 0 || s < FIRST_SECOND || s > LAST_SECOND) {
      return -1;
    }
    int p = put(dst, offset, SEQ);
    p = putDecimal(dst, p, seq);
    p = put(dst, p, PREV);
    p = prev == hash ? put(dst, p, hashBytes) : putIfPlain(dst, p, prev);
    if (p < 0) {
      return -1;
    }
    p = put(dst, p, TYPE_TIME);
    p = putInstant(dst, p, s, time.getNano());
    p = put(dst, p, ID);
    p = putIfPlain(dst, p, eventId);
    return p < 0 ? -1 : put(dst, p, EVENT);
  }

  /** Copies {@code s}, if it is written in a JSON string as it is (one byte per character); else -1. */
  private static int putIfPlain(byte[] dst, int p, String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < 0x20 || c >= 0x7f || c == '"' || c == '\\') {
        return -1;
      }
      dst[p++] = (byte) c;
    }
    return p;
  }

  private static int put(byte[] dst, int p, byte[] b) {
    System.arraycopy(b, 0, dst, p, b.length);
    return p + b.length;
  }

  private static int putDecimal(byte[] dst, int p, long v) {
    int digits = 1;
    for (long x = v; x >= 10; x /= 10) {
      digits++;
    }
    for (int i = p + digits - 1; i >= p; i--) {
      dst[i] = (byte) ('0' + v % 10);
      v /= 10;
    }
    return p + digits;
  }

  /** As {@link Instant#toString()} for years 0 to 9999: to the second, then 0, 3, 6 or 9 digits. */
  private int putInstant(byte[] dst, int p, long s, int nano) {
    if (s != second) {
      formatSecond(s);
    }
    p = put(dst, p, secondBytes);
    if (nano != 0) {
      dst[p++] = '.';
      if (nano % 1_000_000 == 0) {
        p = putDigits(dst, p, nano / 1_000_000, 3);
      } else if (nano % 1_000 == 0) {
        p = putDigits(dst, p, nano / 1_000, 6);
      } else {
        p = putDigits(dst, p, nano, 9);
      }
    }
    dst[p++] = 'Z';
    return p;
  }

  private void formatSecond(long s) {
    LocalDate date = LocalDate.ofEpochDay(Math.floorDiv(s, 86_400));
    int secondOfDay = (int) Math.floorMod(s, 86_400);
    byte[] b = secondBytes;
    putDigits(b, 0, date.getYear(), 4);
    b[4] = '-';
    putDigits(b, 5, date.getMonthValue(), 2);
    b[7] = '-';
    putDigits(b, 8, date.getDayOfMonth(), 2);
    b[10] = 'T';
    putDigits(b, 11, secondOfDay / 3600, 2);
    b[13] = ':';
    putDigits(b, 14, secondOfDay / 60 % 60, 2);
    b[16] = ':';
    putDigits(b, 17, secondOfDay % 60, 2);
    second = s;
  }

  private static int putDigits(byte[] dst, int p, int v, int width) {
    for (int i = p + width - 1; i >= p; i--) {
      dst[i] = (byte) ('0' + v % 10);
      v /= 10;
    }
    return p + width;
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}

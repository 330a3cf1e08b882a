package io.keywarden.audit.format;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;

/**
 * Writes an event line's head, {@link RecordCodec#eventLineHead(long, String, Instant, String)}, as
 * UTF-8 bytes straight into a buffer, without building it as a {@code String} first (the writer does
 * this once per record under its lock; docs/PERFORMANCE.md, issue 5). The bytes are the same as that
 * string's: the usual case (a hash, a time between years 0 and 9999, an id of plain ASCII) is written
 * here; anything else goes through the string.
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

  /** Bytes of the head's fixed parts and its longest time ({@code yyyy-MM-ddTHH:mm:ss.nnnnnnnnnZ}). */
  private static final int FIXED = SEQ.length + 20 + PREV.length + TYPE_TIME.length + 30 + ID.length + EVENT.length;

  private EventLineHead() {}

  /**
   * The most bytes {@link #write} puts for a head with these parts; the buffer must have room for them.
   */
  public static int maxLength(String prev, String eventId) {
    return FIXED + prev.length() + eventId.length();
  }

  /**
   * Writes the head of the event line with these parts into {@code dst} from {@code offset}, if it is
   * of the usual form; the buffer must have room for {@link #maxLength} bytes.
   *
   * @return the offset after the head, or -1 if nothing was written because the head is not of the
   *     usual form (the caller then encodes {@link RecordCodec#eventLineHead(long, String, Instant,
   *     String)})
   */
  public static int write(byte[] dst, int offset, long seq, String prev, Instant time, String eventId) {
    long second = time.getEpochSecond();
    if (seq < 0 || second < FIRST_SECOND || second > LAST_SECOND || !isPlain(prev) || !isPlain(eventId)) {
      return -1;
    }
    int p = put(dst, offset, SEQ);
    p = putDecimal(dst, p, seq);
    p = put(dst, p, PREV);
    p = putPlain(dst, p, prev);
    p = put(dst, p, TYPE_TIME);
    p = putInstant(dst, p, second, time.getNano());
    p = put(dst, p, ID);
    p = putPlain(dst, p, eventId);
    return put(dst, p, EVENT);
  }

  /** Whether {@code s} is written in a JSON string as it is, one byte per character. */
  private static boolean isPlain(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < 0x20 || c >= 0x7f || c == '"' || c == '\\') {
        return false;
      }
    }
    return true;
  }

  private static int putPlain(byte[] dst, int p, String s) {
    for (int i = 0; i < s.length(); i++) {
      dst[p++] = (byte) s.charAt(i);
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
  private static int putInstant(byte[] dst, int p, long second, int nano) {
    long day = Math.floorDiv(second, 86_400);
    int secondOfDay = (int) Math.floorMod(second, 86_400);
    LocalDate date = LocalDate.ofEpochDay(day);
    p = putDigits(dst, p, date.getYear(), 4);
    dst[p++] = '-';
    p = putDigits(dst, p, date.getMonthValue(), 2);
    dst[p++] = '-';
    p = putDigits(dst, p, date.getDayOfMonth(), 2);
    dst[p++] = 'T';
    p = putDigits(dst, p, secondOfDay / 3600, 2);
    dst[p++] = ':';
    p = putDigits(dst, p, secondOfDay / 60 % 60, 2);
    dst[p++] = ':';
    p = putDigits(dst, p, secondOfDay % 60, 2);
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

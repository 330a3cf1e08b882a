package io.keywarden.protocol.sigv4;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;

/** SigV4's dates: ISO 8601 basic format ({@code 20150830T123600Z}) and the HTTP {@code Date}. */
final class AmzDate {
  static final long INVALID = Long.MIN_VALUE;

  private AmzDate() {}

  /** Epoch seconds of {@code yyyyMMdd'T'HHmmss'Z'}, or {@link #INVALID}. */
  static long parseBasic(String s) {
    if (s.length() != 16 || s.charAt(8) != 'T' || s.charAt(15) != 'Z') {
      return INVALID;
    }
    int year = digits(s, 0, 4);
    int month = digits(s, 4, 6);
    int day = digits(s, 6, 8);
    int hour = digits(s, 9, 11);
    int minute = digits(s, 11, 13);
    int second = digits(s, 13, 15);
    if (year < 0 || month < 0 || day < 0 || hour < 0 || hour > 23 || minute < 0 || minute > 59
        || second < 0 || second > 59) {
      return INVALID;
    }
    try {
      return LocalDate.of(year, month, day).toEpochDay() * 86_400L + hour * 3600L + minute * 60L + second;
    } catch (DateTimeException e) {
      return INVALID;
    }
  }

  private static int digits(String s, int from, int to) {
    int n = 0;
    for (int i = from; i < to; i++) {
      char c = s.charAt(i);
      if (c < '0' || c > '9') {
        return -1;
      }
      n = n * 10 + (c - '0');
    }
    return n;
  }

  /** Epoch seconds of an RFC 1123 {@code Date} header, or {@link #INVALID}. */
  static long parseHttpDate(String s) {
    try {
      return ZonedDateTime.parse(s.trim(), DateTimeFormatter.RFC_1123_DATE_TIME).toEpochSecond();
    } catch (DateTimeException e) {
      return INVALID;
    }
  }

  /** {@code yyyyMMdd'T'HHmmss'Z'} of epoch seconds. */
  static String formatBasic(long epochSecond) {
    LocalDateTime t = LocalDateTime.ofEpochSecond(epochSecond, 0, ZoneOffset.UTC);
    char[] out = new char[16];
    put(out, 0, t.getYear(), 4);
    put(out, 4, t.getMonthValue(), 2);
    put(out, 6, t.getDayOfMonth(), 2);
    out[8] = 'T';
    put(out, 9, t.getHour(), 2);
    put(out, 11, t.getMinute(), 2);
    put(out, 13, t.getSecond(), 2);
    out[15] = 'Z';
    return new String(out);
  }

  private static void put(char[] out, int at, int value, int width) {
    for (int i = at + width - 1; i >= at; i--) {
      out[i] = (char) ('0' + value % 10);
      value /= 10;
    }
  }
}

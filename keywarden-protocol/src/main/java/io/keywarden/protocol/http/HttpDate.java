package io.keywarden.protocol.http;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * The HTTP {@code Date} header value, formatted at most once per second. AWS SDKs read it from
 * "signature expired" answers to correct their clock skew before retrying.
 */
final class HttpDate {
  private static final DateTimeFormatter RFC_1123 = DateTimeFormatter.RFC_1123_DATE_TIME.withZone(ZoneOffset.UTC);

  private static final class Cached {
    final long second;
    final String text;

    Cached(long second, String text) {
      this.second = second;
      this.text = text;
    }
  }

  private static volatile Cached cached = new Cached(Long.MIN_VALUE, "");

  private HttpDate() {}

  static String format(Instant now) {
    long second = now.getEpochSecond();
    Cached current = cached;
    if (current.second != second) {
      current = new Cached(second, RFC_1123.format(Instant.ofEpochSecond(second)));
      cached = current;
    }
    return current.text;
  }
}

package io.keywarden.services.audit;

import com.fasterxml.jackson.core.io.SerializedString;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** The two ways CloudTrail records write times. */
final class CloudTrailTimes {
  /** {@code eventTime}: ISO 8601 to the second, e.g. {@code 2025-05-20T20:46:16Z}. */
  private static final DateTimeFormatter EVENT_TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss'Z'", Locale.ROOT).withZone(ZoneOffset.UTC);

  /**
   * Timestamps inside {@code responseElements}, as AWS's Java services print them, e.g. {@code Aug
   * 10, 2022, 10:38:27 PM} (KMS CreateKey's {@code keyMetadata.creationDate}).
   */
  private static final DateTimeFormatter ELEMENT_TIME =
      DateTimeFormatter.ofPattern("MMM d, yyyy, h:mm:ss a", Locale.US).withZone(ZoneOffset.UTC);

  /** The last second formatted, shared by all threads (an immutable pair, replaced whole). */
  private static volatile FormattedSecond lastEventTime = new FormattedSecond(Long.MIN_VALUE, new SerializedString(""));

  private CloudTrailTimes() {}

  static String eventTime(Instant when) {
    return eventTimeJson(when).getValue();
  }

  /** {@link #eventTime}, with its quoted UTF-8 form encoded once per second. */
  static SerializedString eventTimeJson(Instant when) {
    long second = when.getEpochSecond();
    FormattedSecond last = lastEventTime;
    if (last.second == second) {
      return last.text;
    }
    SerializedString text = RecordJson.name(EVENT_TIME.format(when));
    lastEventTime = new FormattedSecond(second, text);
    return text;
  }

  /** Another time in {@code eventTime}'s form (a session's {@code creationDate}), not cached. */
  static String isoSecond(Instant when) {
    return EVENT_TIME.format(when);
  }

  /** {@code eventTime} has one-second resolution: calls within a second share its text. */
  private record FormattedSecond(long second, SerializedString text) {}

  /** An AWS JSON 1.1 timestamp (epoch seconds, possibly fractional) as a response element. */
  static String element(BigDecimal epochSeconds) {
    long millis = epochSeconds.movePointRight(3).longValue();
    return ELEMENT_TIME.format(Instant.ofEpochMilli(millis));
  }
}

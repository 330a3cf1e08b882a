package io.keywarden.protocol.query;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.regex.Pattern;

/**
 * Timestamps between the Query wire (ISO 8601 by default: {@code 2026-11-22T08:00:00Z}, fractions
 * only when not zero, as AWS writes them) and the epoch seconds that services see.
 */
final class Timestamps {
  /** Plain epoch seconds; no exponents, which could make a parse of a few octets allocate gigabytes. */
  private static final Pattern EPOCH = Pattern.compile("-?[0-9]{1,12}(\\.[0-9]{1,9})?");

  private Timestamps() {}

  /** A wire value as an instant, or {@code null} if it is not one in {@code format}. */
  static Instant parse(String text, WireScalar.TimestampFormat format) {
    try {
      switch (format) {
        case RFC_822:
          return OffsetDateTime.parse(text, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
        case EPOCH_SECONDS:
          return EPOCH.matcher(text).matches() ? fromSeconds(new BigDecimal(text)) : null;
        default:
          return OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
      }
    } catch (DateTimeException | ArithmeticException | NumberFormatException e) {
      return null;
    }
  }

  /** Epoch seconds with up to nanosecond fractions, as JSON services have them. */
  static BigDecimal seconds(Instant instant) {
    BigDecimal seconds = BigDecimal.valueOf(instant.getEpochSecond());
    if (instant.getNano() == 0) {
      return seconds;
    }
    BigDecimal fraction = BigDecimal.valueOf(instant.getNano(), 9).stripTrailingZeros();
    return seconds.add(fraction);
  }

  /**
   * A service's timestamp in {@code format}: epoch seconds (a number) or, leniently, text that is
   * already ISO 8601 (written as it is). {@code null} if the value is neither.
   */
  static String format(JsonNode value, WireScalar.TimestampFormat format) {
    if (value.isTextual()) {
      return value.textValue();
    }
    if (!value.isNumber()) {
      return null;
    }
    BigDecimal seconds = value.decimalValue();
    switch (format) {
      case EPOCH_SECONDS:
        return seconds.stripTrailingZeros().scale() <= 0
            ? seconds.toBigInteger().toString()
            : seconds.stripTrailingZeros().toPlainString();
      case RFC_822:
        return DateTimeFormatter.RFC_1123_DATE_TIME.format(fromSeconds(seconds).atOffset(ZoneOffset.UTC));
      default:
        return DateTimeFormatter.ISO_INSTANT.format(fromSeconds(seconds));
    }
  }

  private static Instant fromSeconds(BigDecimal seconds) {
    BigDecimal whole = seconds.setScale(0, java.math.RoundingMode.FLOOR);
    int nanos = seconds.subtract(whole).movePointRight(9).intValue();
    return Instant.ofEpochSecond(whole.longValueExact(), nanos);
  }
}

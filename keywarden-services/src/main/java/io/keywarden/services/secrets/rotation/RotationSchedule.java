package io.keywarden.services.secrets.rotation;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A secret's rotation schedule, from {@code RotationRules} (Secrets Manager User Guide, "Schedule
 * expressions in Secrets Manager rotation"), in UTC:
 *
 * <ul>
 *   <li>{@code AutomaticallyAfterDays} N, or {@code rate(N days)}: N days after the last rotation
 *       (or after now, before the first), in a window that opens at midnight of that day;
 *   <li>{@code rate(N hours)} (N at least 4): windows opening at midnight and every N hours after it,
 *       each day;
 *   <li>{@code cron(...)}: windows opening when the expression fires.
 * </ul>
 *
 * <p>A window lasts {@code Duration} ({@code 1h}..{@code 24h}) or, without one, an hour for a schedule
 * in hours and until the end of the UTC day for one in days; it must not reach into the next window or
 * the next UTC day. {@link #next} gives the next window; {@code NextRotationDate} is its end.
 */
public final class RotationSchedule {
  private static final Pattern RATE = Pattern.compile("rate\\(\\s*(\\d+)\\s+(hours?|days?)\\s*\\)");
  private static final Pattern CRON = Pattern.compile("cron\\((.*)\\)");
  private static final Pattern DURATION = Pattern.compile("(\\d+)h");
  private static final int MIN_HOURS = 4;
  private static final Duration DAY = Duration.ofDays(1);

  private final long days;
  private final long hours;
  private final CronExpression cron;
  private final Duration duration;

  private RotationSchedule(long days, long hours, CronExpression cron, Duration duration) {
    this.days = days;
    this.hours = hours;
    this.cron = cron;
    this.duration = duration;
  }

  /** A window: rotation may start from {@code start} and happens on or before {@code end}. */
  public record Window(Instant start, Instant end) {}

  /**
   * Reads and checks rotation rules.
   *
   * @param automaticallyAfterDays or {@code null}
   * @param scheduleExpression or {@code null}
   * @param duration or {@code null}
   * @throws InvalidRuleException with the message {@code InvalidParameterException} answers
   */
  public static RotationSchedule of(Long automaticallyAfterDays, String scheduleExpression, String duration) {
    if (automaticallyAfterDays != null && scheduleExpression != null) {
      throw new InvalidRuleException(
          "You cannot specify both rotation frequency and schedule expression together.");
    }
    if (automaticallyAfterDays == null && scheduleExpression == null) {
      throw new InvalidRuleException(
          "You must specify either AutomaticallyAfterDays or ScheduleExpression in RotationRules.");
    }
    Duration window = duration == null ? null : duration(duration);
    RotationSchedule s;
    if (automaticallyAfterDays != null) {
      s = new RotationSchedule(automaticallyAfterDays, 0, null, window);
    } else {
      s = expression(scheduleExpression.trim(), window);
    }
    s.checkWindow(scheduleExpression);
    return s;
  }

  private static RotationSchedule expression(String text, Duration window) {
    Matcher rate = RATE.matcher(text);
    if (rate.matches()) {
      long n;
      try {
        n = Long.parseLong(rate.group(1));
      } catch (NumberFormatException e) {
        throw invalidExpression(text);
      }
      if (rate.group(2).startsWith("day")) {
        if (n < 1 || n > 1000) {
          throw new InvalidRuleException("The rate expression's days must be between 1 and 1000.");
        }
        return new RotationSchedule(n, 0, null, window);
      }
      if (n < MIN_HOURS) {
        throw new InvalidRuleException("The minimum rotation frequency is every 4 hours.");
      }
      if (n >= 24) {
        if (n % 24 != 0) {
          throw invalidExpression(text);
        }
        return new RotationSchedule(n / 24, 0, null, window);
      }
      return new RotationSchedule(0, n, null, window);
    }
    Matcher cron = CRON.matcher(text);
    if (cron.matches()) {
      try {
        return new RotationSchedule(0, 0, CronExpression.parse(cron.group(1)), window);
      } catch (IllegalArgumentException e) {
        throw invalidExpression(text);
      }
    }
    throw invalidExpression(text);
  }

  private static Duration duration(String text) {
    Matcher m = DURATION.matcher(text);
    long h = m.matches() ? Long.parseLong(m.group(1)) : -1;
    if (h < 1 || h > 24) {
      throw new InvalidRuleException("The Duration must be between 1h and 24h.");
    }
    return Duration.ofHours(h);
  }

  private static InvalidRuleException invalidExpression(String text) {
    return new InvalidRuleException("Invalid schedule expression: " + text + ".");
  }

  private void checkWindow(String expression) {
    if (duration == null) {
      return;
    }
    boolean tooLong;
    if (hours > 0) {
      long lastOfDay = (23 / hours) * hours;
      tooLong = duration.toHours() > hours || lastOfDay + duration.toHours() > 24;
    } else if (cron != null) {
      Instant probe = cron.next(Instant.now());
      tooLong = probe != null && (cron.daily()
          ? probe.plus(duration).isAfter(probe.truncatedTo(ChronoUnit.DAYS).plus(DAY))
          : probe.plus(duration).isAfter(cron.next(probe)));
    } else {
      tooLong = false;
    }
    if (tooLong) {
      throw new InvalidRuleException("The rotation window (Duration " + duration.toHours()
          + "h) must not extend into the next rotation window or the next UTC day.");
    }
  }

  /**
   * The next window.
   *
   * @param lastRotated when the secret last rotated, or {@code null}
   * @param now the current time
   */
  public Window next(Instant lastRotated, Instant now) {
    if (days > 0) {
      Instant base = lastRotated == null ? now : lastRotated;
      Instant start = base.truncatedTo(ChronoUnit.DAYS).plus(Duration.ofDays(days));
      return new Window(start, start.plus(duration == null ? DAY.minusSeconds(1) : duration));
    }
    if (hours > 0) {
      Instant midnight = now.truncatedTo(ChronoUnit.DAYS);
      Instant start = midnight;
      while (!start.isAfter(now)) {
        start = start.plus(Duration.ofHours(hours));
        if (!start.isBefore(midnight.plus(DAY))) {
          start = midnight.plus(DAY);
          break;
        }
      }
      return new Window(start, start.plus(duration == null ? Duration.ofHours(1) : duration));
    }
    Instant start = cron.next(now);
    if (start == null) {
      return null;
    }
    Duration length = duration != null ? duration
        : cron.daily() ? Duration.between(start, start.truncatedTo(ChronoUnit.DAYS).plus(DAY)).minusSeconds(1)
        : Duration.ofHours(1);
    return new Window(start, start.plus(length));
  }

  /** Rotation rules that are not valid; the message is {@code InvalidParameterException}'s. */
  public static final class InvalidRuleException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    InvalidRuleException(String message) {
      super(message);
    }
  }
}

package io.keywarden.services.secrets.rotation;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.BitSet;
import java.util.List;
import java.util.Locale;

/**
 * An AWS six-field cron expression, as EventBridge and Secrets Manager rotation schedules write it:
 * {@code cron(minutes hours day-of-month month day-of-week year)}, in UTC. Fields take values, lists
 * ({@code ,}), ranges ({@code -}), steps ({@code /}) and {@code *}; months {@code JAN-DEC}; days of the
 * week {@code 1-7} or {@code SUN-SAT}, {@code L} (the last of the month, {@code 6L}) and {@code #} (the
 * nth, {@code MON#2}); day of the month {@code L} (its last day); one of the two day fields must be
 * {@code ?}. {@code W} (nearest weekday) is refused.
 */
final class CronExpression {
  private static final List<String> MONTHS =
      List.of("JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC");
  private static final List<String> DAYS = List.of("SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT");
  /** How far ahead a next time is looked for. */
  private static final int YEARS_AHEAD = 10;

  private final BitSet minutes;
  private final BitSet hours;
  private final BitSet months;
  private final BitSet years;
  private final boolean anyDayOfMonth;
  private final BitSet daysOfMonth;
  private final boolean lastDayOfMonth;
  private final boolean anyDayOfWeek;
  private final BitSet daysOfWeek;
  private final int nthDay;
  private final int nth;
  private final int lastWeekday;

  private CronExpression(String[] f) {
    minutes = field(f[0], 0, 59, null);
    hours = field(f[1], 0, 23, null);
    months = field(f[3], 1, 12, MONTHS);
    years = field(f[5], 1970, 2199, null);
    String dom = f[2];
    String dow = f[4].toUpperCase(Locale.ROOT);
    if (dom.equals("?") == dow.equals("?")) {
      throw new IllegalArgumentException("one of day-of-month and day-of-week must be ?");
    }
    anyDayOfMonth = dom.equals("?");
    lastDayOfMonth = dom.equals("L");
    daysOfMonth = anyDayOfMonth || lastDayOfMonth ? null : field(dom, 1, 31, null);
    anyDayOfWeek = dow.equals("?");
    int hash = dow.indexOf('#');
    if (!anyDayOfWeek && hash > 0) {
      nthDay = dayOfWeek(dow.substring(0, hash));
      nth = Integer.parseInt(dow.substring(hash + 1));
      if (nth < 1 || nth > 5) {
        throw new IllegalArgumentException("# must be 1 to 5");
      }
      lastWeekday = 0;
      daysOfWeek = null;
    } else if (!anyDayOfWeek && dow.length() > 1 && dow.endsWith("L")) {
      lastWeekday = dayOfWeek(dow.substring(0, dow.length() - 1));
      nthDay = 0;
      nth = 0;
      daysOfWeek = null;
    } else {
      nthDay = 0;
      nth = 0;
      lastWeekday = 0;
      daysOfWeek = anyDayOfWeek ? null : field(dow.equals("L") ? "7" : dow, 1, 7, DAYS);
    }
  }

  /**
   * Parses the inside of {@code cron(...)}.
   *
   * @throws IllegalArgumentException if it is not a valid expression
   */
  static CronExpression parse(String text) {
    String[] f = text.trim().split("\\s+");
    if (f.length != 6) {
      throw new IllegalArgumentException("a cron expression has six fields");
    }
    try {
      return new CronExpression(f);
    } catch (NumberFormatException | IndexOutOfBoundsException e) {
      throw new IllegalArgumentException("malformed cron field", e);
    }
  }

  /** Whether the hours field names a single hour (a schedule in days) rather than several. */
  boolean daily() {
    return hours.cardinality() == 1;
  }

  /** The first time the expression names strictly after {@code after}, if any within ten years. */
  Instant next(Instant after) {
    LocalDateTime from = LocalDateTime.ofInstant(after, ZoneOffset.UTC).truncatedTo(ChronoUnit.MINUTES);
    LocalDate day = from.toLocalDate();
    LocalDate end = day.plusYears(YEARS_AHEAD);
    for (; !day.isAfter(end); day = day.plusDays(1)) {
      if (!years.get(day.getYear() - 1970) || !months.get(day.getMonthValue()) || !dayMatches(day)) {
        continue;
      }
      for (int h = hours.nextSetBit(0); h >= 0; h = hours.nextSetBit(h + 1)) {
        for (int m = minutes.nextSetBit(0); m >= 0; m = minutes.nextSetBit(m + 1)) {
          LocalDateTime t = day.atTime(h, m);
          if (t.isAfter(from)) {
            return t.toInstant(ZoneOffset.UTC);
          }
        }
      }
    }
    return null;
  }

  private boolean dayMatches(LocalDate day) {
    if (!anyDayOfMonth) {
      return lastDayOfMonth ? day.getDayOfMonth() == day.lengthOfMonth() : daysOfMonth.get(day.getDayOfMonth());
    }
    int dow = day.getDayOfWeek().getValue() % 7 + 1; // AWS: 1 = SUN .. 7 = SAT
    if (nth > 0) {
      return dow == nthDay && (day.getDayOfMonth() - 1) / 7 + 1 == nth;
    }
    if (lastWeekday > 0) {
      DayOfWeek wanted = DayOfWeek.of((lastWeekday + 5) % 7 + 1);
      return day.equals(day.with(TemporalAdjusters.lastInMonth(wanted)));
    }
    return daysOfWeek.get(dow);
  }

  private static int dayOfWeek(String text) {
    int i = DAYS.indexOf(text);
    int v = i >= 0 ? i + 1 : Integer.parseInt(text);
    if (v < 1 || v > 7) {
      throw new IllegalArgumentException("day of week out of range");
    }
    return v;
  }

  private static BitSet field(String text, int min, int max, List<String> names) {
    BitSet set = new BitSet(max + 1);
    for (String part : text.toUpperCase(Locale.ROOT).split(",", -1)) {
      int step = 1;
      int slash = part.indexOf('/');
      if (slash >= 0) {
        step = Integer.parseInt(part.substring(slash + 1));
        part = part.substring(0, slash);
        if (step < 1) {
          throw new IllegalArgumentException("step must be positive");
        }
      }
      int from;
      int to;
      if (part.equals("*")) {
        from = min;
        to = max;
      } else {
        int dash = part.indexOf('-');
        from = value(dash >= 0 ? part.substring(0, dash) : part, min, max, names);
        to = dash >= 0 ? value(part.substring(dash + 1), min, max, names) : (slash >= 0 ? max : from);
        if (to < from) {
          throw new IllegalArgumentException("range out of order");
        }
      }
      for (int v = from; v <= to; v += step) {
        set.set(min == 1970 ? v - 1970 : v);
      }
    }
    return set;
  }

  private static int value(String text, int min, int max, List<String> names) {
    int v;
    int i = names == null ? -1 : names.indexOf(text);
    v = i >= 0 ? i + 1 : Integer.parseInt(text);
    if (v < min || v > max) {
      throw new IllegalArgumentException(text + " is out of range");
    }
    return v;
  }
}

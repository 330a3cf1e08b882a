package io.keywarden.services.secrets.rotation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class RotationScheduleTest {
  private static final Instant NOW = Instant.parse("2026-03-04T10:30:00Z"); // a Wednesday

  private static RotationSchedule.Window next(Long days, String expression, String duration, Instant last) {
    return RotationSchedule.of(days, expression, duration).next(last, NOW);
  }

  private static RotationSchedule.Window window(String start, String end) {
    return new RotationSchedule.Window(Instant.parse(start), Instant.parse(end));
  }

  @Test
  void automaticallyAfterDays_countsFromTheLastRotation_toTheEndOfThatDay() {
    assertEquals(window("2026-03-11T00:00:00Z", "2026-03-11T23:59:59Z"), next(7L, null, null, null));
    assertEquals(window("2026-03-03T00:00:00Z", "2026-03-03T03:00:00Z"),
        next(2L, null, "3h", Instant.parse("2026-03-01T22:00:00Z")));
    assertEquals(next(10L, null, null, null), next(null, "rate(10 days)", null, null));
  }

  @Test
  void rateInHours_opensFromMidnightEveryNHours_forAnHourByDefault() {
    assertEquals(window("2026-03-04T12:00:00Z", "2026-03-04T13:00:00Z"), next(null, "rate(4 hours)", null, null));
    assertEquals(window("2026-03-04T16:00:00Z", "2026-03-04T18:00:00Z"), next(null, "rate(8 hours)", "2h", null));
    // The last window of the day is at 20h for 5 hours (0, 5, 10, 15, 20); then midnight.
    assertEquals(window("2026-03-04T15:00:00Z", "2026-03-04T16:00:00Z"), next(null, "rate(5 hours)", null, null));
  }

  @Test
  void cron_opensWhenTheExpressionFires() {
    assertEquals(window("2026-03-05T08:00:00Z", "2026-03-05T23:59:59Z"),
        next(null, "cron(0 8 * * ? *)", null, null));
    assertEquals(window("2026-03-04T16:00:00Z", "2026-03-04T17:00:00Z"),
        next(null, "cron(0 */8 * * ? *)", null, null));
    assertEquals(window("2026-03-09T01:00:00Z", "2026-03-09T03:00:00Z"),
        next(null, "cron(0 1 ? * MON *)", "2h", null));
    // Second Tuesday of May, August, November; the last day of the month; the last Friday.
    assertEquals(Instant.parse("2026-05-12T10:00:00Z"),
        next(null, "cron(0 10 ? FEB,MAY,AUG,NOV TUE#2 *)", null, null).start());
    assertEquals(Instant.parse("2026-03-31T04:15:00Z"), next(null, "cron(15 4 L * ? *)", null, null).start());
    assertEquals(Instant.parse("2026-03-27T00:00:00Z"), next(null, "cron(0 0 ? * 6L *)", null, null).start());
    assertEquals(Instant.parse("2027-01-01T00:00:00Z"), next(null, "cron(0 0 1 1 ? 2027)", null, null).start());
  }

  @Test
  void invalidRules_areRefused() {
    for (String e : new String[] {"rate(3 hours)", "rate(0 days)", "rate(30 hours)", "cron(0 8 * * * *)",
        "cron(0 8 ? * ? *)", "cron(0 8 15W * ? *)", "cron(61 8 * * ? *)", "cron(0 8 * *)", "hourly"}) {
      assertThrows(RotationSchedule.InvalidRuleException.class, () -> RotationSchedule.of(null, e, null), e);
    }
    assertThrows(RotationSchedule.InvalidRuleException.class, () -> RotationSchedule.of(1L, "rate(1 day)", null));
    assertThrows(RotationSchedule.InvalidRuleException.class, () -> RotationSchedule.of(1L, null, "0h"));
    assertThrows(RotationSchedule.InvalidRuleException.class, () -> RotationSchedule.of(1L, null, "25h"));
    assertThrows(RotationSchedule.InvalidRuleException.class,
        () -> RotationSchedule.of(null, "rate(6 hours)", "7h"));
    assertThrows(RotationSchedule.InvalidRuleException.class,
        () -> RotationSchedule.of(null, "cron(0 22 * * ? *)", "3h"));
  }
}

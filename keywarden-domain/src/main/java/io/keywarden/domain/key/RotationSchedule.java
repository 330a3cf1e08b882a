package io.keywarden.domain.key;

import java.time.Instant;

/**
 * Automatic rotation settings of a key.
 *
 * @param enabled whether automatic rotation is on
 * @param periodDays 90..2560; kept when rotation is disabled so that re-enabling remembers it
 * @param nextRotation when the background job rotates next; {@code null} when disabled
 */
public record RotationSchedule(boolean enabled, int periodDays, Instant nextRotation) {
  public static final int DEFAULT_PERIOD_DAYS = 365;
  public static final RotationSchedule DISABLED =
      new RotationSchedule(false, DEFAULT_PERIOD_DAYS, null);

  public RotationSchedule {
    if (enabled && nextRotation == null) {
      throw new IllegalArgumentException("an enabled schedule needs a next rotation date");
    }
  }
}

package io.keywarden.storage.codec;

import io.keywarden.domain.key.KeyRecord;
import java.time.Instant;

/**
 * The queried columns a SQL backend stores beside a key's document, and the rule they serve:
 * {@link io.keywarden.domain.storage.KeyRepository#dueForWork}.
 *
 * <p>Due at {@code now}: a deletion date at or before {@code now}, or automatic rotation enabled with its
 * next rotation at or before {@code now} (a disabled schedule's leftover date is not work). The columns
 * hold {@link StoredInstants#floorMillis} of those dates, so a query {@code column <= floorMillis(now)}
 * finds every due key, plus at most the few within {@code now}'s millisecond that {@link #isDue} then
 * drops.
 */
public final class KeyColumns {
  private KeyColumns() {}

  /** The {@code deletion_date} column: epoch milliseconds, or {@code null}. */
  public static Long deletionDate(KeyRecord key) {
    return key.deletionDate() == null ? null : StoredInstants.floorMillis(key.deletionDate());
  }

  /** The {@code next_rotation} column: epoch milliseconds while rotation is enabled, else {@code null}. */
  public static Long nextRotation(KeyRecord key) {
    Instant next = nextAutomaticRotation(key);
    return next == null ? null : StoredInstants.floorMillis(next);
  }

  public static boolean isDue(KeyRecord key, Instant now) {
    Instant deletion = key.deletionDate();
    Instant rotation = nextAutomaticRotation(key);
    return (deletion != null && !deletion.isAfter(now))
        || (rotation != null && !rotation.isAfter(now));
  }

  private static Instant nextAutomaticRotation(KeyRecord key) {
    return key.rotation().enabled() ? key.rotation().nextRotation() : null;
  }
}

package io.keywarden.storage.codec;

import static io.keywarden.storage.contract.ContractFixtures.key;
import static io.keywarden.storage.contract.ContractFixtures.keyId;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.keywarden.domain.key.KeyRecord;
import io.keywarden.domain.key.RotationSchedule;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class KeyColumnsTest {
  private static final Instant AT = Instant.parse("2030-05-06T07:08:09.999999999Z");

  @Test
  void columns_holdFlooredMillisOfScheduledWork() {
    KeyRecord key =
        key(keyId(1)).toBuilder().deletion(AT, 7).rotation(new RotationSchedule(true, 90, AT)).build();
    assertEquals(AT.toEpochMilli(), KeyColumns.deletionDate(key));
    assertEquals(AT.toEpochMilli(), KeyColumns.nextRotation(key));
    assertTrue(AT.toEpochMilli() < AT.plusNanos(1).toEpochMilli(), "floors, not rounds");
  }

  @Test
  void disabledRotation_hasNoNextRotationColumn() {
    KeyRecord key = key(keyId(1)).toBuilder().rotation(new RotationSchedule(false, 90, AT)).build();
    assertNull(KeyColumns.nextRotation(key));
    assertNull(KeyColumns.deletionDate(key));
    assertFalse(KeyColumns.isDue(key, AT.plusSeconds(1)));
  }

  @Test
  void isDue_comparesToTheNanosecond() {
    KeyRecord key = key(keyId(1)).toBuilder().deletion(AT, 7).build();
    assertFalse(KeyColumns.isDue(key, AT.minusNanos(1)));
    assertTrue(KeyColumns.isDue(key, AT));
  }

  @Test
  void floorMillis_floorsBeforeEpochAndSaturatesOutOfRange() {
    assertEquals(-1, StoredInstants.floorMillis(Instant.EPOCH.minusNanos(1)));
    assertEquals(Long.MAX_VALUE, StoredInstants.floorMillis(Instant.MAX));
    assertEquals(Long.MIN_VALUE, StoredInstants.floorMillis(Instant.MIN));
  }

  @Test
  void instantText_roundTripsNanoseconds() {
    assertEquals(AT, StoredInstants.fromText(StoredInstants.toText(AT)));
  }
}

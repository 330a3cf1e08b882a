package io.keywarden.storage.contract;

import static io.keywarden.storage.contract.ContractFixtures.ACCOUNT;
import static io.keywarden.storage.contract.ContractFixtures.OTHER_ACCOUNT;
import static io.keywarden.storage.contract.ContractFixtures.OTHER_REGION;
import static io.keywarden.storage.contract.ContractFixtures.REGION;
import static io.keywarden.storage.contract.ContractFixtures.T0;
import static io.keywarden.storage.contract.ContractFixtures.fullKey;
import static io.keywarden.storage.contract.ContractFixtures.key;
import static io.keywarden.storage.contract.ContractFixtures.keyId;
import static io.keywarden.storage.contract.ContractFixtures.minimalKey;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.keywarden.domain.key.KeyRecord;
import io.keywarden.domain.key.KeyState;
import io.keywarden.domain.key.RotationSchedule;
import io.keywarden.domain.storage.Storage;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** {@link io.keywarden.domain.storage.KeyRepository#dueForWork}: to the nanosecond, any region. */
public interface DueForWorkContract {
  Storage storage();

  /**
   * The instant the tests ask about: mid-millisecond, so that rounding errors show; before the
   * deletion date (7 days) and next rotation (90 days) of {@link ContractFixtures#fullKey}.
   */
  Instant NOW = T0.plus(Duration.ofDays(1)).plusNanos(500_000);

  private static KeyRecord deletingAt(KeyRecord key, Instant when) {
    return key.toBuilder().state(KeyState.PendingDeletion).deletion(when, 7).build();
  }

  private static KeyRecord rotatingAt(KeyRecord key, Instant when) {
    return key.toBuilder().rotation(new RotationSchedule(true, 90, when)).build();
  }

  private Set<String> due(Instant now) {
    return storage().keys().dueForWork(now).stream()
        .map(k -> k.region() + "/" + k.keyId())
        .collect(Collectors.toSet());
  }

  @Test
  default void emptyStore_hasNothingDue() {
    assertEquals(List.of(), storage().keys().dueForWork(NOW));
  }

  @Test
  default void deletionDate_isDueAtOrAfterItToTheNanosecond() {
    storage().keys().insert(deletingAt(key(keyId(1)), NOW.minusSeconds(3600)));
    storage().keys().insert(deletingAt(key(keyId(2)), NOW.minusNanos(1)));
    storage().keys().insert(deletingAt(key(keyId(3)), NOW));
    storage().keys().insert(deletingAt(key(keyId(4)), NOW.plusNanos(1)));
    storage().keys().insert(deletingAt(key(keyId(5)), NOW.plusSeconds(3600)));
    assertEquals(
        Set.of(REGION + "/" + keyId(1), REGION + "/" + keyId(2), REGION + "/" + keyId(3)), due(NOW));
  }

  @Test
  default void nextRotation_isDueAtOrAfterItToTheNanosecond() {
    storage().keys().insert(rotatingAt(key(keyId(1)), NOW.minusNanos(1)));
    storage().keys().insert(rotatingAt(key(keyId(2)), NOW));
    storage().keys().insert(rotatingAt(key(keyId(3)), NOW.plusNanos(1)));
    assertEquals(Set.of(REGION + "/" + keyId(1), REGION + "/" + keyId(2)), due(NOW));
  }

  @Test
  default void disabledRotationOrNoSchedule_isNeverDue() {
    storage().keys().insert(key(keyId(1)));
    KeyRecord leftover = key(keyId(2)).toBuilder()
        .rotation(new RotationSchedule(false, 90, NOW.minusSeconds(60))).build();
    storage().keys().insert(leftover);
    assertEquals(Set.of(), due(NOW));
  }

  @Test
  default void dueKeys_comeFromEveryRegionAndAccountOnce() {
    KeyRecord both = rotatingAt(deletingAt(key(keyId(1)), NOW.minusSeconds(1)), NOW.minusSeconds(1));
    storage().keys().insert(both);
    storage().keys().insert(deletingAt(minimalKey(OTHER_ACCOUNT, REGION, keyId(2)), NOW));
    storage().keys().insert(rotatingAt(minimalKey(ACCOUNT, OTHER_REGION, keyId(1)), NOW));
    List<KeyRecord> due = storage().keys().dueForWork(NOW);
    assertEquals(3, due.size());
    assertEquals(
        Set.of(REGION + "/" + keyId(1), REGION + "/" + keyId(2), OTHER_REGION + "/" + keyId(1)),
        due(NOW));
    assertTrue(due.contains(both), "the due record is the stored one, whole");
  }

  @Test
  default void updates_moveKeysInAndOutOfDueWork() {
    KeyRecord v1 = fullKey(ACCOUNT, REGION, keyId(1)); // deletion and rotation after NOW
    storage().keys().insert(v1);
    assertEquals(Set.of(), due(NOW));

    KeyRecord v2 = deletingAt(v1, NOW.minusSeconds(1));
    storage().keys().update(v2);
    assertEquals(List.of(v2), storage().keys().dueForWork(NOW));

    KeyRecord v3 = v2.toBuilder().state(KeyState.Disabled).deletion(null, null).build();
    storage().keys().update(v3);
    assertEquals(Set.of(), due(NOW));

    KeyRecord v4 = rotatingAt(v3, NOW);
    storage().keys().update(v4);
    assertEquals(List.of(v4), storage().keys().dueForWork(NOW));

    storage().keys().update(v4.toBuilder().rotation(RotationSchedule.DISABLED).build());
    assertEquals(Set.of(), due(NOW));
  }

  @Test
  default void deletedKey_isNoLongerDue() {
    storage().keys().insert(deletingAt(key(keyId(1)), NOW.minusSeconds(1)));
    storage().keys().delete(REGION, keyId(1));
    assertEquals(Set.of(), due(NOW));
  }
}

package io.keywarden.storage.contract;

import static io.keywarden.storage.contract.ContractFixtures.ACCOUNT;
import static io.keywarden.storage.contract.ContractFixtures.OTHER_ACCOUNT;
import static io.keywarden.storage.contract.ContractFixtures.OTHER_REGION;
import static io.keywarden.storage.contract.ContractFixtures.REGION;
import static io.keywarden.storage.contract.ContractFixtures.alias;
import static io.keywarden.storage.contract.ContractFixtures.fullKey;
import static io.keywarden.storage.contract.ContractFixtures.key;
import static io.keywarden.storage.contract.ContractFixtures.keyId;
import static io.keywarden.storage.contract.ContractFixtures.minimalKey;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.keywarden.domain.key.KeyRecord;
import io.keywarden.domain.key.KeyState;
import io.keywarden.domain.key.Tag;
import io.keywarden.domain.storage.DuplicateRecordException;
import io.keywarden.domain.storage.KeyRepository;
import io.keywarden.domain.storage.StaleRecordException;
import io.keywarden.domain.storage.Storage;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** {@link KeyRepository}: find, insert, compare-and-swap update, delete, list. */
public interface KeyRepositoryContract {
  Storage storage();

  private KeyRepository keys() {
    return storage().keys();
  }

  @Test
  default void findMissingKey_returnsEmpty() {
    assertEquals(Optional.empty(), keys().find(REGION, keyId(1)));
  }

  @Test
  default void fullKey_roundTripsEveryField() {
    KeyRecord key = fullKey(ACCOUNT, REGION, keyId(1));
    keys().insert(key);
    assertEquals(Optional.of(key), keys().find(REGION, keyId(1)));
  }

  @Test
  default void minimalKey_roundTripsNullsAndEmptyLists() {
    KeyRecord key = minimalKey(ACCOUNT, REGION, keyId(1));
    keys().insert(key);
    assertEquals(Optional.of(key), keys().find(REGION, keyId(1)));
  }

  @Test
  default void unicodeText_roundTripsExactly() {
    String text = "clé 🔑 鍵 ключ مفتاح e\u0301 \u0000 tab\tnl\n \"q\" \\ \u2028";
    KeyRecord key =
        key(keyId(1)).toBuilder().description(text).tags(List.of(new Tag(text, text))).build();
    keys().insert(key);
    assertEquals(Optional.of(key), keys().find(REGION, keyId(1)));
  }

  @Test
  default void insertTakenKeyId_throwsDuplicateAndKeepsOriginal() {
    KeyRecord original = key(keyId(1));
    keys().insert(original);
    KeyRecord other = fullKey(ACCOUNT, REGION, keyId(1));
    assertThrows(DuplicateRecordException.class, () -> keys().insert(other));
    assertEquals(Optional.of(original), keys().find(REGION, keyId(1)));
  }

  @Test
  default void sameKeyIdInAnotherRegion_isAnotherKey() {
    KeyRecord here = minimalKey(ACCOUNT, REGION, keyId(1));
    KeyRecord there = fullKey(ACCOUNT, OTHER_REGION, keyId(1));
    keys().insert(here);
    keys().insert(there);
    assertEquals(Optional.of(here), keys().find(REGION, keyId(1)));
    assertEquals(Optional.of(there), keys().find(OTHER_REGION, keyId(1)));
  }

  @Test
  default void updateFromCurrentRevision_replacesRecord() {
    KeyRecord v1 = key(keyId(1));
    keys().insert(v1);
    KeyRecord v2 = v1.toBuilder().state(KeyState.Disabled).description("changed").build();
    keys().update(v2);
    KeyRecord v3 = v2.toBuilder().state(KeyState.Enabled).build();
    keys().update(v3);
    assertEquals(Optional.of(v3), keys().find(REGION, keyId(1)));
    assertEquals(v1.revision() + 2, keys().find(REGION, keyId(1)).orElseThrow().revision());
  }

  @Test
  default void updateFromOldRevision_throwsStaleAndKeepsWinner() {
    KeyRecord v1 = key(keyId(1));
    keys().insert(v1);
    KeyRecord winner = v1.toBuilder().description("first").build();
    KeyRecord loser = v1.toBuilder().description("second").build();
    keys().update(winner);
    assertThrows(StaleRecordException.class, () -> keys().update(loser));
    assertEquals(Optional.of(winner), keys().find(REGION, keyId(1)));
  }

  @Test
  default void updateSkippingARevision_throwsStale() {
    KeyRecord v1 = key(keyId(1));
    keys().insert(v1);
    KeyRecord v3 = v1.toBuilder().build().toBuilder().description("skips v2").build();
    assertThrows(StaleRecordException.class, () -> keys().update(v3));
    assertThrows(StaleRecordException.class, () -> keys().update(v1));
    assertEquals(Optional.of(v1), keys().find(REGION, keyId(1)));
  }

  @Test
  default void updateMissingKey_throwsStale() {
    KeyRecord next = key(keyId(1)).toBuilder().build();
    assertThrows(StaleRecordException.class, () -> keys().update(next));
    assertEquals(Optional.empty(), keys().find(REGION, keyId(1)));
  }

  @Test
  default void updateInOneRegion_leavesSameKeyIdInAnotherRegion() {
    KeyRecord here = key(keyId(1));
    KeyRecord there = minimalKey(ACCOUNT, OTHER_REGION, keyId(1));
    keys().insert(here);
    keys().insert(there);
    keys().update(here.toBuilder().description("changed").build());
    assertEquals(Optional.of(there), keys().find(OTHER_REGION, keyId(1)));
  }

  @Test
  default void deleteKey_removesItAndOnlyItsAliases() {
    keys().insert(key(keyId(1)));
    keys().insert(key(keyId(2)));
    keys().insert(minimalKey(ACCOUNT, OTHER_REGION, keyId(1)));
    storage().aliases().insert(alias("alias/a", keyId(1)));
    storage().aliases().insert(alias("alias/b", keyId(1)));
    storage().aliases().insert(alias("alias/c", keyId(2)));
    storage().aliases().insert(alias(ACCOUNT, OTHER_REGION, "alias/a", keyId(1)));

    keys().delete(REGION, keyId(1));

    assertEquals(Optional.empty(), keys().find(REGION, keyId(1)));
    assertEquals(List.of(), storage().aliases().listForKey(REGION, keyId(1)));
    assertEquals(
        List.of(alias("alias/c", keyId(2))), storage().aliases().list(ACCOUNT, REGION));
    assertTrue(keys().find(OTHER_REGION, keyId(1)).isPresent());
    assertEquals(1, storage().aliases().list(ACCOUNT, OTHER_REGION).size());
  }

  @Test
  default void deleteMissingKey_changesNothing() {
    keys().insert(key(keyId(1)));
    keys().delete(REGION, keyId(2));
    keys().delete(OTHER_REGION, keyId(1));
    assertTrue(keys().find(REGION, keyId(1)).isPresent());
  }

  @Test
  default void deletedKeyId_canBeInsertedAgain() {
    keys().insert(key(keyId(1)));
    keys().delete(REGION, keyId(1));
    KeyRecord again = fullKey(ACCOUNT, REGION, keyId(1));
    keys().insert(again);
    assertEquals(Optional.of(again), keys().find(REGION, keyId(1)));
  }

  @Test
  default void listInPages_returnsAccountRegionKeysByKeyId() {
    List<Integer> order = new ArrayList<>(List.of(1, 2, 3, 4, 5));
    Collections.shuffle(order, new Random(42));
    for (int n : order) {
      keys().insert(key(keyId(n)));
    }
    keys().insert(minimalKey(OTHER_ACCOUNT, REGION, keyId(0)));
    keys().insert(minimalKey(OTHER_ACCOUNT, REGION, keyId(6)));
    keys().insert(minimalKey(ACCOUNT, OTHER_REGION, keyId(7)));

    assertEquals(ids(1, 2), ids(keys().list(ACCOUNT, REGION, null, 2)));
    assertEquals(ids(3, 4), ids(keys().list(ACCOUNT, REGION, keyId(2), 2)));
    assertEquals(ids(5), ids(keys().list(ACCOUNT, REGION, keyId(4), 2)));
    assertEquals(ids(), ids(keys().list(ACCOUNT, REGION, keyId(5), 2)));
    assertEquals(ids(1, 2, 3, 4, 5), ids(keys().list(ACCOUNT, REGION, null, 1000)));
    assertEquals(ids(7), ids(keys().list(ACCOUNT, OTHER_REGION, null, 10)));
    assertEquals(ids(0, 6), ids(keys().list(OTHER_ACCOUNT, REGION, null, 10)));
  }

  @Test
  default void listAfterAnAbsentKeyId_startsAfterItsPlace() {
    keys().insert(key(keyId(1)));
    keys().insert(key(keyId(3)));
    assertEquals(ids(3), ids(keys().list(ACCOUNT, REGION, keyId(2), 10)));
  }

  @Test
  default void listReturnsFullRecords() {
    KeyRecord key = fullKey(ACCOUNT, REGION, keyId(1));
    keys().insert(key);
    assertEquals(List.of(key), keys().list(ACCOUNT, REGION, null, 10));
  }

  @Test
  default void listWithEmptyStore_returnsEmpty() {
    assertEquals(List.of(), keys().list(ACCOUNT, REGION, null, 10));
  }

  @Test
  default void listWithLimitBelowOne_throws() {
    assertThrows(IllegalArgumentException.class, () -> keys().list(ACCOUNT, REGION, null, 0));
    assertThrows(IllegalArgumentException.class, () -> keys().list(ACCOUNT, REGION, null, -1));
  }

  private static List<String> ids(int... ns) {
    List<String> ids = new ArrayList<>();
    for (int n : ns) {
      ids.add(keyId(n));
    }
    return ids;
  }

  private static List<String> ids(List<KeyRecord> keys) {
    return keys.stream().map(KeyRecord::keyId).toList();
  }
}

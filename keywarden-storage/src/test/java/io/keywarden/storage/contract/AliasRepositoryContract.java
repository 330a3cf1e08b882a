package io.keywarden.storage.contract;

import static io.keywarden.storage.contract.ContractFixtures.ACCOUNT;
import static io.keywarden.storage.contract.ContractFixtures.OTHER_ACCOUNT;
import static io.keywarden.storage.contract.ContractFixtures.OTHER_REGION;
import static io.keywarden.storage.contract.ContractFixtures.REGION;
import static io.keywarden.storage.contract.ContractFixtures.T0;
import static io.keywarden.storage.contract.ContractFixtures.alias;
import static io.keywarden.storage.contract.ContractFixtures.key;
import static io.keywarden.storage.contract.ContractFixtures.keyId;
import static io.keywarden.storage.contract.ContractFixtures.minimalKey;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.keywarden.domain.alias.AliasRecord;
import io.keywarden.domain.storage.AliasRepository;
import io.keywarden.domain.storage.DuplicateRecordException;
import io.keywarden.domain.storage.StaleRecordException;
import io.keywarden.domain.storage.Storage;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** {@link AliasRepository}: unique per account and region, targets an existing key. */
public interface AliasRepositoryContract {
  Storage storage();

  private AliasRepository aliases() {
    return storage().aliases();
  }

  private void keys(int... ns) {
    for (int n : ns) {
      storage().keys().insert(key(keyId(n)));
    }
  }

  @Test
  default void findMissingAlias_returnsEmpty() {
    assertEquals(Optional.empty(), aliases().find(ACCOUNT, REGION, "alias/none"));
  }

  @Test
  default void insertedAlias_roundTripsEveryField() {
    keys(1);
    AliasRecord alias = alias("alias/app/payments-key_1", keyId(1));
    aliases().insert(alias);
    assertEquals(Optional.of(alias), aliases().find(ACCOUNT, REGION, "alias/app/payments-key_1"));
  }

  @Test
  default void insertTakenName_throwsDuplicateAndKeepsOriginal() {
    keys(1, 2);
    aliases().insert(alias("alias/a", keyId(1)));
    assertThrows(DuplicateRecordException.class, () -> aliases().insert(alias("alias/a", keyId(2))));
    assertEquals(keyId(1), aliases().find(ACCOUNT, REGION, "alias/a").orElseThrow().targetKeyId());
  }

  @Test
  default void sameNameInAnotherAccountOrRegion_isAnotherAlias() {
    keys(1);
    storage().keys().insert(minimalKey(ACCOUNT, OTHER_REGION, keyId(2)));
    storage().keys().insert(minimalKey(OTHER_ACCOUNT, REGION, keyId(3)));
    aliases().insert(alias("alias/a", keyId(1)));
    aliases().insert(alias(ACCOUNT, OTHER_REGION, "alias/a", keyId(2)));
    aliases().insert(alias(OTHER_ACCOUNT, REGION, "alias/a", keyId(3)));
    assertEquals(keyId(1), aliases().find(ACCOUNT, REGION, "alias/a").orElseThrow().targetKeyId());
    assertEquals(
        keyId(2), aliases().find(ACCOUNT, OTHER_REGION, "alias/a").orElseThrow().targetKeyId());
    assertEquals(
        keyId(3), aliases().find(OTHER_ACCOUNT, REGION, "alias/a").orElseThrow().targetKeyId());
  }

  @Test
  default void insertTargetingMissingKey_throwsStale() {
    storage().keys().insert(minimalKey(ACCOUNT, OTHER_REGION, keyId(1)));
    assertThrows(StaleRecordException.class, () -> aliases().insert(alias("alias/a", keyId(1))));
    assertEquals(Optional.empty(), aliases().find(ACCOUNT, REGION, "alias/a"));
  }

  @Test
  default void update_retargetsAlias() {
    keys(1, 2);
    AliasRecord original = alias("alias/a", keyId(1));
    aliases().insert(original);
    AliasRecord moved = original.retarget(keyId(2), T0.plusSeconds(60).plusNanos(3));
    aliases().update(moved);
    assertEquals(Optional.of(moved), aliases().find(ACCOUNT, REGION, "alias/a"));
    assertEquals(List.of(), aliases().listForKey(REGION, keyId(1)));
    assertEquals(List.of(moved), aliases().listForKey(REGION, keyId(2)));
  }

  @Test
  default void updateMissingAlias_throwsStale() {
    keys(1);
    assertThrows(StaleRecordException.class, () -> aliases().update(alias("alias/a", keyId(1))));
    assertEquals(Optional.empty(), aliases().find(ACCOUNT, REGION, "alias/a"));
  }

  @Test
  default void updateToMissingKey_throwsStaleAndKeepsTarget() {
    keys(1);
    AliasRecord original = alias("alias/a", keyId(1));
    aliases().insert(original);
    assertThrows(
        StaleRecordException.class, () -> aliases().update(original.retarget(keyId(9), T0)));
    assertEquals(Optional.of(original), aliases().find(ACCOUNT, REGION, "alias/a"));
  }

  @Test
  default void delete_reportsWhetherAnAliasWasDeleted() {
    keys(1);
    aliases().insert(alias("alias/a", keyId(1)));
    assertFalse(aliases().delete(ACCOUNT, OTHER_REGION, "alias/a"));
    assertFalse(aliases().delete(OTHER_ACCOUNT, REGION, "alias/a"));
    assertTrue(aliases().delete(ACCOUNT, REGION, "alias/a"));
    assertFalse(aliases().delete(ACCOUNT, REGION, "alias/a"));
    assertEquals(Optional.empty(), aliases().find(ACCOUNT, REGION, "alias/a"));
    assertTrue(storage().keys().find(REGION, keyId(1)).isPresent());
  }

  @Test
  default void list_returnsAccountRegionAliasesByName() {
    keys(1, 2);
    storage().keys().insert(minimalKey(ACCOUNT, OTHER_REGION, keyId(1)));
    storage().keys().insert(minimalKey(OTHER_ACCOUNT, REGION, keyId(3)));
    for (String name : List.of("alias/m", "alias/a", "alias/z", "alias/B", "alias/a/b")) {
      aliases().insert(alias(name, name.length() % 2 == 0 ? keyId(1) : keyId(2)));
    }
    aliases().insert(alias(ACCOUNT, OTHER_REGION, "alias/c", keyId(1)));
    aliases().insert(alias(OTHER_ACCOUNT, REGION, "alias/c", keyId(3)));
    assertEquals(
        List.of("alias/B", "alias/a", "alias/a/b", "alias/m", "alias/z"),
        aliases().list(ACCOUNT, REGION).stream().map(AliasRecord::aliasName).toList());
    assertEquals(List.of(), aliases().list(OTHER_ACCOUNT, OTHER_REGION));
  }

  @Test
  default void listForKey_returnsTheKeysAliasesByName() {
    keys(1, 2);
    storage().keys().insert(minimalKey(ACCOUNT, OTHER_REGION, keyId(1)));
    aliases().insert(alias("alias/z", keyId(1)));
    aliases().insert(alias("alias/a", keyId(1)));
    aliases().insert(alias("alias/b", keyId(2)));
    aliases().insert(alias(ACCOUNT, OTHER_REGION, "alias/c", keyId(1)));
    assertEquals(
        List.of(alias("alias/a", keyId(1)), alias("alias/z", keyId(1))),
        aliases().listForKey(REGION, keyId(1)));
    assertEquals(List.of(), aliases().listForKey(REGION, keyId(3)));
  }
}

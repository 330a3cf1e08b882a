package io.keywarden.storage.contract;

import static io.keywarden.storage.contract.ContractFixtures.ACCOUNT;
import static io.keywarden.storage.contract.ContractFixtures.OTHER_REGION;
import static io.keywarden.storage.contract.ContractFixtures.REGION;
import static io.keywarden.storage.contract.ContractFixtures.T0;
import static io.keywarden.storage.contract.ContractFixtures.fullGrant;
import static io.keywarden.storage.contract.ContractFixtures.grant;
import static io.keywarden.storage.contract.ContractFixtures.grantId;
import static io.keywarden.storage.contract.ContractFixtures.key;
import static io.keywarden.storage.contract.ContractFixtures.keyId;
import static io.keywarden.storage.contract.ContractFixtures.minimalKey;
import static io.keywarden.storage.contract.ContractFixtures.retirable;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.keywarden.domain.key.Grant;
import io.keywarden.domain.storage.DuplicateRecordException;
import io.keywarden.domain.storage.GrantRepository;
import io.keywarden.domain.storage.StaleRecordException;
import io.keywarden.domain.storage.Storage;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * {@link GrantRepository}: grants by region and grant id, on a key that exists in their region, listed
 * per key in creation order and per retiring principal across regions; deleting the key deletes them.
 */
public interface GrantRepositoryContract {
  String RETIRER = "arn:aws:iam::" + ACCOUNT + ":role/retirer";
  String OTHER_RETIRER = "arn:aws:iam::" + ACCOUNT + ":role/other";

  Storage storage();

  private GrantRepository grants() {
    return storage().grants();
  }

  /** Keys 1 and 2 in REGION, key 1 also in OTHER_REGION. */
  private void keys() {
    storage().keys().insert(key(keyId(1)));
    storage().keys().insert(key(keyId(2)));
    storage().keys().insert(minimalKey(ACCOUNT, OTHER_REGION, keyId(1)));
  }

  private static List<String> ids(List<Grant> grants) {
    return grants.stream().map(g -> g.region() + "/" + g.grantId()).toList();
  }

  @Test
  default void findMissingGrant_returnsEmpty() {
    assertEquals(Optional.empty(), grants().find(REGION, grantId(1)));
  }

  @Test
  default void grants_roundTripEveryFieldAndNull() {
    keys();
    Grant full = fullGrant(REGION, keyId(1), grantId(1), false);
    Grant emptySubset = fullGrant(REGION, keyId(1), grantId(2), true);
    Grant minimal = grant(keyId(1), 3);
    for (Grant g : List.of(full, emptySubset, minimal)) {
      grants().insert(g);
    }
    assertEquals(Optional.of(full), grants().find(REGION, grantId(1)));
    assertEquals(Optional.of(emptySubset), grants().find(REGION, grantId(2)));
    assertEquals(Map.of(), grants().find(REGION, grantId(2)).orElseThrow().encryptionContextSubset());
    Grant stored = grants().find(REGION, grantId(3)).orElseThrow();
    assertEquals(minimal, stored);
    assertNull(stored.name());
    assertNull(stored.retiringPrincipal());
    assertNull(stored.encryptionContextEquals());
    assertNull(stored.encryptionContextSubset());
  }

  @Test
  default void insertTakenGrantId_throwsDuplicateAndKeepsOriginal() {
    keys();
    Grant original = grant(keyId(1), 1);
    grants().insert(original);
    assertThrows(
        DuplicateRecordException.class,
        () -> grants().insert(fullGrant(REGION, keyId(2), grantId(1), false)));
    assertEquals(Optional.of(original), grants().find(REGION, grantId(1)));
    assertEquals(List.of(), grants().listForKey(REGION, keyId(2)));
  }

  @Test
  default void sameGrantIdInAnotherRegion_isAnotherGrant() {
    keys();
    Grant here = grant(keyId(1), 1);
    Grant there = fullGrant(OTHER_REGION, keyId(1), grantId(1), false);
    grants().insert(here);
    grants().insert(there);
    assertEquals(Optional.of(here), grants().find(REGION, grantId(1)));
    assertEquals(Optional.of(there), grants().find(OTHER_REGION, grantId(1)));
  }

  @Test
  default void insertOnMissingKey_throwsStale() {
    storage().keys().insert(minimalKey(ACCOUNT, OTHER_REGION, keyId(1)));
    assertThrows(StaleRecordException.class, () -> grants().insert(grant(keyId(1), 1)));
    assertEquals(Optional.empty(), grants().find(REGION, grantId(1)));
  }

  @Test
  default void listForKey_ordersByExactCreationThenGrantId() {
    keys();
    Instant ms = T0.truncatedTo(ChronoUnit.MILLIS);
    // Within one millisecond the later creation has the smaller grant id; equal dates go by id.
    List<Grant> expected =
        List.of(
            grant(REGION, keyId(1), grantId(9), ms.minusSeconds(3600)),
            grant(REGION, keyId(1), grantId(5), ms.plusNanos(1)),
            grant(REGION, keyId(1), grantId(4), ms.plusNanos(999_999)),
            grant(REGION, keyId(1), grantId(6), ms.plusMillis(1)),
            grant(REGION, keyId(1), grantId(7), ms.plusMillis(1)),
            grant(REGION, keyId(1), grantId(1), ms.plusSeconds(86_400)));
    List<Grant> shuffled = new ArrayList<>(expected);
    Collections.shuffle(shuffled, new Random(7));
    shuffled.forEach(grants()::insert);
    grants().insert(grant(REGION, keyId(2), grantId(2), ms));
    grants().insert(grant(OTHER_REGION, keyId(1), grantId(3), ms));

    assertEquals(expected, grants().listForKey(REGION, keyId(1)));
    assertEquals(List.of(REGION + "/" + grantId(2)), ids(grants().listForKey(REGION, keyId(2))));
    assertEquals(List.of(), grants().listForKey(REGION, keyId(3)));
  }

  @Test
  default void listRetirable_findsThePrincipalsGrantsInEveryRegionByGrantId() {
    keys();
    grants().insert(retirable(REGION, keyId(2), 3, RETIRER));
    grants().insert(retirable(OTHER_REGION, keyId(1), 1, RETIRER));
    grants().insert(retirable(REGION, keyId(1), 2, OTHER_RETIRER));
    grants().insert(retirable(REGION, keyId(1), 1, RETIRER));
    grants().insert(grant(keyId(1), 4));

    assertEquals(
        List.of(
            OTHER_REGION + "/" + grantId(1),
            REGION + "/" + grantId(1),
            REGION + "/" + grantId(3)),
        ids(grants().listRetirable(RETIRER)));
    assertEquals(
        List.of(retirable(REGION, keyId(1), 2, OTHER_RETIRER)),
        grants().listRetirable(OTHER_RETIRER));
    assertEquals(List.of(), grants().listRetirable("arn:aws:iam::" + ACCOUNT + ":root"));
  }

  @Test
  default void delete_reportsWhetherAGrantWasDeleted() {
    keys();
    grants().insert(grant(keyId(1), 1));
    grants().insert(grant(OTHER_REGION, keyId(1), grantId(1), T0));
    assertFalse(grants().delete(REGION, grantId(2)));
    assertTrue(grants().delete(REGION, grantId(1)));
    assertFalse(grants().delete(REGION, grantId(1)));
    assertEquals(Optional.empty(), grants().find(REGION, grantId(1)));
    assertTrue(grants().find(OTHER_REGION, grantId(1)).isPresent());
    assertTrue(storage().keys().find(REGION, keyId(1)).isPresent());
  }

  @Test
  default void deleteKey_removesItsGrantsOnly() {
    keys();
    grants().insert(retirable(REGION, keyId(1), 1, RETIRER));
    grants().insert(grant(keyId(1), 2));
    grants().insert(retirable(REGION, keyId(2), 3, RETIRER));
    grants().insert(retirable(OTHER_REGION, keyId(1), 4, RETIRER));
    storage().aliases().insert(ContractFixtures.alias("alias/a", keyId(1)));

    storage().keys().delete(REGION, keyId(1));

    assertEquals(List.of(), grants().listForKey(REGION, keyId(1)));
    assertEquals(Optional.empty(), grants().find(REGION, grantId(2)));
    assertEquals(
        List.of(REGION + "/" + grantId(3), OTHER_REGION + "/" + grantId(4)),
        ids(grants().listRetirable(RETIRER)));
    assertEquals(List.of(), storage().aliases().listForKey(REGION, keyId(1)));
    assertEquals(1, grants().listForKey(OTHER_REGION, keyId(1)).size());

    storage().keys().insert(key(keyId(1))); // a new key of the same id starts without grants
    assertEquals(List.of(), grants().listForKey(REGION, keyId(1)));
    grants().insert(grant(keyId(1), 1));
    assertEquals(1, grants().listForKey(REGION, keyId(1)).size());
  }
}

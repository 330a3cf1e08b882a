package io.keywarden.storage.contract;

import static io.keywarden.storage.contract.ContractFixtures.ACCOUNT;
import static io.keywarden.storage.contract.ContractFixtures.REGION;
import static io.keywarden.storage.contract.ContractFixtures.accessKey;
import static io.keywarden.storage.contract.ContractFixtures.alias;
import static io.keywarden.storage.contract.ContractFixtures.fullGrant;
import static io.keywarden.storage.contract.ContractFixtures.fullKey;
import static io.keywarden.storage.contract.ContractFixtures.fullRole;
import static io.keywarden.storage.contract.ContractFixtures.fullUser;
import static io.keywarden.storage.contract.ContractFixtures.grantId;
import static io.keywarden.storage.contract.ContractFixtures.keyId;
import static io.keywarden.storage.contract.ContractFixtures.userId;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.keywarden.domain.storage.Storage;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The contract every storage backend passes. A backend's test extends this class and implements {@link
 * #newStorage()}; the repository parts come from the interfaces it implements.
 */
public abstract class StorageContractTest
    implements KeyRepositoryContract,
        DueForWorkContract,
        ConcurrencyContract,
        AliasRepositoryContract,
        AccessKeyRepositoryContract,
        IdentityRepositoryContract,
        GrantRepositoryContract,
        SettingsRepositoryContract,
        SecretRepositoryContract {
  private Storage storage;

  /** A new, empty storage, for one test; the suite closes it. */
  protected abstract Storage newStorage();

  @BeforeEach
  void openStorage() {
    storage = newStorage();
  }

  @AfterEach
  void closeStorage() {
    storage.close();
  }

  @Override
  public final Storage storage() {
    return storage;
  }

  /** One record in every repository, settings included. */
  private void fillEveryRepository() {
    storage.keys().insert(fullKey(ACCOUNT, REGION, keyId(1)));
    storage.aliases().insert(alias("alias/a", keyId(1)));
    storage.accessKeys().insert(accessKey("AKIAA", ACCOUNT, true));
    storage.identities().putUser(fullUser(ACCOUNT, "alice", userId(1)));
    storage.identities().putRole(fullRole(ACCOUNT, "app"));
    storage.grants().insert(fullGrant(REGION, keyId(1), grantId(1), false));
    storage.secrets().put(SecretRepositoryContract.fullSecret(ACCOUNT, REGION, "db"));
  }

  @Test
  void wipe_removesEveryRecordButKeepsSettings() {
    fillEveryRepository();
    storage.settings().put("seal", new byte[] {42});

    storage.wipe();

    assertEquals(Optional.empty(), storage.keys().find(REGION, keyId(1)));
    assertEquals(List.of(), storage.keys().list(ACCOUNT, REGION, null, 10));
    assertEquals(List.of(), storage.aliases().list(ACCOUNT, REGION));
    assertEquals(List.of(), storage.accessKeys().list(ACCOUNT));
    assertEquals(List.of(), storage.identities().listUsers(ACCOUNT));
    assertEquals(Optional.empty(), storage.identities().findUserById(userId(1)));
    assertEquals(List.of(), storage.identities().listRoles(ACCOUNT));
    assertEquals(Optional.empty(), storage.grants().find(REGION, grantId(1)));
    String retirer = fullGrant(REGION, keyId(1), grantId(1), false).retiringPrincipal();
    assertEquals(List.of(), storage.grants().listRetirable(retirer));
    assertEquals(List.of(), storage.secrets().list(ACCOUNT, REGION));
    assertArrayEquals(new byte[] {42}, storage.settings().get("seal").orElseThrow());
  }

  @Test
  void afterWipe_sameIdsCanBeInsertedAgain() {
    fillEveryRepository();
    storage.wipe();

    fillEveryRepository();
    assertEquals(
        Optional.of(alias("alias/a", keyId(1))), storage.aliases().find(ACCOUNT, REGION, "alias/a"));
    assertEquals(
        Optional.of(fullUser(ACCOUNT, "alice", userId(1))),
        storage.identities().findUserById(userId(1)));
    assertEquals(Optional.of(fullRole(ACCOUNT, "app")), storage.identities().findRole(ACCOUNT, "app"));
    assertEquals(
        List.of(fullGrant(REGION, keyId(1), grantId(1), false)),
        storage.grants().listForKey(REGION, keyId(1)));
  }

  @Test
  void wipeOfEmptyStorage_succeeds() {
    storage.wipe();
    assertEquals(List.of(), storage.keys().dueForWork(ContractFixtures.T0));
  }
}

package io.keywarden.storage.contract;

import static io.keywarden.storage.contract.ContractFixtures.ACCOUNT;
import static io.keywarden.storage.contract.ContractFixtures.OTHER_ACCOUNT;
import static io.keywarden.storage.contract.ContractFixtures.accessKey;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.keywarden.domain.identity.AccessKeyRecord;
import io.keywarden.domain.storage.AccessKeyRepository;
import io.keywarden.domain.storage.DuplicateRecordException;
import io.keywarden.domain.storage.Storage;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** {@link AccessKeyRepository}: unique access key ids, listed per account. */
public interface AccessKeyRepositoryContract {
  Storage storage();

  private AccessKeyRepository accessKeys() {
    return storage().accessKeys();
  }

  @Test
  default void findMissingAccessKey_returnsEmpty() {
    assertEquals(Optional.empty(), accessKeys().find("AKIAEXAMPLE000000001"));
  }

  @Test
  default void accessKey_roundTripsEveryField() {
    AccessKeyRecord active = accessKey("AKIAEXAMPLE000000001", ACCOUNT, true);
    AccessKeyRecord inactive = accessKey("AKIAEXAMPLE00000002", ACCOUNT, false);
    accessKeys().insert(active);
    accessKeys().insert(inactive);
    assertEquals(Optional.of(active), accessKeys().find("AKIAEXAMPLE000000001"));
    assertEquals(Optional.of(inactive), accessKeys().find("AKIAEXAMPLE00000002"));
  }

  @Test
  default void insertTakenId_throwsDuplicateAndKeepsOriginal() {
    AccessKeyRecord original = accessKey("AKIAEXAMPLE000000001", ACCOUNT, true);
    accessKeys().insert(original);
    assertThrows(
        DuplicateRecordException.class,
        () -> accessKeys().insert(accessKey("AKIAEXAMPLE000000001", OTHER_ACCOUNT, false)));
    assertEquals(Optional.of(original), accessKeys().find("AKIAEXAMPLE000000001"));
  }

  @Test
  default void list_returnsTheAccountsKeysById() {
    for (String id : List.of("AKIAC", "AKIAA", "AKIAB")) {
      accessKeys().insert(accessKey(id, ACCOUNT, true));
    }
    accessKeys().insert(accessKey("AKIAAA", OTHER_ACCOUNT, true));
    assertEquals(
        List.of("AKIAA", "AKIAB", "AKIAC"),
        accessKeys().list(ACCOUNT).stream().map(AccessKeyRecord::accessKeyId).toList());
    assertEquals(List.of(accessKey("AKIAAA", OTHER_ACCOUNT, true)), accessKeys().list(OTHER_ACCOUNT));
    assertEquals(List.of(), accessKeys().list("999999999999"));
  }

  @Test
  default void delete_reportsWhetherAKeyWasDeleted() {
    accessKeys().insert(accessKey("AKIAA", ACCOUNT, true));
    accessKeys().insert(accessKey("AKIAB", ACCOUNT, true));
    assertTrue(accessKeys().delete("AKIAA"));
    assertFalse(accessKeys().delete("AKIAA"));
    assertEquals(Optional.empty(), accessKeys().find("AKIAA"));
    assertTrue(accessKeys().find("AKIAB").isPresent());
  }
}

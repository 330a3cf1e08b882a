package io.keywarden.storage.contract;

import static io.keywarden.storage.contract.ContractFixtures.ACCOUNT;
import static io.keywarden.storage.contract.ContractFixtures.OTHER_ACCOUNT;
import static io.keywarden.storage.contract.ContractFixtures.fullRole;
import static io.keywarden.storage.contract.ContractFixtures.fullUser;
import static io.keywarden.storage.contract.ContractFixtures.role;
import static io.keywarden.storage.contract.ContractFixtures.user;
import static io.keywarden.storage.contract.ContractFixtures.userId;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.keywarden.domain.identity.IamRole;
import io.keywarden.domain.identity.IamUser;
import io.keywarden.domain.key.Tag;
import io.keywarden.domain.storage.DuplicateRecordException;
import io.keywarden.domain.storage.IdentityRepository;
import io.keywarden.domain.storage.StaleRecordException;
import io.keywarden.domain.storage.Storage;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@link IdentityRepository}: users and roles unique by account and name, user ids unique, puts
 * compare-and-swap on the revision, listings in name order.
 */
public interface IdentityRepositoryContract {
  Storage storage();

  private IdentityRepository identities() {
    return storage().identities();
  }

  /** The record as the next revision, with a changed tag list (what an update does). */
  private static IamUser next(IamUser u, String tag) {
    return new IamUser(
        u.accountId(), u.userName(), u.userId(), u.path(), u.createdAt(), List.of(new Tag("t", tag)),
        u.policies(), u.revision() + 1);
  }

  private static IamUser withRevision(IamUser u, long revision) {
    return new IamUser(
        u.accountId(), u.userName(), u.userId(), u.path(), u.createdAt(), u.tags(), u.policies(),
        revision);
  }

  private static IamRole next(IamRole r, int maxSessionSeconds) {
    return new IamRole(
        r.accountId(), r.roleName(), r.roleId(), r.path(), r.createdAt(), r.trustPolicy(),
        maxSessionSeconds, r.tags(), Map.of("added", "{}"), r.revision() + 1);
  }

  @Test
  default void findMissingUserOrRole_returnsEmpty() {
    assertEquals(Optional.empty(), identities().findUser(ACCOUNT, "alice"));
    assertEquals(Optional.empty(), identities().findUserById(userId(1)));
    assertEquals(Optional.empty(), identities().findRole(ACCOUNT, "app"));
  }

  @Test
  default void users_roundTripEveryFieldByNameAndById() {
    IamUser full = fullUser(ACCOUNT, "alice", userId(1));
    IamUser minimal = user("bob", 2);
    identities().putUser(full);
    identities().putUser(minimal);
    assertEquals(Optional.of(full), identities().findUser(ACCOUNT, "alice"));
    assertEquals(Optional.of(full), identities().findUserById(userId(1)));
    assertEquals(Optional.of(minimal), identities().findUser(ACCOUNT, "bob"));
    assertEquals(Optional.of(minimal), identities().findUserById(userId(2)));
  }

  @Test
  default void roles_roundTripEveryField() {
    IamRole full = fullRole(ACCOUNT, "app-role");
    IamRole minimal = role("other");
    identities().putRole(full);
    identities().putRole(minimal);
    assertEquals(Optional.of(full), identities().findRole(ACCOUNT, "app-role"));
    assertEquals(Optional.of(minimal), identities().findRole(ACCOUNT, "other"));
  }

  @Test
  default void putUserRevisionOneWithTakenName_throwsDuplicateAndKeepsOriginal() {
    IamUser original = user("alice", 1);
    identities().putUser(original);
    assertThrows(
        DuplicateRecordException.class,
        () -> identities().putUser(fullUser(ACCOUNT, "alice", userId(2))));
    assertEquals(Optional.of(original), identities().findUser(ACCOUNT, "alice"));
    assertEquals(Optional.empty(), identities().findUserById(userId(2)));
  }

  @Test
  default void putUserWithAnotherUsersId_throwsDuplicateAndChangesNothing() {
    IamUser alice = user("alice", 1);
    IamUser bob = user("bob", 2);
    identities().putUser(alice);
    identities().putUser(bob);
    assertThrows(
        DuplicateRecordException.class, () -> identities().putUser(user("carol", 1)));
    assertThrows(
        DuplicateRecordException.class,
        () -> identities().putUser(user(OTHER_ACCOUNT, "alice", userId(1))));
    IamUser bobTakingAlicesId = withRevision(user("bob", 1), 2);
    assertThrows(DuplicateRecordException.class, () -> identities().putUser(bobTakingAlicesId));
    assertEquals(Optional.of(alice), identities().findUserById(userId(1)));
    assertEquals(Optional.of(bob), identities().findUser(ACCOUNT, "bob"));
    assertEquals(Optional.empty(), identities().findUser(ACCOUNT, "carol"));
    assertEquals(List.of(), identities().listUsers(OTHER_ACCOUNT));
  }

  @Test
  default void putUserFromCurrentRevision_replacesRecord() {
    IamUser v1 = fullUser(ACCOUNT, "alice", userId(1));
    identities().putUser(v1);
    IamUser v2 = next(v1, "two");
    identities().putUser(v2);
    IamUser v3 = next(v2, "three");
    identities().putUser(v3);
    assertEquals(Optional.of(v3), identities().findUser(ACCOUNT, "alice"));
    assertEquals(Optional.of(v3), identities().findUserById(userId(1)));
    assertEquals(List.of(v3), identities().listUsers(ACCOUNT));
  }

  @Test
  default void putUserFromOldRevision_throwsStaleAndKeepsWinner() {
    IamUser v1 = user("alice", 1);
    identities().putUser(v1);
    IamUser winner = next(v1, "winner");
    identities().putUser(winner);
    assertThrows(StaleRecordException.class, () -> identities().putUser(next(v1, "loser")));
    assertThrows(
        StaleRecordException.class, () -> identities().putUser(withRevision(winner, 4)));
    assertEquals(Optional.of(winner), identities().findUserById(userId(1)));
  }

  @Test
  default void putUserAboveRevisionOneForMissingUser_throwsStale() {
    assertThrows(
        StaleRecordException.class, () -> identities().putUser(withRevision(user("alice", 1), 2)));
    assertThrows(
        StaleRecordException.class, () -> identities().putUser(withRevision(user("alice", 1), 0)));
    assertEquals(Optional.empty(), identities().findUser(ACCOUNT, "alice"));
    assertEquals(Optional.empty(), identities().findUserById(userId(1)));
  }

  @Test
  default void putUserWithChangedId_movesTheIdLookup() {
    IamUser v1 = user("alice", 1);
    identities().putUser(v1);
    IamUser v2 = withRevision(user("alice", 2), 2);
    identities().putUser(v2);
    assertEquals(Optional.empty(), identities().findUserById(userId(1)));
    assertEquals(Optional.of(v2), identities().findUserById(userId(2)));
    identities().putUser(user("bob", 1)); // the old id is free again
    assertEquals("bob", identities().findUserById(userId(1)).orElseThrow().userName());
  }

  @Test
  default void sameNameInAnotherAccount_isAnotherUserOrRole() {
    IamUser here = user("alice", 1);
    IamUser there = user(OTHER_ACCOUNT, "alice", userId(2));
    identities().putUser(here);
    identities().putUser(there);
    identities().putRole(role("app"));
    identities().putRole(fullRole(OTHER_ACCOUNT, "app"));
    assertEquals(Optional.of(here), identities().findUser(ACCOUNT, "alice"));
    assertEquals(Optional.of(there), identities().findUser(OTHER_ACCOUNT, "alice"));
    assertEquals(Optional.of(role("app")), identities().findRole(ACCOUNT, "app"));
    assertEquals(
        Optional.of(fullRole(OTHER_ACCOUNT, "app")), identities().findRole(OTHER_ACCOUNT, "app"));
  }

  @Test
  default void deleteUser_reportsWhetherAUserWasDeletedAndFreesNameAndId() {
    identities().putUser(user("alice", 1));
    identities().putUser(user("bob", 2));
    assertFalse(identities().deleteUser(OTHER_ACCOUNT, "alice"));
    assertTrue(identities().deleteUser(ACCOUNT, "alice"));
    assertFalse(identities().deleteUser(ACCOUNT, "alice"));
    assertEquals(Optional.empty(), identities().findUser(ACCOUNT, "alice"));
    assertEquals(Optional.empty(), identities().findUserById(userId(1)));
    assertTrue(identities().findUserById(userId(2)).isPresent());

    IamUser again = fullUser(ACCOUNT, "carol", userId(1));
    identities().putUser(again);
    identities().putUser(user("alice", 3));
    assertEquals(Optional.of(again), identities().findUserById(userId(1)));
  }

  @Test
  default void putRole_isCompareAndSwapOnRevision() {
    IamRole v1 = role("app");
    identities().putRole(v1);
    assertThrows(DuplicateRecordException.class, () -> identities().putRole(fullRole(ACCOUNT, "app")));
    IamRole v2 = next(v1, 7200);
    identities().putRole(v2);
    assertThrows(StaleRecordException.class, () -> identities().putRole(next(v1, 900)));
    assertThrows(StaleRecordException.class, () -> identities().putRole(next(next(v2, 1), 2)));
    assertThrows(StaleRecordException.class, () -> identities().putRole(next(role("missing"), 1)));
    assertEquals(Optional.of(v2), identities().findRole(ACCOUNT, "app"));
    assertEquals(Optional.empty(), identities().findRole(ACCOUNT, "missing"));
  }

  @Test
  default void deleteRole_reportsWhetherARoleWasDeleted() {
    identities().putRole(role("app"));
    identities().putRole(role("other"));
    assertFalse(identities().deleteRole(OTHER_ACCOUNT, "app"));
    assertTrue(identities().deleteRole(ACCOUNT, "app"));
    assertFalse(identities().deleteRole(ACCOUNT, "app"));
    assertEquals(Optional.empty(), identities().findRole(ACCOUNT, "app"));
    assertEquals(List.of(role("other")), identities().listRoles(ACCOUNT));
    identities().putRole(fullRole(ACCOUNT, "app")); // revision 1 again
    assertEquals(Optional.of(fullRole(ACCOUNT, "app")), identities().findRole(ACCOUNT, "app"));
  }

  @Test
  default void listUsersAndRoles_returnTheAccountsInNameOrder() {
    List<String> names = List.of("m", "a", "Z", "a.b", "a_b", "a-b", "ab", "@x");
    for (int i = 0; i < names.size(); i++) {
      identities().putUser(user(names.get(i), i + 1));
      identities().putRole(role(names.get(i)));
    }
    identities().putUser(user(OTHER_ACCOUNT, "aa", userId(99)));
    identities().putRole(role(OTHER_ACCOUNT, "aa"));
    List<String> ordered = List.of("@x", "Z", "a", "a-b", "a.b", "a_b", "ab", "m");
    assertEquals(
        ordered, identities().listUsers(ACCOUNT).stream().map(IamUser::userName).toList());
    assertEquals(
        ordered, identities().listRoles(ACCOUNT).stream().map(IamRole::roleName).toList());
    assertEquals(List.of(user(OTHER_ACCOUNT, "aa", userId(99))), identities().listUsers(OTHER_ACCOUNT));
    assertEquals(List.of(role(OTHER_ACCOUNT, "aa")), identities().listRoles(OTHER_ACCOUNT));
    assertEquals(List.of(), identities().listUsers("999999999999"));
    assertEquals(List.of(), identities().listRoles("999999999999"));
  }

  @Test
  default void accounts_areThoseWithAUserOrARole_inOrder() {
    assertEquals(List.of(), identities().accounts());
    identities().putRole(role(OTHER_ACCOUNT, "app"));
    identities().putUser(user("alice", 1));
    identities().putUser(user("bob", 2));
    identities().putRole(role("app"));
    assertEquals(List.of(ACCOUNT, OTHER_ACCOUNT).stream().sorted().toList(), identities().accounts());
    identities().deleteRole(OTHER_ACCOUNT, "app");
    assertEquals(List.of(ACCOUNT), identities().accounts());
    identities().deleteUser(ACCOUNT, "alice");
    identities().deleteUser(ACCOUNT, "bob");
    assertEquals(List.of(ACCOUNT), identities().accounts());
    identities().deleteRole(ACCOUNT, "app");
    assertEquals(List.of(), identities().accounts());
  }

  @Test
  @Timeout(60)
  default void twoPutsFromSameRevision_exactlyOneWins() throws Exception {
    identities().putUser(user("alice", 1));
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      for (int round = 0; round < 10; round++) {
        IamUser read = identities().findUser(ACCOUNT, "alice").orElseThrow();
        CyclicBarrier start = new CyclicBarrier(2);
        List<Future<Boolean>> attempts = new ArrayList<>();
        for (String who : List.of("a", "b")) {
          IamUser attempt = next(read, who + round);
          attempts.add(
              pool.submit(
                  () -> {
                    start.await(30, TimeUnit.SECONDS);
                    try {
                      identities().putUser(attempt);
                      return true;
                    } catch (StaleRecordException lost) {
                      return false;
                    }
                  }));
        }
        int wins = 0;
        for (Future<Boolean> attempt : attempts) {
          wins += attempt.get(30, TimeUnit.SECONDS) ? 1 : 0;
        }
        assertEquals(1, wins, "round " + round);
        assertEquals(
            read.revision() + 1, identities().findUserById(userId(1)).orElseThrow().revision());
      }
    } finally {
      pool.shutdownNow();
    }
  }
}

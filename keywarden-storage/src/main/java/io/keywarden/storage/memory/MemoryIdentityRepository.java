package io.keywarden.storage.memory;

import io.keywarden.domain.identity.IamRole;
import io.keywarden.domain.identity.IamUser;
import io.keywarden.domain.storage.DuplicateRecordException;
import io.keywarden.domain.storage.IdentityRepository;
import io.keywarden.domain.storage.StaleRecordException;
import io.keywarden.storage.memory.MemoryState.NameAt;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Objects;
import java.util.Optional;

/**
 * Users and roles, each map sorted by account then name. A put is compare-and-swap on the revision;
 * a user id may belong to one user only (as SQLite's unique index enforces), checked first.
 */
final class MemoryIdentityRepository implements IdentityRepository {
  private final MemoryState state;

  MemoryIdentityRepository(MemoryState state) {
    this.state = state;
  }

  @Override
  public Optional<IamUser> findUser(String accountId, String userName) {
    NameAt at = at(accountId, userName);
    return state.read(() -> Optional.ofNullable(state.users.get(at)));
  }

  @Override
  public Optional<IamUser> findUserById(String userId) {
    Objects.requireNonNull(userId, "userId");
    return state.read(() -> Optional.ofNullable(state.usersById.get(userId)));
  }

  @Override
  public void putUser(IamUser user) {
    NameAt at = MemoryState.at(user);
    state.write(
        () -> {
          IamUser owner = state.usersById.get(user.userId());
          if (owner != null && !MemoryState.at(owner).equals(at)) {
            throw new DuplicateRecordException("IAM user id " + user.userId());
          }
          IamUser stored = state.users.get(at);
          requireSwappable(
              "IAM user " + user.userName(), stored == null ? null : stored.revision(), user.revision());
          if (stored != null) {
            state.usersById.remove(stored.userId());
          }
          state.users.put(at, user);
          state.usersById.put(user.userId(), user);
          return null;
        });
  }

  @Override
  public boolean deleteUser(String accountId, String userName) {
    NameAt at = at(accountId, userName);
    return state.write(
        () -> {
          IamUser removed = state.users.remove(at);
          if (removed == null) {
            return false;
          }
          state.usersById.remove(removed.userId());
          return true;
        });
  }

  @Override
  public List<IamUser> listUsers(String accountId) {
    Objects.requireNonNull(accountId, "accountId");
    return state.read(() -> inAccount(state.users, accountId));
  }

  @Override
  public Optional<IamRole> findRole(String accountId, String roleName) {
    NameAt at = at(accountId, roleName);
    return state.read(() -> Optional.ofNullable(state.roles.get(at)));
  }

  @Override
  public void putRole(IamRole role) {
    NameAt at = MemoryState.at(role);
    state.write(
        () -> {
          IamRole stored = state.roles.get(at);
          requireSwappable(
              "IAM role " + role.roleName(), stored == null ? null : stored.revision(), role.revision());
          state.roles.put(at, role);
          return null;
        });
  }

  @Override
  public boolean deleteRole(String accountId, String roleName) {
    NameAt at = at(accountId, roleName);
    return state.write(() -> state.roles.remove(at) != null);
  }

  @Override
  public List<IamRole> listRoles(String accountId) {
    Objects.requireNonNull(accountId, "accountId");
    return state.read(() -> inAccount(state.roles, accountId));
  }

  @Override
  public List<String> accounts() {
    return state.read(
        () -> {
          java.util.TreeSet<String> accounts = new java.util.TreeSet<>();
          state.users.keySet().forEach(at -> accounts.add(at.accountId()));
          state.roles.keySet().forEach(at -> accounts.add(at.accountId()));
          return List.copyOf(accounts);
        });
  }

  /**
   * Revision 1 inserts (a stored record makes it a duplicate); any other replaces the stored record of
   * the revision just below it. {@code storedRevision} is {@code null} when nothing is stored.
   */
  private static void requireSwappable(String what, Long storedRevision, long next) {
    if (next == 1) {
      if (storedRevision != null) {
        throw new DuplicateRecordException(what);
      }
    } else if (storedRevision == null || storedRevision != next - 1) {
      throw new StaleRecordException(what);
    }
  }

  private static <T> List<T> inAccount(NavigableMap<NameAt, T> map, String accountId) {
    List<T> found = new ArrayList<>();
    for (Map.Entry<NameAt, T> entry : map.tailMap(new NameAt(accountId, ""), true).entrySet()) {
      if (!entry.getKey().accountId().equals(accountId)) {
        break;
      }
      found.add(entry.getValue());
    }
    return found;
  }

  private static NameAt at(String accountId, String name) {
    return new NameAt(
        Objects.requireNonNull(accountId, "accountId"), Objects.requireNonNull(name, "name"));
  }
}

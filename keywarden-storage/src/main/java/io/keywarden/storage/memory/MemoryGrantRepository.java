package io.keywarden.storage.memory;

import io.keywarden.domain.key.Grant;
import io.keywarden.domain.storage.DuplicateRecordException;
import io.keywarden.domain.storage.GrantRepository;
import io.keywarden.domain.storage.StaleRecordException;
import io.keywarden.storage.codec.GrantColumns;
import io.keywarden.storage.memory.MemoryState.GrantAt;
import io.keywarden.storage.memory.MemoryState.KeyAt;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Predicate;

/** Grants by region and grant id; the listings scan and sort (dev-mode sizes). */
final class MemoryGrantRepository implements GrantRepository {
  private final MemoryState state;

  MemoryGrantRepository(MemoryState state) {
    this.state = state;
  }

  /**
   * @throws StaleRecordException if the grant's key does not exist in its region (SQLite's foreign
   *     key, mirrored: a key deleted since it was read)
   */
  @Override
  public void insert(Grant grant) {
    state.write(
        () -> {
          if (!state.keys.containsKey(new KeyAt(grant.region(), grant.keyId()))) {
            throw new StaleRecordException("key " + grant.keyId());
          }
          if (state.grants.putIfAbsent(MemoryState.at(grant), grant) != null) {
            throw new DuplicateRecordException("grant " + grant.grantId());
          }
          return null;
        });
  }

  @Override
  public Optional<Grant> find(String region, String grantId) {
    GrantAt at = at(region, grantId);
    return state.read(() -> Optional.ofNullable(state.grants.get(at)));
  }

  @Override
  public List<Grant> listForKey(String region, String keyId) {
    Objects.requireNonNull(region, "region");
    Objects.requireNonNull(keyId, "keyId");
    List<Grant> found = select(g -> g.region().equals(region) && g.keyId().equals(keyId));
    found.sort(GrantColumns.BY_CREATION);
    return found;
  }

  @Override
  public List<Grant> listRetirable(String retiringPrincipal) {
    Objects.requireNonNull(retiringPrincipal, "retiringPrincipal");
    List<Grant> found = select(g -> retiringPrincipal.equals(g.retiringPrincipal()));
    found.sort(GrantColumns.BY_GRANT_ID);
    return found;
  }

  @Override
  public boolean delete(String region, String grantId) {
    GrantAt at = at(region, grantId);
    return state.write(() -> state.grants.remove(at) != null);
  }

  private List<Grant> select(Predicate<Grant> wanted) {
    return state.read(
        () -> {
          List<Grant> found = new ArrayList<>();
          for (Grant g : state.grants.values()) {
            if (wanted.test(g)) {
              found.add(g);
            }
          }
          return found;
        });
  }

  private static GrantAt at(String region, String grantId) {
    return new GrantAt(
        Objects.requireNonNull(region, "region"), Objects.requireNonNull(grantId, "grantId"));
  }
}

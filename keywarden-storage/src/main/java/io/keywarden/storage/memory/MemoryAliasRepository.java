package io.keywarden.storage.memory;

import io.keywarden.domain.alias.AliasRecord;
import io.keywarden.domain.storage.AliasRepository;
import io.keywarden.domain.storage.DuplicateRecordException;
import io.keywarden.domain.storage.StaleRecordException;
import io.keywarden.storage.memory.MemoryState.AliasAt;
import io.keywarden.storage.memory.MemoryState.KeyAt;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

final class MemoryAliasRepository implements AliasRepository {
  private final MemoryState state;

  MemoryAliasRepository(MemoryState state) {
    this.state = state;
  }

  @Override
  public Optional<AliasRecord> find(String accountId, String region, String aliasName) {
    AliasAt at = new AliasAt(accountId, region, aliasName);
    return state.read(() -> Optional.ofNullable(state.aliases.get(at)));
  }

  @Override
  public void insert(AliasRecord alias) {
    state.write(
        () -> {
          requireTarget(alias);
          if (state.aliases.putIfAbsent(MemoryState.at(alias), alias) != null) {
            throw new DuplicateRecordException("alias " + alias.aliasName());
          }
          return null;
        });
  }

  @Override
  public void update(AliasRecord alias) {
    state.write(
        () -> {
          AliasAt at = MemoryState.at(alias);
          if (!state.aliases.containsKey(at)) {
            throw new StaleRecordException("alias " + alias.aliasName());
          }
          requireTarget(alias);
          state.aliases.put(at, alias);
          return null;
        });
  }

  @Override
  public boolean delete(String accountId, String region, String aliasName) {
    AliasAt at = new AliasAt(accountId, region, aliasName);
    return state.write(() -> state.aliases.remove(at) != null);
  }

  @Override
  public List<AliasRecord> list(String accountId, String region) {
    return state.read(
        () -> {
          List<AliasRecord> found = new ArrayList<>();
          for (AliasRecord a : state.aliases.tailMap(new AliasAt(accountId, region, ""), true).values()) {
            if (!a.accountId().equals(accountId) || !a.region().equals(region)) {
              break;
            }
            found.add(a);
          }
          return found;
        });
  }

  @Override
  public List<AliasRecord> listForKey(String region, String keyId) {
    return state.read(
        () -> {
          List<AliasRecord> found = new ArrayList<>();
          for (AliasRecord a : state.aliases.values()) {
            if (a.region().equals(region) && a.targetKeyId().equals(keyId)) {
              found.add(a);
            }
          }
          found.sort((x, y) -> x.aliasName().compareTo(y.aliasName()));
          return found;
        });
  }

  /** The SQLite backend's foreign key, mirrored: the target key must exist in the alias's region. */
  private void requireTarget(AliasRecord alias) {
    if (!state.keys.containsKey(new KeyAt(alias.region(), alias.targetKeyId()))) {
      throw new StaleRecordException("key " + alias.targetKeyId());
    }
  }
}

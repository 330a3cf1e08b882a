package io.keywarden.storage.memory;

import io.keywarden.domain.key.KeyRecord;
import io.keywarden.domain.storage.DuplicateRecordException;
import io.keywarden.domain.storage.KeyRepository;
import io.keywarden.domain.storage.StaleRecordException;
import io.keywarden.storage.codec.KeyColumns;
import io.keywarden.storage.memory.MemoryState.KeyAt;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

final class MemoryKeyRepository implements KeyRepository {
  private final MemoryState state;

  MemoryKeyRepository(MemoryState state) {
    this.state = state;
  }

  @Override
  public Optional<KeyRecord> find(String region, String keyId) {
    KeyAt at = new KeyAt(region, keyId);
    return state.read(() -> Optional.ofNullable(state.keys.get(at)));
  }

  @Override
  public void insert(KeyRecord key) {
    state.write(
        () -> {
          if (state.keys.putIfAbsent(MemoryState.at(key), key) != null) {
            throw new DuplicateRecordException("key " + key.keyId());
          }
          return null;
        });
  }

  @Override
  public void update(KeyRecord next) {
    state.write(
        () -> {
          KeyAt at = MemoryState.at(next);
          KeyRecord stored = state.keys.get(at);
          if (stored == null || stored.revision() != next.revision() - 1) {
            throw new StaleRecordException("key " + next.keyId());
          }
          state.keys.put(at, next);
          return null;
        });
  }

  @Override
  public void delete(String region, String keyId) {
    state.write(
        () -> {
          state.keys.remove(new KeyAt(region, keyId));
          state
              .aliases
              .values()
              .removeIf(a -> a.region().equals(region) && a.targetKeyId().equals(keyId));
          state
              .grants
              .values()
              .removeIf(g -> g.region().equals(region) && g.keyId().equals(keyId));
          return null;
        });
  }

  @Override
  public List<KeyRecord> list(String accountId, String region, String afterKeyId, int limit) {
    Objects.requireNonNull(accountId, "accountId");
    Objects.requireNonNull(region, "region");
    if (limit < 1) {
      throw new IllegalArgumentException("limit must be at least 1");
    }
    return state.read(
        () -> {
          List<KeyRecord> page = new ArrayList<>();
          var from =
              afterKeyId == null
                  ? state.keys.tailMap(new KeyAt(region, ""), true)
                  : state.keys.tailMap(new KeyAt(region, afterKeyId), false);
          for (KeyRecord key : from.values()) {
            if (!key.region().equals(region) || page.size() == limit) {
              break;
            }
            if (key.accountId().equals(accountId)) {
              page.add(key);
            }
          }
          return page;
        });
  }

  @Override
  public List<KeyRecord> dueForWork(Instant now) {
    Objects.requireNonNull(now, "now");
    return state.read(
        () -> {
          List<KeyRecord> due = new ArrayList<>();
          for (KeyRecord key : state.keys.values()) {
            if (KeyColumns.isDue(key, now)) {
              due.add(key);
            }
          }
          return due;
        });
  }
}

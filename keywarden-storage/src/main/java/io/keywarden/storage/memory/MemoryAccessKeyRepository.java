package io.keywarden.storage.memory;

import io.keywarden.domain.identity.AccessKeyRecord;
import io.keywarden.domain.storage.AccessKeyRepository;
import io.keywarden.domain.storage.DuplicateRecordException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

final class MemoryAccessKeyRepository implements AccessKeyRepository {
  private final MemoryState state;

  MemoryAccessKeyRepository(MemoryState state) {
    this.state = state;
  }

  @Override
  public Optional<AccessKeyRecord> find(String accessKeyId) {
    Objects.requireNonNull(accessKeyId, "accessKeyId");
    return state.read(() -> Optional.ofNullable(state.accessKeys.get(accessKeyId)));
  }

  @Override
  public void insert(AccessKeyRecord key) {
    state.write(
        () -> {
          if (state.accessKeys.putIfAbsent(key.accessKeyId(), key) != null) {
            throw new DuplicateRecordException("access key " + key.accessKeyId());
          }
          return null;
        });
  }

  @Override
  public List<AccessKeyRecord> list(String accountId) {
    Objects.requireNonNull(accountId, "accountId");
    return state.read(
        () -> {
          List<AccessKeyRecord> found = new ArrayList<>();
          for (AccessKeyRecord k : state.accessKeys.values()) {
            if (k.accountId().equals(accountId)) {
              found.add(k);
            }
          }
          return found;
        });
  }

  @Override
  public boolean delete(String accessKeyId) {
    Objects.requireNonNull(accessKeyId, "accessKeyId");
    return state.write(() -> state.accessKeys.remove(accessKeyId) != null);
  }
}

package io.keywarden.storage.memory;

import io.keywarden.domain.secret.SecretRecord;
import io.keywarden.domain.storage.DuplicateRecordException;
import io.keywarden.domain.storage.SecretRepository;
import io.keywarden.domain.storage.StaleRecordException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Secrets by ARN, with the index of names SQLite keeps unique. A put is compare-and-swap on the
 * revision, as for users and roles.
 */
final class MemorySecretRepository implements SecretRepository {
  private final MemoryState state;

  MemorySecretRepository(MemoryState state) {
    this.state = state;
  }

  @Override
  public Optional<SecretRecord> find(String arn) {
    Objects.requireNonNull(arn, "arn");
    return state.read(() -> Optional.ofNullable(state.secrets.get(arn)));
  }

  @Override
  public Optional<SecretRecord> findByName(String accountId, String region, String name) {
    MemoryState.SecretAt at = new MemoryState.SecretAt(accountId, region, name);
    return state.read(
        () -> Optional.ofNullable(state.secretNames.get(at)).map(state.secrets::get));
  }

  @Override
  public void put(SecretRecord secret) {
    MemoryState.SecretAt at = MemoryState.at(secret);
    state.write(
        () -> {
          SecretRecord stored = state.secrets.get(secret.arn());
          if (secret.revision() == 1) {
            if (stored != null || state.secretNames.containsKey(at)) {
              throw new DuplicateRecordException("secret " + secret.name());
            }
          } else if (stored == null
              || stored.revision() != secret.revision() - 1
              || !MemoryState.at(stored).equals(at)) {
            throw new StaleRecordException("secret " + secret.name());
          }
          state.secrets.put(secret.arn(), secret);
          state.secretNames.put(at, secret.arn());
          return null;
        });
  }

  @Override
  public boolean delete(String arn) {
    Objects.requireNonNull(arn, "arn");
    return state.write(
        () -> {
          SecretRecord removed = state.secrets.remove(arn);
          if (removed == null) {
            return false;
          }
          state.secretNames.remove(MemoryState.at(removed));
          return true;
        });
  }

  @Override
  public List<SecretRecord> list(String accountId, String region) {
    Objects.requireNonNull(accountId, "accountId");
    Objects.requireNonNull(region, "region");
    return state.read(
        () -> {
          List<SecretRecord> found = new ArrayList<>();
          for (var e : state.secretNames.tailMap(new MemoryState.SecretAt(accountId, region, ""), true)
              .entrySet()) {
            if (!e.getKey().accountId().equals(accountId) || !e.getKey().region().equals(region)) {
              break;
            }
            found.add(state.secrets.get(e.getValue()));
          }
          return found;
        });
  }

  @Override
  public List<SecretRecord> markedForDeletion() {
    return state.read(
        () -> state.secrets.values().stream().filter(s -> s.deletedDate() != null).toList());
  }

  @Override
  public List<SecretRecord> listWithRotation() {
    return state.read(
        () -> state.secrets.values().stream().filter(s -> s.rotation() != null).toList());
  }
}

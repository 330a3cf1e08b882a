package io.keywarden.storage.memory;

import io.keywarden.domain.storage.AccessKeyRepository;
import io.keywarden.domain.storage.AliasRepository;
import io.keywarden.domain.storage.GrantRepository;
import io.keywarden.domain.storage.IdentityRepository;
import io.keywarden.domain.storage.KeyRepository;
import io.keywarden.domain.storage.SecretRepository;
import io.keywarden.domain.storage.SettingsRepository;
import io.keywarden.domain.storage.Storage;

/**
 * Storage in memory, for dev mode. Behaves as the SQLite backend does (the contract suite checks both),
 * including the integrity rules SQLite enforces with foreign keys and unique indexes: an alias or a
 * grant must be on a key that exists in its region, and a user id belongs to one user.
 */
public final class MemoryStorage implements Storage {
  private final MemoryState state = new MemoryState();
  private final MemoryKeyRepository keys = new MemoryKeyRepository(state);
  private final MemoryAliasRepository aliases = new MemoryAliasRepository(state);
  private final MemoryAccessKeyRepository accessKeys = new MemoryAccessKeyRepository(state);
  private final MemoryIdentityRepository identities = new MemoryIdentityRepository(state);
  private final MemoryGrantRepository grants = new MemoryGrantRepository(state);
  private final MemorySettingsRepository settings = new MemorySettingsRepository(state);
  private final MemorySecretRepository secrets = new MemorySecretRepository(state);

  @Override
  public KeyRepository keys() {
    return keys;
  }

  @Override
  public AliasRepository aliases() {
    return aliases;
  }

  @Override
  public AccessKeyRepository accessKeys() {
    return accessKeys;
  }

  @Override
  public IdentityRepository identities() {
    return identities;
  }

  @Override
  public GrantRepository grants() {
    return grants;
  }

  @Override
  public SettingsRepository settings() {
    return settings;
  }

  @Override
  public SecretRepository secrets() {
    return secrets;
  }

  @Override
  public void wipe() {
    state.write(
        () -> {
          state.keys.clear();
          state.aliases.clear();
          state.accessKeys.clear();
          state.users.clear();
          state.usersById.clear();
          state.roles.clear();
          state.grants.clear();
          state.secrets.clear();
          state.secretNames.clear();
          return null;
        });
  }

  /** Nothing to release; the data stays reachable for as long as this object is. */
  @Override
  public void close() {}
}

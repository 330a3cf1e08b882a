package io.keywarden.storage.memory;

import io.keywarden.domain.storage.AccessKeyRepository;
import io.keywarden.domain.storage.AliasRepository;
import io.keywarden.domain.storage.KeyRepository;
import io.keywarden.domain.storage.SettingsRepository;
import io.keywarden.domain.storage.Storage;

/**
 * Storage in memory, for dev mode. Behaves as the SQLite backend does (the contract suite checks both),
 * including the one integrity rule SQLite enforces with a foreign key: an alias must target a key that
 * exists in its region.
 */
public final class MemoryStorage implements Storage {
  private final MemoryState state = new MemoryState();
  private final MemoryKeyRepository keys = new MemoryKeyRepository(state);
  private final MemoryAliasRepository aliases = new MemoryAliasRepository(state);
  private final MemoryAccessKeyRepository accessKeys = new MemoryAccessKeyRepository(state);
  private final MemorySettingsRepository settings = new MemorySettingsRepository(state);

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
  public SettingsRepository settings() {
    return settings;
  }

  @Override
  public void wipe() {
    state.write(
        () -> {
          state.keys.clear();
          state.aliases.clear();
          state.accessKeys.clear();
          return null;
        });
  }

  /** Nothing to release; the data stays reachable for as long as this object is. */
  @Override
  public void close() {}
}

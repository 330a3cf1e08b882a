package io.keywarden.storage.memory;

import io.keywarden.domain.storage.SettingsRepository;
import java.util.Objects;
import java.util.Optional;

/** Settings; values are copied in and out, so callers never share an array with the store. */
final class MemorySettingsRepository implements SettingsRepository {
  private final MemoryState state;

  MemorySettingsRepository(MemoryState state) {
    this.state = state;
  }

  @Override
  public Optional<byte[]> get(String name) {
    Objects.requireNonNull(name, "name");
    return state.read(() -> Optional.ofNullable(state.settings.get(name)).map(byte[]::clone));
  }

  @Override
  public boolean putIfAbsent(String name, byte[] value) {
    Objects.requireNonNull(name, "name");
    byte[] copy = value.clone();
    return state.write(() -> state.settings.putIfAbsent(name, copy) == null);
  }

  @Override
  public void put(String name, byte[] value) {
    Objects.requireNonNull(name, "name");
    byte[] copy = value.clone();
    state.write(() -> state.settings.put(name, copy));
  }
}

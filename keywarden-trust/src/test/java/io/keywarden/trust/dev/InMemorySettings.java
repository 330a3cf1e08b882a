package io.keywarden.trust.dev;

import io.keywarden.domain.storage.SettingsRepository;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/** A settings store in a map: enough for the seal, and honest about putIfAbsent. */
final class InMemorySettings implements SettingsRepository {
  private final ConcurrentMap<String, byte[]> values = new ConcurrentHashMap<>();

  @Override
  public Optional<byte[]> get(String name) {
    return Optional.ofNullable(values.get(name)).map(byte[]::clone);
  }

  @Override
  public boolean putIfAbsent(String name, byte[] value) {
    return values.putIfAbsent(name, value.clone()) == null;
  }

  @Override
  public void put(String name, byte[] value) {
    values.put(name, value.clone());
  }
}

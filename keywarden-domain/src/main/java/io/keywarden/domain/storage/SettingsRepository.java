package io.keywarden.domain.storage;

import java.util.Optional;

/** Small named values of the installation (the seal configuration, for one). */
public interface SettingsRepository {

  Optional<byte[]> get(String name);

  /** @return {@code false} (and changes nothing) if the name already has a value */
  boolean putIfAbsent(String name, byte[] value);

  void put(String name, byte[] value);
}

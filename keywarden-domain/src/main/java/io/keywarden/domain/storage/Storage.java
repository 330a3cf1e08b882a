package io.keywarden.domain.storage;

/** A storage backend: the repositories, and its lifecycle. */
public interface Storage extends AutoCloseable {

  KeyRepository keys();

  AliasRepository aliases();

  AccessKeyRepository accessKeys();

  SettingsRepository settings();

  /** Removes every key, alias and access key; keeps settings (the seal). For dev-mode resets. */
  void wipe();

  @Override
  void close();
}

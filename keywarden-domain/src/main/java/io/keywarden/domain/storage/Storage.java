package io.keywarden.domain.storage;

/** A storage backend: the repositories, and its lifecycle. */
public interface Storage extends AutoCloseable {

  KeyRepository keys();

  AliasRepository aliases();

  AccessKeyRepository accessKeys();

  IdentityRepository identities();

  GrantRepository grants();

  SettingsRepository settings();

  SecretRepository secrets();

  /**
   * Removes every key, alias, grant, access key, user, role and secret; keeps settings (the seal). For
   * dev-mode resets.
   */
  void wipe();

  @Override
  void close();
}

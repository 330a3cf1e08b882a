package io.keywarden.domain.key;

/** Key states, as the {@code KeyState} enum of the KMS model. */
public enum KeyState {
  Creating,
  Enabled,
  Disabled,
  PendingDeletion,
  PendingImport,
  PendingReplicaDeletion,
  Unavailable,
  Updating
}

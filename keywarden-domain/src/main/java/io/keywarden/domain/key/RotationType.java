package io.keywarden.domain.key;

/** How a key material version came to be: the {@code RotationType} enum of the KMS model. */
public enum RotationType {
  AUTOMATIC,
  ON_DEMAND
}

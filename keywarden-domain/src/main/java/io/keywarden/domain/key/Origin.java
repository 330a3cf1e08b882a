package io.keywarden.domain.key;

/** Where a key's material comes from, as the {@code OriginType} enum of the KMS model. */
public enum Origin {
  AWS_KMS,
  EXTERNAL,
  AWS_CLOUDHSM,
  EXTERNAL_KEY_STORE
}

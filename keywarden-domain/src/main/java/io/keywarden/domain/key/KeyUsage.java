package io.keywarden.domain.key;

/** Key usages, as the {@code KeyUsageType} enum of the KMS model. */
public enum KeyUsage {
  SIGN_VERIFY,
  ENCRYPT_DECRYPT,
  GENERATE_VERIFY_MAC,
  KEY_AGREEMENT
}

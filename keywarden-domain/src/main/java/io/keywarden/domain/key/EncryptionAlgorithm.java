package io.keywarden.domain.key;

/** Encryption algorithms, as the {@code EncryptionAlgorithmSpec} enum of the KMS model. */
public enum EncryptionAlgorithm {
  SYMMETRIC_DEFAULT,
  RSAES_OAEP_SHA_1,
  RSAES_OAEP_SHA_256,
  SM2PKE
}

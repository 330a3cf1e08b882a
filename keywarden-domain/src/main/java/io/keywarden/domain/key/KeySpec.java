package io.keywarden.domain.key;

/** Key specs, as the {@code KeySpec} enum of the KMS model. */
public enum KeySpec {
  RSA_2048,
  RSA_3072,
  RSA_4096,
  ECC_NIST_P256,
  ECC_NIST_P384,
  ECC_NIST_P521,
  ECC_SECG_P256K1,
  SYMMETRIC_DEFAULT,
  HMAC_224,
  HMAC_256,
  HMAC_384,
  HMAC_512,
  SM2,
  ML_DSA_44,
  ML_DSA_65,
  ML_DSA_87,
  ECC_NIST_EDWARDS25519;

  public boolean isSymmetricDefault() {
    return this == SYMMETRIC_DEFAULT;
  }
}

package io.keywarden.domain.key;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * What each key spec allows, as the KMS developer guide's "Key spec reference" states it: the key
 * usages, and per usage the encryption, signing, MAC and key agreement algorithms.
 */
public final class KeySpecs {
  private KeySpecs() {}

  public static Set<KeyUsage> usages(KeySpec spec) {
    switch (spec) {
      case SYMMETRIC_DEFAULT:
        return EnumSet.of(KeyUsage.ENCRYPT_DECRYPT);
      case RSA_2048:
      case RSA_3072:
      case RSA_4096:
        return EnumSet.of(KeyUsage.ENCRYPT_DECRYPT, KeyUsage.SIGN_VERIFY);
      case ECC_NIST_P256:
      case ECC_NIST_P384:
      case ECC_NIST_P521:
        return EnumSet.of(KeyUsage.SIGN_VERIFY, KeyUsage.KEY_AGREEMENT);
      case ECC_SECG_P256K1:
      case ECC_NIST_EDWARDS25519:
      case ML_DSA_44:
      case ML_DSA_65:
      case ML_DSA_87:
        return EnumSet.of(KeyUsage.SIGN_VERIFY);
      case HMAC_224:
      case HMAC_256:
      case HMAC_384:
      case HMAC_512:
        return EnumSet.of(KeyUsage.GENERATE_VERIFY_MAC);
      case SM2:
        return EnumSet.of(KeyUsage.ENCRYPT_DECRYPT, KeyUsage.SIGN_VERIFY, KeyUsage.KEY_AGREEMENT);
      default:
        throw new IllegalArgumentException(spec.name());
    }
  }

  public static boolean isRsa(KeySpec spec) {
    return spec == KeySpec.RSA_2048 || spec == KeySpec.RSA_3072 || spec == KeySpec.RSA_4096;
  }

  public static boolean isHmac(KeySpec spec) {
    return spec == KeySpec.HMAC_224
        || spec == KeySpec.HMAC_256
        || spec == KeySpec.HMAC_384
        || spec == KeySpec.HMAC_512;
  }

  public static boolean isMlDsa(KeySpec spec) {
    return spec == KeySpec.ML_DSA_44 || spec == KeySpec.ML_DSA_65 || spec == KeySpec.ML_DSA_87;
  }

  /** Asymmetric: a key pair (RSA, ECC, Edwards, ML-DSA, SM2). */
  public static boolean isAsymmetric(KeySpec spec) {
    return spec != KeySpec.SYMMETRIC_DEFAULT && !isHmac(spec);
  }

  /** The RSA modulus length in bytes. */
  public static int rsaModulusBytes(KeySpec spec) {
    switch (spec) {
      case RSA_2048:
        return 256;
      case RSA_3072:
        return 384;
      case RSA_4096:
        return 512;
      default:
        throw new IllegalArgumentException(spec.name());
    }
  }

  public static List<EncryptionAlgorithm> encryptionAlgorithms(KeySpec spec) {
    if (spec == KeySpec.SYMMETRIC_DEFAULT) {
      return List.of(EncryptionAlgorithm.SYMMETRIC_DEFAULT);
    }
    if (isRsa(spec)) {
      return List.of(EncryptionAlgorithm.RSAES_OAEP_SHA_1, EncryptionAlgorithm.RSAES_OAEP_SHA_256);
    }
    if (spec == KeySpec.SM2) {
      return List.of(EncryptionAlgorithm.SM2PKE);
    }
    return List.of();
  }

  public static List<SigningAlgorithm> signingAlgorithms(KeySpec spec) {
    switch (spec) {
      case RSA_2048:
      case RSA_3072:
      case RSA_4096:
        // In AWS's order (DescribeKey example of an RSA_2048 SIGN_VERIFY key).
        return List.of(
            SigningAlgorithm.RSASSA_PKCS1_V1_5_SHA_256,
            SigningAlgorithm.RSASSA_PKCS1_V1_5_SHA_384,
            SigningAlgorithm.RSASSA_PKCS1_V1_5_SHA_512,
            SigningAlgorithm.RSASSA_PSS_SHA_256,
            SigningAlgorithm.RSASSA_PSS_SHA_384,
            SigningAlgorithm.RSASSA_PSS_SHA_512);
      case ECC_NIST_P256:
      case ECC_SECG_P256K1:
        return List.of(SigningAlgorithm.ECDSA_SHA_256);
      case ECC_NIST_P384:
        return List.of(SigningAlgorithm.ECDSA_SHA_384);
      case ECC_NIST_P521:
        return List.of(SigningAlgorithm.ECDSA_SHA_512);
      case ECC_NIST_EDWARDS25519:
        return List.of(SigningAlgorithm.ED25519_SHA_512, SigningAlgorithm.ED25519_PH_SHA_512);
      case ML_DSA_44:
      case ML_DSA_65:
      case ML_DSA_87:
        return List.of(SigningAlgorithm.ML_DSA_SHAKE_256);
      case SM2:
        return List.of(SigningAlgorithm.SM2DSA);
      default:
        return List.of();
    }
  }

  public static List<MacAlgorithm> macAlgorithms(KeySpec spec) {
    switch (spec) {
      case HMAC_224:
        return List.of(MacAlgorithm.HMAC_SHA_224);
      case HMAC_256:
        return List.of(MacAlgorithm.HMAC_SHA_256);
      case HMAC_384:
        return List.of(MacAlgorithm.HMAC_SHA_384);
      case HMAC_512:
        return List.of(MacAlgorithm.HMAC_SHA_512);
      default:
        return List.of();
    }
  }

  /** HMAC key lengths in bytes: the hash's output length. */
  public static int hmacKeyBytes(KeySpec spec) {
    switch (spec) {
      case HMAC_224:
        return 28;
      case HMAC_256:
        return 32;
      case HMAC_384:
        return 48;
      case HMAC_512:
        return 64;
      default:
        throw new IllegalArgumentException(spec.name());
    }
  }
}

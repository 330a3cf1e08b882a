package io.keywarden.it.asymmetric;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import software.amazon.awssdk.services.kms.model.EncryptionAlgorithmSpec;
import software.amazon.awssdk.services.kms.model.KeySpec;
import software.amazon.awssdk.services.kms.model.KeyUsageType;
import software.amazon.awssdk.services.kms.model.MacAlgorithmSpec;
import software.amazon.awssdk.services.kms.model.SigningAlgorithmSpec;

/**
 * What AWS allows per key spec, written down here from AWS's documentation (KMS developer guide, "Key
 * spec reference") and the model's examples (examples-1.json: CreateKey/DescribeKey/GetPublicKey),
 * independently of Keywarden's own table, so that the two can disagree.
 */
final class AwsKeySpecs {
  private AwsKeySpecs() {}

  static Set<KeyUsageType> usages(KeySpec spec) {
    switch (spec) {
      case SYMMETRIC_DEFAULT:
        return EnumSet.of(KeyUsageType.ENCRYPT_DECRYPT);
      case RSA_2048:
      case RSA_3072:
      case RSA_4096:
        return EnumSet.of(KeyUsageType.ENCRYPT_DECRYPT, KeyUsageType.SIGN_VERIFY);
      case ECC_NIST_P256:
      case ECC_NIST_P384:
      case ECC_NIST_P521:
        return EnumSet.of(KeyUsageType.SIGN_VERIFY, KeyUsageType.KEY_AGREEMENT);
      case ECC_SECG_P256_K1:
      case ECC_NIST_EDWARDS25519:
      case ML_DSA_44:
      case ML_DSA_65:
      case ML_DSA_87:
        return EnumSet.of(KeyUsageType.SIGN_VERIFY);
      case HMAC_224:
      case HMAC_256:
      case HMAC_384:
      case HMAC_512:
        return EnumSet.of(KeyUsageType.GENERATE_VERIFY_MAC);
      case SM2:
        return EnumSet.of(KeyUsageType.ENCRYPT_DECRYPT, KeyUsageType.SIGN_VERIFY, KeyUsageType.KEY_AGREEMENT);
      default:
        throw new IllegalArgumentException(spec.toString());
    }
  }

  /** Every spec the SDK knows, in the model's order. */
  static List<KeySpec> specs() {
    List<KeySpec> out = new ArrayList<>();
    for (KeySpec s : KeySpec.values()) {
      if (s != KeySpec.UNKNOWN_TO_SDK_VERSION) {
        out.add(s);
      }
    }
    return out;
  }

  static List<KeyUsageType> allUsages() {
    List<KeyUsageType> out = new ArrayList<>();
    for (KeyUsageType u : KeyUsageType.values()) {
      if (u != KeyUsageType.UNKNOWN_TO_SDK_VERSION) {
        out.add(u);
      }
    }
    return out;
  }

  static boolean isAsymmetric(KeySpec spec) {
    return spec != KeySpec.SYMMETRIC_DEFAULT && !spec.toString().startsWith("HMAC_");
  }

  static boolean isRsa(KeySpec spec) {
    return spec.toString().startsWith("RSA_");
  }

  static List<EncryptionAlgorithmSpec> encryptionAlgorithms(KeySpec spec) {
    if (spec == KeySpec.SYMMETRIC_DEFAULT) {
      return List.of(EncryptionAlgorithmSpec.SYMMETRIC_DEFAULT);
    }
    if (isRsa(spec)) {
      return List.of(EncryptionAlgorithmSpec.RSAES_OAEP_SHA_1, EncryptionAlgorithmSpec.RSAES_OAEP_SHA_256);
    }
    throw new IllegalArgumentException(spec + " does not encrypt");
  }

  /** In the order AWS lists them (examples-1.json, DescribeKey of an RSA_2048 SIGN_VERIFY key). */
  static List<SigningAlgorithmSpec> signingAlgorithms(KeySpec spec) {
    switch (spec) {
      case RSA_2048:
      case RSA_3072:
      case RSA_4096:
        return List.of(
            SigningAlgorithmSpec.RSASSA_PKCS1_V1_5_SHA_256,
            SigningAlgorithmSpec.RSASSA_PKCS1_V1_5_SHA_384,
            SigningAlgorithmSpec.RSASSA_PKCS1_V1_5_SHA_512,
            SigningAlgorithmSpec.RSASSA_PSS_SHA_256,
            SigningAlgorithmSpec.RSASSA_PSS_SHA_384,
            SigningAlgorithmSpec.RSASSA_PSS_SHA_512);
      case ECC_NIST_P256:
      case ECC_SECG_P256_K1:
        return List.of(SigningAlgorithmSpec.ECDSA_SHA_256);
      case ECC_NIST_P384:
        return List.of(SigningAlgorithmSpec.ECDSA_SHA_384);
      case ECC_NIST_P521:
        return List.of(SigningAlgorithmSpec.ECDSA_SHA_512);
      case ECC_NIST_EDWARDS25519:
        return List.of(SigningAlgorithmSpec.ED25519_SHA_512, SigningAlgorithmSpec.ED25519_PH_SHA_512);
      case ML_DSA_44:
      case ML_DSA_65:
      case ML_DSA_87:
        return List.of(SigningAlgorithmSpec.ML_DSA_SHAKE_256);
      default:
        throw new IllegalArgumentException(spec + " does not sign");
    }
  }

  static MacAlgorithmSpec macAlgorithm(KeySpec spec) {
    return MacAlgorithmSpec.fromValue("HMAC_SHA_" + spec.toString().substring("HMAC_".length()));
  }

  /** HMAC key and MAC length in bytes (the hash's output). */
  static int macLength(KeySpec spec) {
    return Integer.parseInt(spec.toString().substring("HMAC_".length())) / 8;
  }

  /** Recorded (test_encrypt_validate_plaintext_size_per_key_type): k - 2 hLen - 2. */
  static int maxPlaintext(KeySpec spec, EncryptionAlgorithmSpec algorithm) {
    int k = Integer.parseInt(spec.toString().substring("RSA_".length())) / 8;
    int h = algorithm == EncryptionAlgorithmSpec.RSAES_OAEP_SHA_1 ? 20 : 32;
    return k - 2 * h - 2;
  }
}

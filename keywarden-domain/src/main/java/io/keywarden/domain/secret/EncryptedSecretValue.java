package io.keywarden.domain.secret;

import java.util.Arrays;
import java.util.Objects;

/**
 * A secret version's value as stored: sealed with AES-256-GCM under a data key that KMS generated and
 * wrapped. Nothing here reveals the value without a KMS {@code Decrypt} of {@link #encryptedDataKey}.
 *
 * @param keyArn the ARN of the KMS key that wrapped the data key
 * @param encryptedDataKey the data key, as KMS's {@code CiphertextBlob}
 * @param nonce the 12-byte GCM nonce
 * @param ciphertext the sealed value with its 16-byte GCM tag
 * @param binary whether the value is a {@code SecretBinary} (else a {@code SecretString}, UTF-8)
 */
public record EncryptedSecretValue(
    String keyArn, byte[] encryptedDataKey, byte[] nonce, byte[] ciphertext, boolean binary) {
  public EncryptedSecretValue {
    Objects.requireNonNull(keyArn, "keyArn");
    encryptedDataKey = Objects.requireNonNull(encryptedDataKey, "encryptedDataKey").clone();
    nonce = Objects.requireNonNull(nonce, "nonce").clone();
    ciphertext = Objects.requireNonNull(ciphertext, "ciphertext").clone();
  }

  @Override
  public byte[] encryptedDataKey() {
    return encryptedDataKey.clone();
  }

  @Override
  public byte[] nonce() {
    return nonce.clone();
  }

  @Override
  public byte[] ciphertext() {
    return ciphertext.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof EncryptedSecretValue v
        && keyArn.equals(v.keyArn)
        && Arrays.equals(encryptedDataKey, v.encryptedDataKey)
        && Arrays.equals(nonce, v.nonce)
        && Arrays.equals(ciphertext, v.ciphertext)
        && binary == v.binary;
  }

  @Override
  public int hashCode() {
    return Objects.hash(keyArn, Arrays.hashCode(encryptedDataKey), Arrays.hashCode(nonce),
        Arrays.hashCode(ciphertext), binary);
  }

  @Override
  public String toString() {
    return "EncryptedSecretValue[keyArn=" + keyArn + ", binary=" + binary + "]";
  }
}

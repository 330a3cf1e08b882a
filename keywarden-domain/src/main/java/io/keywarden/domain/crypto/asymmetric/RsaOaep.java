package io.keywarden.domain.crypto.asymmetric;

import io.keywarden.domain.crypto.InvalidCiphertextException;
import io.keywarden.domain.crypto.KeyPairMaterial;
import io.keywarden.domain.key.EncryptionAlgorithm;
import io.keywarden.domain.key.KeySpecs;
import java.security.GeneralSecurityException;
import java.security.spec.MGF1ParameterSpec;
import javax.crypto.Cipher;
import javax.crypto.spec.OAEPParameterSpec;
import javax.crypto.spec.PSource;

/**
 * RSAES-OAEP as KMS uses it: RSAES_OAEP_SHA_1 is OAEP with SHA-1 and MGF1-SHA-1, RSAES_OAEP_SHA_256
 * with SHA-256 and MGF1-SHA-256, empty label. The ciphertext is the raw RSA output (modulus length),
 * so that anyone holding the public key can encrypt for the KMS key.
 */
public final class RsaOaep {
  private RsaOaep() {}

  /** The most plaintext one encryption carries: k - 2·hLen - 2 (RFC 8017, 7.1.1). */
  public static int maxPlaintext(KeyPairMaterial key, EncryptionAlgorithm algorithm) {
    int k = KeySpecs.rsaModulusBytes(key.spec());
    int hLen = algorithm == EncryptionAlgorithm.RSAES_OAEP_SHA_1 ? 20 : 32;
    return k - 2 * hLen - 2;
  }

  public static byte[] encrypt(KeyPairMaterial key, EncryptionAlgorithm algorithm, byte[] plaintext) {
    try {
      Cipher c = Cipher.getInstance("RSA/ECB/OAEPPadding");
      c.init(Cipher.ENCRYPT_MODE, key.publicKey(), parameters(algorithm));
      return c.doFinal(plaintext);
    } catch (GeneralSecurityException e) {
      throw new IllegalArgumentException("RSA-OAEP encryption failed", e);
    }
  }

  /** @throws InvalidCiphertextException for every failure, with one message */
  public static byte[] decrypt(KeyPairMaterial key, EncryptionAlgorithm algorithm, byte[] ciphertext)
      throws InvalidCiphertextException {
    try {
      Cipher c = Cipher.getInstance("RSA/ECB/OAEPPadding");
      c.init(Cipher.DECRYPT_MODE, key.privateKey(), parameters(algorithm));
      return c.doFinal(ciphertext);
    } catch (GeneralSecurityException | RuntimeException e) {
      throw new InvalidCiphertextException();
    }
  }

  private static OAEPParameterSpec parameters(EncryptionAlgorithm algorithm) {
    if (algorithm == EncryptionAlgorithm.RSAES_OAEP_SHA_1) {
      return new OAEPParameterSpec("SHA-1", "MGF1", MGF1ParameterSpec.SHA1, PSource.PSpecified.DEFAULT);
    }
    if (algorithm == EncryptionAlgorithm.RSAES_OAEP_SHA_256) {
      return new OAEPParameterSpec("SHA-256", "MGF1", MGF1ParameterSpec.SHA256, PSource.PSpecified.DEFAULT);
    }
    throw new IllegalArgumentException(algorithm + " is not an RSA encryption algorithm");
  }
}

package io.keywarden.trust.internal;

import java.security.GeneralSecurityException;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;

/**
 * AES-256-GCM with a 96-bit IV and a 128-bit tag, one {@link Cipher} per thread. The result of {@link
 * #encrypt} is the ciphertext followed by the tag; the IV is the caller's to store.
 */
public final class AesGcm {
  public static final int IV_LENGTH = 12;
  public static final int TAG_LENGTH = 16;
  private static final ThreadLocal<Cipher> CIPHER = ThreadLocal.withInitial(AesGcm::newCipher);

  private AesGcm() {}

  /** Encrypts; every {@code aad} part is authenticated, in order. */
  public static byte[] encrypt(SecretKey key, byte[] iv, byte[] plaintext, byte[]... aad) {
    Cipher gcm = CIPHER.get();
    try {
      gcm.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_LENGTH * 8, iv));
      for (byte[] part : aad) {
        gcm.updateAAD(part);
      }
      return gcm.doFinal(plaintext);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM encryption failed", e);
    }
  }

  /**
   * Decrypts and verifies; the caller owns (and zeroes) the result.
   *
   * @throws GeneralSecurityException if the tag does not verify (or the input is malformed)
   */
  public static byte[] decrypt(SecretKey key, byte[] iv, byte[] ciphertextAndTag, byte[]... aad)
      throws GeneralSecurityException {
    Cipher gcm = CIPHER.get();
    gcm.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_LENGTH * 8, iv));
    for (byte[] part : aad) {
      gcm.updateAAD(part);
    }
    return gcm.doFinal(ciphertextAndTag);
  }

  private static Cipher newCipher() {
    try {
      return Cipher.getInstance("AES/GCM/NoPadding");
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES/GCM/NoPadding unavailable", e);
    }
  }
}

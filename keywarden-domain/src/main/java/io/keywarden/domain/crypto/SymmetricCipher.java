package io.keywarden.domain.crypto;

import io.keywarden.domain.key.MaterialIds;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * SYMMETRIC_DEFAULT encryption: HKDF-SHA256 (RFC 5869) derives a one-time AES-256 key from the key
 * material version and a random 32-byte salt; AES-256-GCM encrypts under a random 96-bit IV with the
 * blob header and the canonical encryption context as additional data. See {@link
 * SymmetricCiphertext} for the layout.
 *
 * <p>Stateless and thread-safe; JCA objects are cached per thread.
 */
public final class SymmetricCipher {
  /** The most plaintext one blob carries; KMS's Encrypt limit is lower (4096). */
  public static final int MAX_PLAINTEXT = 64 * 1024;

  private static final byte[] INFO_LABEL =
      "Keywarden SYMMETRIC_DEFAULT v1".getBytes(StandardCharsets.US_ASCII);
  private static final ThreadLocal<Mac> HMAC = ThreadLocal.withInitial(SymmetricCipher::newHmac);
  private static final ThreadLocal<Cipher> GCM = ThreadLocal.withInitial(SymmetricCipher::newGcm);

  private SymmetricCipher() {}

  /** Encrypts {@code plaintext} under the given key material version. */
  public static byte[] encrypt(
      String keyId,
      String materialId,
      SymmetricKeyMaterial material,
      byte[] plaintext,
      EncryptionContext context) {
    byte[] keyIdBytes = keyId.getBytes(StandardCharsets.US_ASCII);
    if (keyIdBytes.length == 0 || keyIdBytes.length > SymmetricCiphertext.MAX_KEY_ID_LENGTH) {
      throw new IllegalArgumentException("key id length out of range");
    }
    // The parser accepts printable ASCII only; anything else would make a blob that never decrypts
    // (getBytes turns non-ASCII characters into '?', so check the characters, not the bytes).
    for (int i = 0; i < keyId.length(); i++) {
      char c = keyId.charAt(i);
      if (c < 0x21 || c > 0x7e) {
        throw new IllegalArgumentException("key id must be printable ASCII");
      }
    }
    if (!MaterialIds.isValid(materialId)) {
      throw new IllegalArgumentException("material id must be 64 lowercase hex characters");
    }
    if (plaintext.length > MAX_PLAINTEXT) {
      throw new IllegalArgumentException("plaintext too long");
    }
    int header = SymmetricCiphertext.headerLength(keyIdBytes.length);
    byte[] blob = new byte[header + plaintext.length + SymmetricCiphertext.TAG_LENGTH];
    blob[0] = SymmetricCiphertext.VERSION_1;
    blob[1] = SymmetricCiphertext.SUITE_HKDF_SHA256_AES256_GCM;
    blob[2] = (byte) keyIdBytes.length;
    System.arraycopy(keyIdBytes, 0, blob, 3, keyIdBytes.length);
    byte[] materialBytes = MaterialIds.toBytes(materialId);
    System.arraycopy(materialBytes, 0, blob, 3 + keyIdBytes.length, MaterialIds.BYTES);
    int saltOffset = header - SymmetricCiphertext.IV_LENGTH - SymmetricCiphertext.SALT_LENGTH;
    Randomness.fill(blob, saltOffset, SymmetricCiphertext.SALT_LENGTH + SymmetricCiphertext.IV_LENGTH);

    byte[] dataKey = deriveKey(material.raw(), blob, saltOffset);
    try {
      Cipher gcm = GCM.get();
      gcm.init(
          Cipher.ENCRYPT_MODE,
          new SecretKeySpec(dataKey, "AES"),
          new GCMParameterSpec(
              SymmetricCiphertext.TAG_LENGTH * 8,
              blob,
              header - SymmetricCiphertext.IV_LENGTH,
              SymmetricCiphertext.IV_LENGTH));
      gcm.updateAAD(blob, 0, header);
      gcm.updateAAD(context.canonicalRaw());
      gcm.doFinal(plaintext, 0, plaintext.length, blob, header);
      return blob;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM encryption failed", e);
    } finally {
      Arrays.fill(dataKey, (byte) 0);
    }
  }

  /**
   * Decrypts a parsed blob with the material version it names.
   *
   * @throws InvalidCiphertextException if the blob, the material or the context do not match
   */
  public static byte[] decrypt(
      SymmetricCiphertext ciphertext, SymmetricKeyMaterial material, EncryptionContext context)
      throws InvalidCiphertextException {
    byte[] blob = ciphertext.blob();
    int header = ciphertext.headerLength();
    byte[] dataKey = deriveKey(material.raw(), blob, ciphertext.saltOffset());
    try {
      Cipher gcm = GCM.get();
      gcm.init(
          Cipher.DECRYPT_MODE,
          new SecretKeySpec(dataKey, "AES"),
          new GCMParameterSpec(
              SymmetricCiphertext.TAG_LENGTH * 8,
              blob,
              ciphertext.ivOffset(),
              SymmetricCiphertext.IV_LENGTH));
      gcm.updateAAD(blob, 0, header);
      gcm.updateAAD(context.canonicalRaw());
      return gcm.doFinal(blob, header, blob.length - header);
    } catch (AEADBadTagException e) {
      throw new InvalidCiphertextException();
    } catch (GeneralSecurityException e) {
      throw new InvalidCiphertextException();
    } finally {
      Arrays.fill(dataKey, (byte) 0);
    }
  }

  /**
   * HKDF-SHA256 with salt = the blob's salt, IKM = the material, info = label || the header up to the
   * salt (version, suite, key id, material id); L = 32.
   */
  private static byte[] deriveKey(byte[] ikm, byte[] blob, int saltOffset) {
    Mac mac = HMAC.get();
    try {
      mac.init(new SecretKeySpec(blob, saltOffset, SymmetricCiphertext.SALT_LENGTH, "HmacSHA256"));
      byte[] prk = mac.doFinal(ikm);
      mac.init(new SecretKeySpec(prk, "HmacSHA256"));
      Arrays.fill(prk, (byte) 0);
      mac.update(INFO_LABEL);
      mac.update(blob, 0, saltOffset);
      mac.update((byte) 1);
      return mac.doFinal();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HKDF failed", e);
    }
  }

  private static Mac newHmac() {
    try {
      return Mac.getInstance("HmacSHA256");
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private static Cipher newGcm() {
    try {
      return Cipher.getInstance("AES/GCM/NoPadding");
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }
}

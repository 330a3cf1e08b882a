package io.keywarden.trust.passphrase;

import io.keywarden.domain.crypto.Randomness;
import io.keywarden.domain.trust.UnsealException;
import io.keywarden.trust.internal.AesGcm;
import io.keywarden.trust.internal.AesKey;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;

/** Seals a root key under a passphrase into a {@link SealConfig}, and opens one. */
final class PassphraseSeal {
  private PassphraseSeal() {}

  /**
   * @throws IllegalArgumentException if the passphrase is empty or not valid Unicode
   */
  static SealConfig create(char[] passphrase, KdfParameters kdf, AesKey rootKey, String rootKeyId) {
    if (passphrase == null || passphrase.length == 0) {
      throw new IllegalArgumentException("the passphrase must not be empty");
    }
    byte[] salt = Randomness.bytes(SealConfig.SALT_LENGTH);
    byte[] header = SealConfig.header(kdf, salt, rootKeyId);
    byte[] iv = Randomness.bytes(SealConfig.IV_LENGTH);
    AesKey kek = AesKey.adopt(Argon2idKdf.derive(passphrase, salt, kdf));
    byte[] root = rootKey.getEncoded();
    try {
      byte[] wrapped = AesGcm.encrypt(kek, iv, root, header);
      return SealConfig.parse(
          ByteBuffer.allocate(header.length + iv.length + wrapped.length)
              .put(header)
              .put(iv)
              .put(wrapped)
              .array());
    } finally {
      Arrays.fill(root, (byte) 0);
      kek.destroy();
    }
  }

  /**
   * Returns the root key; the caller owns (and destroys) it.
   *
   * @throws UnsealException if the passphrase is wrong or the seal was altered
   */
  static AesKey open(SealConfig seal, char[] passphrase, String idPrefix) throws UnsealException {
    if (passphrase == null) {
      throw new UnsealException();
    }
    AesKey kek;
    try {
      kek = AesKey.adopt(Argon2idKdf.derive(passphrase, seal.salt(), seal.kdf()));
    } catch (IllegalArgumentException invalidUnicode) {
      throw new UnsealException();
    }
    byte[] root;
    try {
      root = AesGcm.decrypt(kek, seal.iv(), seal.wrappedRootKey(), seal.header());
    } catch (GeneralSecurityException wrongPassphraseOrAltered) {
      throw new UnsealException();
    } finally {
      kek.destroy();
    }
    AesKey rootKey = AesKey.adopt(root);
    // The id is authenticated with the root key; this catches a seal built around a foreign id.
    byte[] expected = seal.rootKeyId().getBytes(StandardCharsets.US_ASCII);
    byte[] actual = rootKey.id(idPrefix).getBytes(StandardCharsets.US_ASCII);
    if (!MessageDigest.isEqual(expected, actual)) {
      rootKey.destroy();
      throw new UnsealException();
    }
    return rootKey;
  }
}

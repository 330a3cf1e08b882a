package io.keywarden.domain.crypto;

import java.security.MessageDigest;
import java.util.Arrays;

/**
 * Plaintext material of a symmetric key version (32 bytes). Lives only in memory. No {@code toString},
 * no {@code equals}; the bytes are reached through {@link #copyBytes()} (to wrap them) and, inside
 * this package, without a copy for the cipher.
 */
public final class SymmetricKeyMaterial implements KeyMaterial {
  public static final int LENGTH = 32;
  private final byte[] bytes;

  private SymmetricKeyMaterial(byte[] bytes) {
    this.bytes = bytes;
  }

  /** Copies {@code bytes}, which must be {@value #LENGTH} long. */
  public static SymmetricKeyMaterial copyOf(byte[] bytes) {
    if (bytes.length != LENGTH) {
      throw new IllegalArgumentException("symmetric key material must be " + LENGTH + " bytes");
    }
    return new SymmetricKeyMaterial(bytes.clone());
  }

  public static SymmetricKeyMaterial generate() {
    return new SymmetricKeyMaterial(Randomness.bytes(LENGTH));
  }

  /** A copy, for wrapping by the root of trust. The caller zeroes it after use. */
  public byte[] copyBytes() {
    return bytes.clone();
  }

  @Override
  public byte[] encodeForWrapping() {
    return copyBytes();
  }

  /** Constant-time comparison. */
  public boolean sameAs(SymmetricKeyMaterial other) {
    return MessageDigest.isEqual(bytes, other.bytes);
  }

  byte[] raw() {
    return bytes;
  }

  /** Zeroes the material; the object is unusable afterwards. */
  @Override
  public void destroy() {
    Arrays.fill(bytes, (byte) 0);
  }
}

package io.keywarden.trust.internal;

import io.keywarden.domain.crypto.Randomness;
import java.io.IOException;
import java.io.NotSerializableException;
import java.io.ObjectOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import javax.crypto.SecretKey;

/**
 * A 256-bit AES key (a root key, or a key-encryption key) that can be zeroed.
 *
 * <p>A {@link SecretKey} so that JCA ciphers take it without a {@code SecretKeySpec} copy that could
 * not be destroyed. No {@code toString}, no {@code equals}; not serializable. Zeroing is best-effort,
 * as it is in any JVM: a provider's key schedule and garbage-collected copies are beyond reach.
 */
public final class AesKey implements SecretKey {
  private static final long serialVersionUID = 1L;
  public static final int LENGTH = 32;
  private static final byte[] ID_LABEL =
      "Keywarden root key id v1\0".getBytes(StandardCharsets.US_ASCII);

  private final byte[] bytes;
  private volatile boolean destroyed;

  private AesKey(byte[] bytes) {
    if (bytes.length != LENGTH) {
      Arrays.fill(bytes, (byte) 0);
      throw new IllegalArgumentException("an AES-256 key is " + LENGTH + " bytes");
    }
    this.bytes = bytes;
  }

  /** A fresh random key. */
  public static AesKey generate() {
    return new AesKey(Randomness.bytes(LENGTH));
  }

  /** Takes ownership of {@code bytes} (no copy): {@link #destroy()} zeroes the caller's array. */
  public static AesKey adopt(byte[] bytes) {
    return new AesKey(bytes);
  }

  /**
   * A public identifier of this key: {@code prefix + ":" +} the first 16 hex digits of SHA-256 over a
   * fixed label and the key. Reveals nothing usable about the key.
   */
  public String id(String prefix) {
    checkLive();
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      sha.update(ID_LABEL);
      sha.update(bytes);
      return prefix + ":" + HexFormat.of().formatHex(sha.digest(), 0, 8);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("SHA-256 unavailable", e);
    }
  }

  @Override
  public String getAlgorithm() {
    return "AES";
  }

  @Override
  public String getFormat() {
    return "RAW";
  }

  /** A copy, as {@link java.security.Key#getEncoded()} requires; the caller zeroes it. */
  @Override
  public byte[] getEncoded() {
    checkLive();
    return bytes.clone();
  }

  @Override
  public void destroy() {
    destroyed = true;
    Arrays.fill(bytes, (byte) 0);
  }

  @Override
  public boolean isDestroyed() {
    return destroyed;
  }

  private void checkLive() {
    if (destroyed) {
      throw new IllegalStateException("key destroyed");
    }
  }

  private void writeObject(ObjectOutputStream out) throws IOException {
    throw new NotSerializableException("AesKey");
  }
}

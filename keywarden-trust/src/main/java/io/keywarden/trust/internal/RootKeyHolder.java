package io.keywarden.trust.internal;

import io.keywarden.domain.crypto.Randomness;
import io.keywarden.domain.trust.SealedException;
import io.keywarden.domain.trust.UnwrapException;
import io.keywarden.domain.trust.WrappedKey;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.Objects;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * The unsealed state of a software root of trust: the root key (or none, while sealed) and the wrap
 * format. Thread-safe: wrap and unwrap share a read lock; installing and forgetting the key take the
 * write lock, so that {@link #clear()} never zeroes a key another thread is using.
 *
 * <p>Wrapped blob, version 1 ({@link WrappedKey#blob()}):
 *
 * <pre>
 * offset  length  field
 * 0       1       0x01, AES-256-GCM under the root key
 * 1       12      IV, random
 * 13      n       ciphertext of the n plaintext bytes
 * 13+n    16      GCM tag
 * </pre>
 *
 * The additional data is the ASCII label {@code "Keywarden root wrap v1"} (fixed length), the version
 * byte, then the caller's context, so a blob only unwraps with the exact context it was wrapped with.
 */
public final class RootKeyHolder {
  static final byte VERSION_1 = 0x01;
  static final int OVERHEAD = 1 + AesGcm.IV_LENGTH + AesGcm.TAG_LENGTH;
  private static final byte[] LABEL = "Keywarden root wrap v1".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] VERSION_AAD = {VERSION_1};

  private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
  private AesKey key;
  private String keyId;

  /** {@code true} while no key is installed. */
  public boolean isEmpty() {
    lock.readLock().lock();
    try {
      return key == null;
    } finally {
      lock.readLock().unlock();
    }
  }

  /** Installs {@code newKey} (taking ownership) under {@code id}; destroys the key it replaces. */
  public void install(AesKey newKey, String id) {
    Objects.requireNonNull(newKey, "newKey");
    Objects.requireNonNull(id, "id");
    lock.writeLock().lock();
    try {
      if (key != null && key != newKey) {
        key.destroy();
      }
      key = newKey;
      keyId = id;
    } finally {
      lock.writeLock().unlock();
    }
  }

  /** Zeroes and forgets the key. */
  public void clear() {
    lock.writeLock().lock();
    try {
      if (key != null) {
        key.destroy();
      }
      key = null;
      keyId = null;
    } finally {
      lock.writeLock().unlock();
    }
  }

  /** @throws SealedException if no key is installed */
  public WrappedKey wrap(byte[] plaintext, byte[] context) {
    Objects.requireNonNull(plaintext, "plaintext");
    Objects.requireNonNull(context, "context");
    lock.readLock().lock();
    try {
      if (key == null) {
        throw new SealedException();
      }
      byte[] iv = Randomness.bytes(AesGcm.IV_LENGTH);
      byte[] sealed = AesGcm.encrypt(key, iv, plaintext, LABEL, VERSION_AAD, context);
      byte[] blob = new byte[1 + iv.length + sealed.length];
      blob[0] = VERSION_1;
      System.arraycopy(iv, 0, blob, 1, iv.length);
      System.arraycopy(sealed, 0, blob, 1 + iv.length, sealed.length);
      return new WrappedKey(keyId, blob);
    } finally {
      lock.readLock().unlock();
    }
  }

  /**
   * @throws SealedException if no key is installed
   * @throws UnwrapException if the blob names another root key, is malformed, was tampered with, or
   *     was wrapped with another context
   */
  public byte[] unwrap(WrappedKey wrapped, byte[] context) {
    Objects.requireNonNull(wrapped, "wrapped");
    Objects.requireNonNull(context, "context");
    lock.readLock().lock();
    try {
      if (key == null) {
        throw new SealedException();
      }
      if (!keyId.equals(wrapped.rootKeyId())) {
        throw new UnwrapException();
      }
      byte[] blob = wrapped.blob();
      if (blob.length < OVERHEAD || blob[0] != VERSION_1) {
        throw new UnwrapException();
      }
      byte[] iv = Arrays.copyOfRange(blob, 1, 1 + AesGcm.IV_LENGTH);
      byte[] sealed = Arrays.copyOfRange(blob, 1 + AesGcm.IV_LENGTH, blob.length);
      try {
        return AesGcm.decrypt(key, iv, sealed, LABEL, VERSION_AAD, context);
      } catch (GeneralSecurityException e) {
        throw new UnwrapException();
      }
    } finally {
      lock.readLock().unlock();
    }
  }
}

package io.keywarden.domain.trust;

import java.util.Arrays;
import java.util.Objects;

/**
 * Secret material wrapped by a root of trust. Not secret itself (it is ciphertext), so it may be stored
 * and compared freely.
 *
 * @see RootOfTrust#wrap
 */
public final class WrappedKey {
  private final String rootKeyId;
  private final byte[] blob;

  /**
   * @param rootKeyId which root key wrapped it (lets a root of trust refuse, or route, foreign blobs)
   * @param blob the implementation's format
   */
  public WrappedKey(String rootKeyId, byte[] blob) {
    this.rootKeyId = Objects.requireNonNull(rootKeyId, "rootKeyId");
    this.blob = Objects.requireNonNull(blob, "blob").clone();
  }

  public String rootKeyId() {
    return rootKeyId;
  }

  public byte[] blob() {
    return blob.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof WrappedKey w && w.rootKeyId.equals(rootKeyId) && Arrays.equals(w.blob, blob);
  }

  @Override
  public int hashCode() {
    return 31 * rootKeyId.hashCode() + Arrays.hashCode(blob);
  }

  @Override
  public String toString() {
    return "WrappedKey[" + rootKeyId + ", " + blob.length + " bytes]";
  }
}

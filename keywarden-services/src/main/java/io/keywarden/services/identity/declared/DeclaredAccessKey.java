package io.keywarden.services.identity.declared;

import java.util.Arrays;
import java.util.Objects;

/**
 * An access key a file declares for a user: with its secret (a fixed pair, for dev and tests), or by
 * id only (a key issued before, kept). Final class: it may hold a secret, which {@link #toString()}
 * leaves out.
 */
public final class DeclaredAccessKey {
  private final String accessKeyId;
  private final char[] secret;
  private final boolean active;

  public DeclaredAccessKey(String accessKeyId, char[] secret, boolean active) {
    this.accessKeyId = Objects.requireNonNull(accessKeyId, "accessKeyId");
    this.secret = secret == null ? null : secret.clone();
    this.active = active;
  }

  public String accessKeyId() {
    return accessKeyId;
  }

  /** Whether the file gives the secret. */
  public boolean hasSecret() {
    return secret != null;
  }

  /** A copy of the secret, or {@code null}; the caller zeroes it. */
  public char[] secret() {
    return secret == null ? null : secret.clone();
  }

  public boolean active() {
    return active;
  }

  /** Zeroes the secret. */
  public void destroy() {
    if (secret != null) {
      Arrays.fill(secret, '\0');
    }
  }

  @Override
  public String toString() {
    return "DeclaredAccessKey[" + accessKeyId + (active ? "" : ", inactive") + "]";
  }
}

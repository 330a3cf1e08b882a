package io.keywarden.trust.ephemeral;

import io.keywarden.domain.trust.RootOfTrust;
import io.keywarden.domain.trust.SealedException;
import io.keywarden.domain.trust.UnsealException;
import io.keywarden.domain.trust.UnwrapException;
import io.keywarden.domain.trust.WrappedKey;
import io.keywarden.trust.internal.AesKey;
import io.keywarden.trust.internal.RootKeyHolder;

/**
 * Dev mode: a random 256-bit root key generated at construction, unsealed from the start, wrapping
 * exactly as {@link io.keywarden.trust.passphrase.PassphraseRootOfTrust} does (AES-256-GCM, random
 * IV, context as additional data). Root key ids are {@code "ephemeral:"} and 16 hex digits.
 *
 * <p>{@link #unseal(char[])} accepts any secret while unsealed (there is no passphrase). {@link
 * #seal()} honours the port's contract: it zeroes the key, and since nothing else holds it, this
 * instance stays sealed for good ({@link #unseal(char[])} then throws {@link UnsealException}).
 */
public final class EphemeralRootOfTrust implements RootOfTrust {
  public static final String ROOT_KEY_ID_PREFIX = "ephemeral";

  private final RootKeyHolder holder = new RootKeyHolder();
  private final String rootKeyId;

  public EphemeralRootOfTrust() {
    AesKey rootKey = AesKey.generate();
    this.rootKeyId = rootKey.id(ROOT_KEY_ID_PREFIX);
    holder.install(rootKey, rootKeyId);
  }

  public String rootKeyId() {
    return rootKeyId;
  }

  @Override
  public boolean isSealed() {
    return holder.isEmpty();
  }

  @Override
  public void unseal(char[] secret) throws UnsealException {
    if (holder.isEmpty()) {
      throw new UnsealException();
    }
  }

  @Override
  public void seal() {
    holder.clear();
  }

  @Override
  public WrappedKey wrap(byte[] plaintext, byte[] context) throws SealedException {
    return holder.wrap(plaintext, context);
  }

  @Override
  public byte[] unwrap(WrappedKey wrapped, byte[] context) throws SealedException, UnwrapException {
    return holder.unwrap(wrapped, context);
  }
}

package io.keywarden.trust.passphrase;

import io.keywarden.domain.trust.RootOfTrust;
import io.keywarden.domain.trust.SealedException;
import io.keywarden.domain.trust.UnsealException;
import io.keywarden.domain.trust.UnwrapException;
import io.keywarden.domain.trust.WrappedKey;
import io.keywarden.trust.internal.AesKey;
import io.keywarden.trust.internal.RootKeyHolder;
import java.util.Objects;

/**
 * The production root of trust: a random 256-bit root key sealed under the operator's passphrase
 * (Argon2id, then AES-256-GCM; see {@link SealConfig}).
 *
 * <p>Lifecycle: {@link #initialize(char[])} once per installation, store the returned {@link
 * SealConfig}; on every start construct from the stored seal (sealed), then {@link #unseal(char[])}.
 * Wrapping is AES-256-GCM under the root key with a random 96-bit IV and the caller's context as
 * additional data; blobs carry the seal's root key id.
 *
 * <p>Thread-safe. Passphrases are never retained, logged or modified: the caller zeroes its array.
 * Key derivations run one at a time (each takes the configured memory, 64 MiB by default).
 */
public final class PassphraseRootOfTrust implements RootOfTrust {
  /** Root key ids of this implementation are {@code "passphrase:"} and 16 hex digits. */
  public static final String ROOT_KEY_ID_PREFIX = "passphrase";

  private final RootKeyHolder holder = new RootKeyHolder();
  private final Object kdfLock = new Object();
  private volatile SealConfig seal;

  /** A root of trust for a stored seal; it starts sealed. */
  public PassphraseRootOfTrust(SealConfig seal) {
    this.seal = Objects.requireNonNull(seal, "seal");
  }

  /** Generates a root key and seals it under {@code passphrase} with {@link KdfParameters#DEFAULT}. */
  public static SealConfig initialize(char[] passphrase) {
    return initialize(passphrase, KdfParameters.DEFAULT);
  }

  /**
   * Generates a root key and seals it under {@code passphrase}. The root key itself is not kept: open
   * the result with {@link #PassphraseRootOfTrust(SealConfig)} and {@link #unseal(char[])}.
   *
   * @throws IllegalArgumentException if the passphrase is empty or not valid Unicode
   */
  public static SealConfig initialize(char[] passphrase, KdfParameters kdf) {
    Objects.requireNonNull(kdf, "kdf");
    AesKey rootKey = AesKey.generate();
    try {
      return PassphraseSeal.create(passphrase, kdf, rootKey, rootKey.id(ROOT_KEY_ID_PREFIX));
    } finally {
      rootKey.destroy();
    }
  }

  /** The seal this instance opens (the latest one, after {@link #changePassphrase}). */
  public SealConfig sealConfig() {
    return seal;
  }

  /** The seal's root key id, known while sealed too. */
  public String rootKeyId() {
    return seal.rootKeyId();
  }

  @Override
  public boolean isSealed() {
    return holder.isEmpty();
  }

  /**
   * Derives the key-encryption key and unwraps the root key. Always checks the passphrase, also when
   * already unsealed (a wrong one then throws and leaves the instance unsealed).
   *
   * @throws UnsealException if the passphrase is wrong or the seal was altered
   */
  @Override
  public void unseal(char[] passphrase) throws UnsealException {
    synchronized (kdfLock) {
      SealConfig current = seal;
      AesKey rootKey = PassphraseSeal.open(current, passphrase, ROOT_KEY_ID_PREFIX);
      holder.install(rootKey, current.rootKeyId());
    }
  }

  /** Zeroes the root key; wrap and unwrap throw {@link SealedException} until the next unseal. */
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

  /** As {@link #changePassphrase(char[], char[], KdfParameters)}, keeping the current parameters. */
  public SealConfig changePassphrase(char[] oldPassphrase, char[] newPassphrase)
      throws UnsealException {
    return changePassphrase(oldPassphrase, newPassphrase, seal.kdf());
  }

  /**
   * Re-seals the same root key under a new passphrase (fresh salt, given parameters); wrapped blobs
   * stay valid and the root key id does not change. Works sealed or unsealed and does not change that
   * state. From now on this instance opens the returned seal, which the caller must store (replacing
   * the old one) before relying on it.
   *
   * @throws UnsealException if {@code oldPassphrase} does not open the current seal
   * @throws IllegalArgumentException if the new passphrase is empty or not valid Unicode
   */
  public SealConfig changePassphrase(
      char[] oldPassphrase, char[] newPassphrase, KdfParameters kdf) throws UnsealException {
    Objects.requireNonNull(kdf, "kdf");
    synchronized (kdfLock) {
      SealConfig current = seal;
      AesKey rootKey = PassphraseSeal.open(current, oldPassphrase, ROOT_KEY_ID_PREFIX);
      try {
        SealConfig next = PassphraseSeal.create(newPassphrase, kdf, rootKey, current.rootKeyId());
        seal = next;
        return next;
      } finally {
        rootKey.destroy();
      }
    }
  }
}

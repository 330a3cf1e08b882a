package io.keywarden.domain.trust;

/**
 * Wraps and unwraps secret material. The interface is shaped so that a PKCS#11 HSM can implement it:
 * the root key never has to leave the implementation.
 *
 * <p>{@code context} binds a wrapped blob to where it belongs (for key material: the key id and the
 * material id), so that a wrapped blob moved to another record does not unwrap.
 */
public interface RootOfTrust {

  /** {@code true} until unsealed; a sealed root of trust wraps and unwraps nothing. */
  boolean isSealed();

  /** Unseals with the operator's secret (a passphrase; for an HSM, its PIN). */
  void unseal(char[] secret) throws UnsealException;

  /** Forgets the root key; afterwards {@link #isSealed()} is {@code true}. */
  void seal();

  WrappedKey wrap(byte[] plaintext, byte[] context) throws SealedException;

  /**
   * Returns the plaintext; the caller owns the array and should zero it when done.
   *
   * @throws UnwrapException if the blob was not wrapped by this root with this context
   */
  byte[] unwrap(WrappedKey wrapped, byte[] context) throws SealedException, UnwrapException;
}

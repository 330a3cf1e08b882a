package io.keywarden.domain.crypto;

/**
 * The plaintext material of one key material version, by kind. Lives only in memory; what is stored
 * is {@link #encodeForWrapping()}, wrapped by the root of trust.
 */
public sealed interface KeyMaterial permits SymmetricKeyMaterial, KeyPairMaterial, HmacKeyMaterial {

  /** The bytes to wrap. The caller zeroes them after wrapping. */
  byte[] encodeForWrapping();

  /** Zeroes what can be zeroed; the object is unusable afterwards. */
  void destroy();
}

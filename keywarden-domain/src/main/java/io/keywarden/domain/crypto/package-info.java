/**
 * Cryptography of KMS keys. Symmetric encryption follows DESIGN.md principle 2: a per-request key
 * derived with HKDF-SHA256 from the key material version and a fresh random salt, AES-256-GCM with a
 * random 96-bit IV, the encryption context bound as additional authenticated data in a canonical,
 * length-prefixed encoding. The blob format is {@link io.keywarden.domain.crypto.SymmetricCiphertext}
 * (docs/adr/0002-symmetric-ciphertext-format.md).
 *
 * <p>Every decryption failure is one {@link io.keywarden.domain.crypto.InvalidCiphertextException} with
 * one fixed message.
 */
package io.keywarden.domain.crypto;

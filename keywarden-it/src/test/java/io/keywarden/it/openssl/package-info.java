/**
 * Interoperability with OpenSSL (the {@code openssl} command, {@link io.keywarden.it.openssl.OpenSsl}):
 * OpenSSL verifies Keywarden's signatures and encrypts for its RSA keys with nothing but the public
 * key from GetPublicKey; Keywarden verifies OpenSSL's signatures made with data key pairs and
 * OpenSSL-generated keys seeded into a dev server, and computes OpenSSL's HMACs; both sides derive
 * the same ECDH secret. Every openssl run asserts its exit code and output and shows its stderr on
 * failure.
 *
 * <p>Not covered, because OpenSSL 3.0 (Debian 12) lacks them: ED25519_PH_SHA_512 (Ed25519ph came in
 * OpenSSL 3.2) and ML_DSA_SHAKE_256 (ML-DSA came in OpenSSL 3.5).
 */
package io.keywarden.it.openssl;

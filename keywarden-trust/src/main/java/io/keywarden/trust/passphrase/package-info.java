/**
 * The production root of trust: a random 256-bit root key, wrapped (AES-256-GCM) under a key derived
 * from the operator's passphrase with Argon2id, in a {@link io.keywarden.trust.passphrase.SealConfig}
 * that the server stores under {@value io.keywarden.trust.passphrase.SealConfig#SETTING_NAME}. The
 * server starts sealed; {@link io.keywarden.trust.passphrase.PassphraseRootOfTrust#unseal} brings the
 * root key into memory, {@link io.keywarden.trust.passphrase.PassphraseRootOfTrust#seal} zeroes it.
 */
package io.keywarden.trust.passphrase;

/**
 * The root-of-trust port. Every piece of secret material Keywarden stores (key material versions,
 * access key secrets) is wrapped by a {@link io.keywarden.domain.trust.RootOfTrust} first: a
 * passphrase-derived key after unseal, an ephemeral key in dev mode, or (later) a non-extractable key
 * in a PKCS#11 HSM. Implementations live in {@code keywarden-trust}; nothing here may import them.
 */
package io.keywarden.domain.trust;

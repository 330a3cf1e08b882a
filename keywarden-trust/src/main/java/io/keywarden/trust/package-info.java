/**
 * Implementations of the root-of-trust port ({@link io.keywarden.domain.trust.RootOfTrust}), the key
 * that wraps every piece of secret material Keywarden stores (docs/adr/0003-root-of-trust.md):
 *
 * <ul>
 *   <li>{@link io.keywarden.trust.passphrase.PassphraseRootOfTrust}: production; a random root key
 *       sealed under an Argon2id-derived key, unsealed by the operator's passphrase;
 *   <li>{@link io.keywarden.trust.ephemeral.EphemeralRootOfTrust}: dev mode; a random root key that
 *       lives as long as the process;
 *   <li>{@link io.keywarden.trust.dev.DevRootOfTrust}: dev mode with a persistent data directory.
 * </ul>
 *
 * <p>Only the server wires these; services and the domain see the port alone and must not import
 * this module.
 */
package io.keywarden.trust;

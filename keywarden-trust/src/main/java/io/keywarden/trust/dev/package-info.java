/**
 * Dev mode with a persistent data directory: a passphrase seal opened with a fixed, published,
 * deliberately insecure passphrase, so that dev state survives restarts without an operator. Never
 * for real data: anyone can unseal it.
 */
package io.keywarden.trust.dev;

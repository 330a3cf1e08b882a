/**
 * The domain of Keywarden: KMS keys and their key material versions, the cryptography applied per key
 * spec, the ciphertext format, identities, and the ports through which the domain reaches storage and
 * the root of trust.
 *
 * <p>Nothing here knows HTTP, JSON, SQL or the AWS SDK. Services depend on this module; this module
 * depends on nothing of Keywarden's.
 */
package io.keywarden.domain;

/**
 * Secrets Manager's records: a secret's metadata and its versions, each version's value stored only
 * envelope-encrypted (a data key from KMS, wrapped by KMS; the value sealed with it by AES-GCM).
 */
package io.keywarden.domain.secret;

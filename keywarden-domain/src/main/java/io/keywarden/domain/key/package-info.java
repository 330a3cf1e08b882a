/**
 * KMS keys as stored records: metadata, state, rotation schedule, and the list of wrapped key material
 * versions. Records here are immutable values; changes produce new records saved with compare-and-swap
 * on {@link io.keywarden.domain.key.KeyRecord#revision()}.
 */
package io.keywarden.domain.key;

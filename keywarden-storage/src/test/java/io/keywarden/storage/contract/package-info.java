/**
 * The storage contract suite: {@link io.keywarden.storage.contract.StorageContractTest}, which every
 * backend's test extends with its own {@code newStorage()}. Published in this module's test-jar.
 *
 * <p>The suite checks the SPI's Javadoc, plus what the in-tree backends agree on beyond it: listing
 * order is Java {@code String} order for ASCII identifiers (a PostgreSQL backend needs {@code COLLATE
 * "C"}), {@code list} rejects a limit below 1, an alias may only target and a grant only be on a key
 * that exists in its region ({@link io.keywarden.domain.storage.StaleRecordException} otherwise), a
 * user id belongs to one user ({@link io.keywarden.domain.storage.DuplicateRecordException} otherwise,
 * checked before the revision), and {@code listRetirable} orders grants of the same id by region.
 */
package io.keywarden.storage.contract;

/**
 * The SQLite backend, Keywarden's embedded default: {@link io.keywarden.storage.sqlite.SqliteStorage},
 * one file ({@code keywarden.db}) in the data directory, WAL journal, {@code synchronous=FULL}, foreign
 * keys on, versioned migrations from {@code db/sqlite/V<n>__*.sql}.
 *
 * <p>Every SPI method is one transaction (writes {@code BEGIN IMMEDIATE}); key updates are
 * compare-and-swap on the revision column, as are puts of IAM users and roles. Keys, users, roles and
 * grants are stored as queried columns plus the backend-neutral JSON document of {@link
 * io.keywarden.storage.codec}. Only this package knows SQLite; nothing outside
 * the storage module may import it except the server's wiring.
 */
package io.keywarden.storage.sqlite;

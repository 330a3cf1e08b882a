/**
 * The storage port (SPI). Backends — in-memory, SQLite, PostgreSQL — implement these narrow
 * repositories and pass one contract test suite. Every method is atomic. Records hold only wrapped key
 * material. Only backends know SQL; nothing here may import a backend.
 */
package io.keywarden.domain.storage;

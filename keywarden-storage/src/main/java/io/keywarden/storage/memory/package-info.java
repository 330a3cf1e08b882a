/**
 * The in-memory backend, for {@code --dev} mode and tests: {@link
 * io.keywarden.storage.memory.MemoryStorage}. Thread-safe (one read-write lock over all its maps, so
 * that every SPI method, the key-delete cascade and {@code wipe} included, is atomic); nothing survives
 * the process. Holds the domain's immutable records as they are (settings values are copied).
 */
package io.keywarden.storage.memory;

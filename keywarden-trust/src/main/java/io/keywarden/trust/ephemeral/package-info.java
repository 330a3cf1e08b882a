/**
 * The dev-mode root of trust: a random root key that exists only in this process's memory. Blobs it
 * wraps are unreadable after a restart, which is what {@code --dev} with in-memory state wants.
 */
package io.keywarden.trust.ephemeral;

/**
 * Seed files for {@code --dev --seed FILE}: keys with fixed ids and key material, and their aliases,
 * so that test suites can rely on known keys. YAML or JSON; the format is documented in
 * docs/seed-files.md.
 */
package io.keywarden.server.seed;

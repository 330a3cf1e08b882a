/**
 * AWS KMS over the domain: operation handlers ({@code ops}), key resolution by id, ARN and alias, the
 * key-state rules, the in-memory {@link io.keywarden.services.kms.KeyRing} that keeps the data plane
 * off the database, the {@link io.keywarden.services.kms.GrantBook} that does the same for grants
 * (and verifies grant tokens), and background jobs ({@code jobs}) for deletion windows and automatic
 * rotation.
 */
package io.keywarden.services.kms;

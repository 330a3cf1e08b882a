/**
 * Identities files: reading them ({@link io.keywarden.server.iam.IdentitiesFile}) for {@code keywarden
 * iam apply} and {@code keywarden server --dev --identities}. Applying lives in {@link
 * io.keywarden.services.identity.declared}.
 */
package io.keywarden.server.iam;

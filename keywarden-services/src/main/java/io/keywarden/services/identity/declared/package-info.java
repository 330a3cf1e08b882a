/**
 * Identities declared in a file: accounts with their IAM users (tags, inline policies, access keys)
 * and roles (trust policy, maximum session duration, tags, inline policies), parsed from JSON or YAML
 * trees ({@link io.keywarden.services.identity.declared.IdentitiesDocument}) and applied idempotently
 * to storage ({@link io.keywarden.services.identity.declared.IdentitiesApply}). The server reads the
 * file; the format is documented in {@code docs/identities.md}.
 */
package io.keywarden.services.identity.declared;

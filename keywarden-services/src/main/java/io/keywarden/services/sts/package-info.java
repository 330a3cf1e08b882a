/**
 * AWS Security Token Service (model {@code sts}, AWS Query protocol): GetCallerIdentity, and
 * AssumeRole with role trust policies, session tags, transitive tags and role chaining, issuing
 * temporary credentials as {@link io.keywarden.services.identity.SessionTokens}. Knows no HTTP: the
 * protocol layer serves it as it serves KMS.
 */
package io.keywarden.services.sts;

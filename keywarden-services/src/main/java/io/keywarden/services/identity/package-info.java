/**
 * Who calls, for the protocol layer and for authorisation: access keys of account roots and IAM users
 * ({@link io.keywarden.services.identity.AccessKeys}), the users and roles of every account with their
 * parsed policies ({@link io.keywarden.services.identity.IdentityDirectory}, the {@link
 * io.keywarden.services.identity.IdentityPolicies} of KMS authorisation), and the secret to verify
 * SigV4 signatures, which never leaves {@link io.keywarden.services.identity.SigningCredential}.
 *
 * <p>Everything consulted per request answers from memory; changes are seen through {@link
 * io.keywarden.services.identity.IdentityGeneration}, across processes too.
 */
package io.keywarden.services.identity;

/**
 * Access control end to end: a dev server started with the identities file {@code
 * authz/identities.yaml} (two accounts, users, roles, IAM policies and tags), and one SDK client per
 * principal, each signing with its own credentials — IAM users' access keys and STS sessions
 * (AssumeRole with session tags and transitive tags, through {@code StsAssumeRoleCredentialsProvider}).
 * Each test asserts what AWS KMS would allow and, with AWS's exact AccessDeniedException message,
 * what it would deny: a server that allowed everything fails every class here.
 */
package io.keywarden.it.authz;

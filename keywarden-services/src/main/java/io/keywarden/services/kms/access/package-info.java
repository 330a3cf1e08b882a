/**
 * KMS authorisation as AWS documents it ("Determining access to KMS keys", KMS developer guide):
 * explicit denies anywhere win; the key policy is primary; a key policy statement for an account
 * ({@code arn:aws:iam::ACCOUNT:root}) delegates to that account's IAM policies; cross-account use needs
 * the key policy and the caller's IAM policies; grants allow their operations. {@link
 * io.keywarden.services.kms.access.KeyAuthorizer} produces a {@link
 * io.keywarden.services.kms.access.Decision} and AWS's AccessDeniedException messages.
 *
 * <p>This package knows policies, principals and condition keys, not keys or storage: the KMS
 * operations (package {@code services.kms}) describe each request as an {@link
 * io.keywarden.services.kms.access.AccessRequest}. It must not import {@code services.kms}.
 */
package io.keywarden.services.kms.access;

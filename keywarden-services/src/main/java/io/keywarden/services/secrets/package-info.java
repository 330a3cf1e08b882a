/**
 * AWS Secrets Manager (model {@code secretsmanager}, AWS JSON 1.1, target prefix {@code
 * secretsmanager}): secrets with versions and staging labels, each version's value envelope-encrypted
 * with a data key from Keywarden's KMS, called on the caller's behalf.
 */
package io.keywarden.services.secrets;

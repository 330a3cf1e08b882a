/**
 * Integration tests through the AWS SDK for Java v2 ({@code KmsClient}) against a real Keywarden
 * started in-process: one class per KMS operation family, plus production mode (access keys, seal,
 * restart), HTTPS and dev mode (reset, seed files). Errors are asserted as the SDK sees them: exception
 * type, {@code __type}, HTTP status and, where AWS's answer was recorded
 * (../shared/reference/aws-recorded/kms.snapshot.json), the exact message.
 */
package io.keywarden.it.sdk;

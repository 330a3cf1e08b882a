/**
 * Integration tests of asymmetric, HMAC and key-agreement keys (issue 3) through the AWS SDK for Java
 * v2 ({@code KmsClient}) against a real Keywarden started in-process: CreateKey for every key spec and
 * usage, Sign/Verify, GetPublicKey, RSA Encrypt/Decrypt/ReEncrypt, data key pairs, GenerateMac/VerifyMac,
 * DeriveSharedSecret, key states, rotation and seed files.
 *
 * <p>Whatever Keywarden signs, encrypts or derives is checked again in the test with an implementation
 * that is not Keywarden's code path ({@link io.keywarden.it.asymmetric.IndependentCrypto}: the JDK, or
 * Bouncy Castle where the JDK lacks the primitive). Errors are asserted as the SDK sees them, with the
 * messages recorded from real AWS (../shared/reference/aws-recorded/kms.snapshot.json) where recorded.
 */
package io.keywarden.it.asymmetric;

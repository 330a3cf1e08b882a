/**
 * AWS Signature Version 4 verification of {@code Authorization} headers ({@link
 * io.keywarden.protocol.sigv4.SigV4Verifier}), answering failures with the codes and messages that
 * AWS's JSON services send. Implements "Create a signed AWS API request" of the IAM User Guide
 * (canonical request, string to sign, signing key, signature) from the server's side; presigned
 * (query-string) requests are not accepted.
 *
 * <p>Depends on no transport: the HTTP layer adapts its requests to {@link
 * io.keywarden.protocol.sigv4.SignedRequest}. Secrets stay inside {@link
 * io.keywarden.services.identity.SigningCredential}; this package sees derived signing keys only,
 * and never logs or prints them.
 */
package io.keywarden.protocol.sigv4;

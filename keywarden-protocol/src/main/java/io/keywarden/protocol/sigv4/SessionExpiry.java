package io.keywarden.protocol.sigv4;

/**
 * Tells an expired session from an unknown one, so that SigV4 can answer AWS's {@code
 * ExpiredTokenException} ("The security token included in the request is expired") rather than
 * {@code UnrecognizedClientException} for temporary credentials that were valid once. {@link
 * io.keywarden.services.identity.CredentialLookup#find(String, String)} is empty for both; this is
 * asked only then, for requests that carry an {@code X-Amz-Security-Token}.
 *
 * <p>Called on the I/O threads: must answer from memory. Whoever wires the server passes one that
 * consults the issuer of sessions (STS); {@link #UNKNOWN} says "not expired" to everything.
 */
@FunctionalInterface
public interface SessionExpiry {

  /** Knows of no sessions: every unresolved token is unrecognized. */
  SessionExpiry UNKNOWN = (accessKeyId, securityToken) -> false;

  /** Whether the temporary access key and session token named a session that has expired. */
  boolean expired(String accessKeyId, String securityToken);
}

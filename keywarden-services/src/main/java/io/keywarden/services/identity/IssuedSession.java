package io.keywarden.services.identity;

import io.keywarden.domain.identity.Principal;
import java.time.Instant;
import java.util.Arrays;

/**
 * New temporary credentials, as AssumeRole returns them: the only time the secret leaves the session
 * token. Final class without {@code toString} of the secret or the token.
 */
public final class IssuedSession {
  private final Principal principal;
  private final char[] secretAccessKey;
  private final String sessionToken;
  private final Instant expiresAt;

  IssuedSession(Principal principal, char[] secretAccessKey, String sessionToken, Instant expiresAt) {
    this.principal = principal;
    this.secretAccessKey = secretAccessKey;
    this.sessionToken = sessionToken;
    this.expiresAt = expiresAt;
  }

  /** The session as it signs (its access key id is the temporary {@code ASIA...} key). */
  public Principal principal() {
    return principal;
  }

  public String accessKeyId() {
    return principal.accessKeyId();
  }

  /** A copy of the secret access key. */
  public char[] secretAccessKey() {
    return secretAccessKey.clone();
  }

  public String sessionToken() {
    return sessionToken;
  }

  public Instant expiresAt() {
    return expiresAt;
  }

  /** Zeroes the secret. */
  public void destroy() {
    Arrays.fill(secretAccessKey, '\0');
  }

  @Override
  public String toString() {
    return "IssuedSession[" + principal.accessKeyId() + ", " + principal.arn() + ", until " + expiresAt + "]";
  }
}

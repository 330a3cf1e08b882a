package io.keywarden.protocol.sigv4;

import io.keywarden.domain.identity.Principal;
import java.util.Objects;

/**
 * A request that passed SigV4: who signed it and the scope it was signed for. Not a record: the
 * session token, when one was sent, must not be printed.
 */
public final class Authentication {
  private final Principal principal;
  private final String region;
  private final String securityToken;
  private final boolean signatureVerified;

  Authentication(Principal principal, String region, String securityToken, boolean signatureVerified) {
    this.principal = Objects.requireNonNull(principal, "principal");
    this.region = Objects.requireNonNull(region, "region");
    this.securityToken = securityToken;
    this.signatureVerified = signatureVerified;
  }

  /** The caller. */
  public Principal principal() {
    return principal;
  }

  /** The region of the credential scope. */
  public String region() {
    return region;
  }

  /** The {@code X-Amz-Security-Token} sent with the request, or {@code null}. */
  public String securityToken() {
    return securityToken;
  }

  /**
   * {@code false} when the access key was unknown and dev mode accepted it without checking the
   * signature ({@link io.keywarden.services.identity.CredentialLookup#unverifiedFallback}).
   */
  public boolean signatureVerified() {
    return signatureVerified;
  }

  @Override
  public String toString() {
    return "Authentication[" + principal.arn() + ", " + region + ", verified=" + signatureVerified + "]";
  }
}

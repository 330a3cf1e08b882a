package io.keywarden.services.identity;

import io.keywarden.domain.identity.Principal;
import java.util.Optional;

/** Resolves access key ids for SigV4 authentication. */
public interface CredentialLookup {

  /** The credential behind an access key id, or empty if none is known (or it is inactive). */
  Optional<SigningCredential> find(String accessKeyId);

  /**
   * The credential behind temporary credentials (an {@code ASIA...} access key with the {@code
   * X-Amz-Security-Token} the request carried), or behind a long-term access key when {@code
   * securityToken} is {@code null}. Empty if unknown, expired or not matching.
   */
  default Optional<SigningCredential> find(String accessKeyId, String securityToken) {
    return securityToken == null ? find(accessKeyId) : Optional.empty();
  }

  /**
   * In dev mode, the principal that an unknown access key acts as (the root of the dev account),
   * accepted without verifying its signature; in production, always empty.
   */
  Optional<Principal> unverifiedFallback(String accessKeyId);
}

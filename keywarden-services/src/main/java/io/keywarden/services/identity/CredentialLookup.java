package io.keywarden.services.identity;

import io.keywarden.domain.identity.Principal;
import java.util.Optional;

/** Resolves access key ids for SigV4 authentication. */
public interface CredentialLookup {

  /** The credential behind an access key id, or empty if none is known (or it is inactive). */
  Optional<SigningCredential> find(String accessKeyId);

  /**
   * In dev mode, the principal that an unknown access key acts as (the root of the dev account),
   * accepted without verifying its signature; in production, always empty.
   */
  Optional<Principal> unverifiedFallback(String accessKeyId);
}

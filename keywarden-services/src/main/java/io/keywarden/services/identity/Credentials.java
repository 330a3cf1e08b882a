package io.keywarden.services.identity;

import io.keywarden.domain.identity.Principal;
import java.util.Objects;
import java.util.Optional;

/**
 * Every credential Keywarden accepts: long-term access keys of account roots and users ({@link
 * AccessKeys}), and temporary credentials with their session token ({@link SessionTokens}). What the
 * server hands the protocol layer.
 */
public final class Credentials implements CredentialLookup {
  private final AccessKeys accessKeys;
  private final SessionTokens sessions;

  public Credentials(AccessKeys accessKeys, SessionTokens sessions) {
    this.accessKeys = Objects.requireNonNull(accessKeys, "accessKeys");
    this.sessions = Objects.requireNonNull(sessions, "sessions");
  }

  @Override
  public Optional<SigningCredential> find(String accessKeyId) {
    return accessKeys.find(accessKeyId);
  }

  @Override
  public Optional<SigningCredential> find(String accessKeyId, String securityToken) {
    return securityToken == null
        ? accessKeys.find(accessKeyId)
        : sessions.find(accessKeyId, securityToken);
  }

  /** Whether the temporary credentials were valid once and have expired. */
  public boolean expired(String accessKeyId, String securityToken) {
    return sessions.expired(accessKeyId, securityToken);
  }

  @Override
  public Optional<Principal> unverifiedFallback(String accessKeyId) {
    return accessKeys.unverifiedFallback(accessKeyId);
  }
}

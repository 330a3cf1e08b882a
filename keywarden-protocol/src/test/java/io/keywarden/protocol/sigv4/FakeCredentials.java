package io.keywarden.protocol.sigv4;

import io.keywarden.domain.identity.Principal;
import io.keywarden.services.identity.CredentialLookup;
import io.keywarden.services.identity.SigningCredential;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** An in-memory {@link CredentialLookup} of real {@link SigningCredential}s, long-term and temporary. */
final class FakeCredentials implements CredentialLookup {
  static final String ACCOUNT = "111122223333";

  private final Map<String, SigningCredential> keys = new ConcurrentHashMap<>();
  private final boolean dev;

  FakeCredentials(boolean dev) {
    this.dev = dev;
  }

  FakeCredentials add(String accessKeyId, String secret) {
    keys.put(accessKeyId, new SigningCredential(Principal.root(ACCOUNT, accessKeyId), secret.toCharArray()));
    return this;
  }

  /** Temporary credentials: the key answers only with this session token. */
  FakeCredentials addSession(String accessKeyId, String token, String secret) {
    keys.put(accessKeyId + "\n" + token,
        new SigningCredential(Principal.root(ACCOUNT, accessKeyId), secret.toCharArray()));
    return this;
  }

  @Override
  public Optional<SigningCredential> find(String accessKeyId) {
    return Optional.ofNullable(keys.get(accessKeyId));
  }

  @Override
  public Optional<SigningCredential> find(String accessKeyId, String securityToken) {
    return securityToken == null
        ? find(accessKeyId)
        : Optional.ofNullable(keys.get(accessKeyId + "\n" + securityToken));
  }

  @Override
  public Optional<Principal> unverifiedFallback(String accessKeyId) {
    return dev ? Optional.of(Principal.root("000000000000", accessKeyId)) : Optional.empty();
  }
}

package io.keywarden.protocol.http;

import io.keywarden.domain.identity.Principal;
import io.keywarden.services.identity.CredentialLookup;
import io.keywarden.services.identity.SigningCredential;
import java.util.Optional;

/** One real access key; in dev mode, any other key acts as the dev account's root. */
final class TestCredentials implements CredentialLookup {
  static final String ACCOUNT = "111122223333";
  static final String DEV_ACCOUNT = "000000000000";
  static final String ACCESS_KEY = "AKIAKEYWARDENTEST001";
  static final String SECRET = "s3cr3t/Key+For/Tests/Only/0123456789abcd";

  private final SigningCredential credential =
      new SigningCredential(Principal.root(ACCOUNT, ACCESS_KEY), SECRET.toCharArray());
  private final boolean dev;

  TestCredentials(boolean dev) {
    this.dev = dev;
  }

  @Override
  public Optional<SigningCredential> find(String accessKeyId) {
    return ACCESS_KEY.equals(accessKeyId) ? Optional.of(credential) : Optional.empty();
  }

  @Override
  public Optional<Principal> unverifiedFallback(String accessKeyId) {
    return dev ? Optional.of(Principal.root(DEV_ACCOUNT, accessKeyId)) : Optional.empty();
  }
}

package io.keywarden.protocol.http;

import io.keywarden.domain.identity.Principal;
import io.keywarden.domain.identity.PrincipalType;
import io.keywarden.protocol.sigv4.SessionExpiry;
import io.keywarden.services.identity.CredentialLookup;
import io.keywarden.services.identity.SigningCredential;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The long-term key of {@link TestCredentials}, and temporary credentials issued by {@link FakeSts}:
 * an {@code ASIA...} access key with a session token, valid until it expires. In dev mode any
 * other key acts as the dev account's root.
 */
final class SessionCredentials implements CredentialLookup, SessionExpiry {

  /** A session issued to a caller. The secret leaves only through {@link #secret}. */
  static final class Session {
    final String accessKeyId;
    final String token;
    final SigningCredential credential;
    final Principal principal;
    private final char[] secret;
    volatile Instant expiresAt;

    Session(String accessKeyId, String token, char[] secret, Principal principal, Instant expiresAt) {
      this.accessKeyId = accessKeyId;
      this.token = token;
      this.secret = secret;
      this.principal = principal;
      this.credential = new SigningCredential(principal, secret);
      this.expiresAt = expiresAt;
    }

    String secret() {
      return new String(secret);
    }
  }

  private final SigningCredential longTerm =
      new SigningCredential(Principal.root(TestCredentials.ACCOUNT, TestCredentials.ACCESS_KEY),
          TestCredentials.SECRET.toCharArray());
  private final Map<String, Session> sessions = new ConcurrentHashMap<>();
  private final AtomicInteger serial = new AtomicInteger();
  private final SecureRandom random = new SecureRandom();
  private final Clock clock;
  private final boolean dev;

  SessionCredentials(Clock clock, boolean dev) {
    this.clock = clock;
    this.dev = dev;
  }

  /** Issues temporary credentials for an assumed role session. */
  Session issue(String roleArn, String sessionName, Instant expiresAt) {
    String accessKeyId = String.format("ASIAKEYWARDEN%07d", serial.incrementAndGet());
    byte[] bytes = new byte[30];
    random.nextBytes(bytes);
    char[] secret = Base64.getEncoder().encodeToString(bytes).toCharArray();
    random.nextBytes(bytes);
    String token = "FQoGZXIvYXdzE" + Base64.getEncoder().encodeToString(bytes);
    String role = roleArn.substring(roleArn.lastIndexOf('/') + 1);
    Principal principal = new Principal(PrincipalType.AssumedRole, TestCredentials.ACCOUNT,
        "arn:aws:sts::" + TestCredentials.ACCOUNT + ":assumed-role/" + role + "/" + sessionName,
        "AROAKEYWARDENTEST0001:" + sessionName, accessKeyId, null, roleArn, java.util.Map.of(),
        java.util.Set.of());
    Session session = new Session(accessKeyId, token, secret, principal, expiresAt);
    sessions.put(accessKeyId, session);
    return session;
  }

  /** Makes a session expire now. */
  void expire(String accessKeyId) {
    sessions.get(accessKeyId).expiresAt = clock.instant().minusSeconds(1);
  }

  @Override
  public Optional<SigningCredential> find(String accessKeyId) {
    return TestCredentials.ACCESS_KEY.equals(accessKeyId) ? Optional.of(longTerm) : Optional.empty();
  }

  @Override
  public Optional<SigningCredential> find(String accessKeyId, String securityToken) {
    if (securityToken == null) {
      return find(accessKeyId);
    }
    Session session = matching(accessKeyId, securityToken);
    return session == null || !clock.instant().isBefore(session.expiresAt)
        ? Optional.empty()
        : Optional.of(session.credential);
  }

  @Override
  public boolean expired(String accessKeyId, String securityToken) {
    Session session = matching(accessKeyId, securityToken);
    return session != null && !clock.instant().isBefore(session.expiresAt);
  }

  private Session matching(String accessKeyId, String securityToken) {
    Session session = sessions.get(accessKeyId);
    if (session == null) {
      return null;
    }
    boolean same = MessageDigest.isEqual(session.token.getBytes(StandardCharsets.UTF_8),
        securityToken.getBytes(StandardCharsets.UTF_8));
    return same ? session : null;
  }

  @Override
  public Optional<Principal> unverifiedFallback(String accessKeyId) {
    return dev ? Optional.of(Principal.root(TestCredentials.DEV_ACCOUNT, accessKeyId)) : Optional.empty();
  }
}

package io.keywarden.services.identity;

import io.keywarden.domain.identity.IamRole;
import io.keywarden.domain.identity.Principal;
import io.keywarden.domain.identity.PrincipalType;
import io.keywarden.domain.storage.SettingsRepository;
import io.keywarden.domain.trust.RootOfTrust;
import io.keywarden.domain.trust.WrappedKey;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Temporary credentials as self-contained session tokens: the token is the session (access key id,
 * secret, role, session name, session tags, transitive keys, expiry) encrypted and authenticated with
 * AES-256-GCM under a session-token key, so nothing is stored per session and every process on the
 * same database accepts the tokens of every other, across restarts.
 *
 * <p>The session-token key is made once (32 random bytes), wrapped by the root of trust and kept in
 * settings ({@value #KEY_SETTING}); the first process to store it wins, the others use that one.
 *
 * <p>Token: base64 of {@code version (1) || IV (12) || ciphertext || tag (16)}; the additional
 * authenticated data binds the token to its access key id, so that a token sent with another access
 * key does not decrypt. A token that does not decrypt, names another access key, or has expired
 * resolves to nothing; {@link #expired} tells the last case apart (AWS's {@code ExpiredToken}).
 *
 * <p>Lookups answer from memory after the first use of a token: resolved credentials are cached by
 * access key id with a digest of their token (the same {@link SigningCredential} instance each time,
 * so SigV4 reuses its signing keys), dropped when identities change (role tags feed the session's
 * principal tags) and when the cache grows past its bound.
 */
public final class SessionTokens {
  /** Where the wrapped session-token key lives. */
  public static final String KEY_SETTING = "sts.session-token-key";

  private static final byte VERSION = 1;
  private static final int IV_BYTES = 12;
  private static final int TAG_BITS = 128;
  private static final int MAX_TOKEN_CHARS = 8192;
  private static final int MAX_CACHED = 10_000;
  private static final byte[] KEY_CONTEXT = "sts-session-token-key/v1".getBytes(StandardCharsets.UTF_8);
  private static final String AAD_PREFIX = "keywarden/sts-session/v1\0";
  private static final char[] ID_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567".toCharArray();
  private static final char[] SECRET_ALPHABET =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".toCharArray();
  private static final SecureRandom RANDOM = new SecureRandom();

  private final SettingsRepository settings;
  private final RootOfTrust root;
  private final Clock clock;
  private final IdentityDirectory directory;
  private final ConcurrentHashMap<String, Cached> cache = new ConcurrentHashMap<>();
  private final AtomicLong epoch = new AtomicLong();
  private volatile SecretKeySpec key;

  private record Cached(byte[] tokenDigest, SigningCredential credential, Instant expiresAt) {}

  public SessionTokens(SettingsRepository settings, RootOfTrust root, Clock clock,
      IdentityDirectory directory) {
    this.settings = Objects.requireNonNull(settings, "settings");
    this.root = Objects.requireNonNull(root, "root");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.directory = Objects.requireNonNull(directory, "directory");
    directory.onChange(this::clearCache);
  }

  /**
   * Issues a session of {@code role}.
   *
   * @param sessionTags the session's tags (inherited transitive tags and the request's), in order
   * @param transitiveTagKeys which of them pass on to a session this one assumes
   */
  public IssuedSession issue(IamRole role, String sessionName, Map<String, String> sessionTags,
      Set<String> transitiveTagKeys, Duration duration) {
    String accessKeyId = "ASIA" + random(ID_ALPHABET, 16);
    char[] secret = random(SECRET_ALPHABET, 40).toCharArray();
    Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
    SessionToken session = new SessionToken(accessKeyId, secret, role.accountId(), role.roleName(),
        role.path(), role.roleId(), sessionName, sessionTags, transitiveTagKeys, now, now.plus(duration));
    try {
      String token = seal(session);
      return new IssuedSession(principal(session), secret, token, session.expiresAt);
    } finally {
      session.destroy();
    }
  }

  /** The credential of a live session; empty if the token is not valid for this key, or expired. */
  public Optional<SigningCredential> find(String accessKeyId, String token) {
    if (token.length() > MAX_TOKEN_CHARS) {
      return Optional.empty();
    }
    byte[] digest = sha256(token);
    Instant now = clock.instant();
    Cached hit = cache.get(accessKeyId);
    if (hit != null && MessageDigest.isEqual(hit.tokenDigest, digest)) {
      return now.isBefore(hit.expiresAt) ? Optional.of(hit.credential) : Optional.empty();
    }
    long seen = epoch.get();
    SessionToken session = open(accessKeyId, token);
    if (session == null) {
      return Optional.empty();
    }
    try {
      if (!now.isBefore(session.expiresAt)) {
        return Optional.empty();
      }
      char[] secret = session.secret();
      SigningCredential credential;
      try {
        credential = new SigningCredential(principal(session), secret);
      } finally {
        Arrays.fill(secret, '\0');
      }
      if (epoch.get() == seen) {
        if (cache.size() >= MAX_CACHED) {
          cache.clear();
        }
        cache.put(accessKeyId, new Cached(digest, credential, session.expiresAt));
      }
      return Optional.of(credential);
    } finally {
      session.destroy();
    }
  }

  /** Whether the token is a valid token of this access key whose session has expired. */
  public boolean expired(String accessKeyId, String token) {
    if (token.length() > MAX_TOKEN_CHARS) {
      return false;
    }
    SessionToken session = open(accessKeyId, token);
    if (session == null) {
      return false;
    }
    session.destroy();
    return !clock.instant().isBefore(session.expiresAt);
  }

  /** Forgets resolved sessions (identities changed). */
  public void clearCache() {
    epoch.incrementAndGet();
    cache.clear();
  }

  /**
   * The session as it signs: its role's current tags overridden by the session tags (keys compared
   * without case, as AWS does); the role as it was when the session began if it is gone.
   */
  private Principal principal(SessionToken s) {
    Map<String, String> tags = new LinkedHashMap<>();
    directory.role(s.accountId, s.roleName)
        .filter(r -> r.roleId().equals(s.roleId))
        .ifPresent(r -> r.tags().forEach(t -> tags.put(t.key(), t.value())));
    for (Map.Entry<String, String> t : s.sessionTags.entrySet()) {
      tags.keySet().removeIf(k -> k.equalsIgnoreCase(t.getKey()));
      tags.put(t.getKey(), t.getValue());
    }
    return new Principal(PrincipalType.AssumedRole, s.accountId,
        Principal.sessionArn(s.accountId, s.roleName, s.sessionName), s.roleId + ":" + s.sessionName,
        s.accessKeyId, null, s.roleArn(), tags, s.transitiveTagKeys, s.issuedAt);
  }

  private String seal(SessionToken session) {
    byte[] plaintext = SessionTokenCodec.encode(session);
    try {
      byte[] iv = new byte[IV_BYTES];
      RANDOM.nextBytes(iv);
      Cipher gcm = Cipher.getInstance("AES/GCM/NoPadding");
      gcm.init(Cipher.ENCRYPT_MODE, key(), new GCMParameterSpec(TAG_BITS, iv));
      gcm.updateAAD(aad(session.accessKeyId));
      byte[] sealed = gcm.doFinal(plaintext);
      ByteBuffer out = ByteBuffer.allocate(1 + IV_BYTES + sealed.length);
      out.put(VERSION).put(iv).put(sealed);
      return Base64.getEncoder().encodeToString(out.array());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM failed", e);
    } finally {
      Arrays.fill(plaintext, (byte) 0);
    }
  }

  /** The session of a token for this access key, or null if it is not one (tampered, other key). */
  private SessionToken open(String accessKeyId, String token) {
    byte[] bytes;
    try {
      bytes = Base64.getDecoder().decode(token);
    } catch (IllegalArgumentException e) {
      return null;
    }
    if (bytes.length < 1 + IV_BYTES + TAG_BITS / 8 || bytes[0] != VERSION) {
      return null;
    }
    byte[] plaintext = null;
    try {
      Cipher gcm = Cipher.getInstance("AES/GCM/NoPadding");
      gcm.init(Cipher.DECRYPT_MODE, key(), new GCMParameterSpec(TAG_BITS, bytes, 1, IV_BYTES));
      gcm.updateAAD(aad(accessKeyId));
      plaintext = gcm.doFinal(bytes, 1 + IV_BYTES, bytes.length - 1 - IV_BYTES);
      SessionToken session = SessionTokenCodec.decode(plaintext);
      if (!session.accessKeyId.equals(accessKeyId)) {
        session.destroy();
        return null;
      }
      return session;
    } catch (AEADBadTagException | IOException e) {
      return null;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM failed", e);
    } finally {
      if (plaintext != null) {
        Arrays.fill(plaintext, (byte) 0);
      }
    }
  }

  private static byte[] aad(String accessKeyId) {
    return (AAD_PREFIX + accessKeyId).getBytes(StandardCharsets.UTF_8);
  }

  /** The session-token key: made, wrapped and stored by the first process that needs it. */
  private SecretKeySpec key() {
    SecretKeySpec k = key;
    if (k != null) {
      return k;
    }
    synchronized (this) {
      if (key == null) {
        key = loadOrCreateKey();
      }
      return key;
    }
  }

  private SecretKeySpec loadOrCreateKey() {
    if (settings.get(KEY_SETTING).isEmpty()) {
      byte[] fresh = new byte[32];
      RANDOM.nextBytes(fresh);
      try {
        settings.putIfAbsent(KEY_SETTING, encode(root.wrap(fresh, KEY_CONTEXT)));
      } finally {
        Arrays.fill(fresh, (byte) 0);
      }
    }
    byte[] stored = settings.get(KEY_SETTING).orElseThrow();
    byte[] material = root.unwrap(decode(stored), KEY_CONTEXT);
    try {
      return new SecretKeySpec(material, "AES");
    } finally {
      Arrays.fill(material, (byte) 0);
    }
  }

  /** {@code length of root key id (2) || root key id (UTF-8) || blob}. */
  private static byte[] encode(WrappedKey w) {
    byte[] id = w.rootKeyId().getBytes(StandardCharsets.UTF_8);
    byte[] blob = w.blob();
    return ByteBuffer.allocate(2 + id.length + blob.length)
        .putShort((short) id.length).put(id).put(blob).array();
  }

  private static WrappedKey decode(byte[] stored) {
    ByteBuffer in = ByteBuffer.wrap(stored);
    byte[] id = new byte[in.getShort() & 0xffff];
    in.get(id);
    byte[] blob = new byte[in.remaining()];
    in.get(blob);
    return new WrappedKey(new String(id, StandardCharsets.UTF_8), blob);
  }

  private static byte[] sha256(String token) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String random(char[] alphabet, int n) {
    char[] out = new char[n];
    for (int i = 0; i < n; i++) {
      out[i] = alphabet[RANDOM.nextInt(alphabet.length)];
    }
    return new String(out);
  }
}

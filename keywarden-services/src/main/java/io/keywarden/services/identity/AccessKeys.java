package io.keywarden.services.identity;

import io.keywarden.domain.identity.AccessKeyRecord;
import io.keywarden.domain.identity.Principal;
import io.keywarden.domain.storage.AccessKeyRepository;
import io.keywarden.domain.trust.RootOfTrust;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Arrays;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Access keys: issuing them (the secret is returned once and stored only wrapped by the root of
 * trust) and resolving them for SigV4 (unwrapped once, then kept in memory).
 *
 * <p>In dev mode ({@code devAccountId} set), an access key that is not known acts as the root of the
 * dev account, unverified — as LocalStack and moto accept any credentials.
 */
public final class AccessKeys implements CredentialLookup {
  private static final char[] ID_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567".toCharArray();
  private static final char[] SECRET_ALPHABET =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".toCharArray();
  private static final SecureRandom RANDOM = new SecureRandom();

  private final AccessKeyRepository repository;
  private final RootOfTrust root;
  private final Clock clock;
  private final String devAccountId;
  private final ConcurrentHashMap<String, SigningCredential> cache = new ConcurrentHashMap<>();

  /** @param devAccountId the dev account for unknown keys, or {@code null} in production */
  public AccessKeys(AccessKeyRepository repository, RootOfTrust root, Clock clock, String devAccountId) {
    this.repository = repository;
    this.root = root;
    this.clock = clock;
    this.devAccountId = devAccountId;
  }

  /** Issues an access key for the root of {@code accountId}. */
  public IssuedAccessKey createForAccountRoot(String accountId) {
    String id = "AKIA" + random(ID_ALPHABET, 16);
    char[] secret = random(SECRET_ALPHABET, 40).toCharArray();
    byte[] secretBytes = ascii(secret);
    try {
      repository.insert(
          new AccessKeyRecord(
              id,
              accountId,
              Principal.rootArn(accountId),
              root.wrap(secretBytes, context(id)),
              clock.instant(),
              true));
    } finally {
      Arrays.fill(secretBytes, (byte) 0);
    }
    return new IssuedAccessKey(id, accountId, secret);
  }

  @Override
  public Optional<SigningCredential> find(String accessKeyId) {
    SigningCredential hit = cache.get(accessKeyId);
    if (hit != null) {
      return Optional.of(hit);
    }
    Optional<AccessKeyRecord> stored = repository.find(accessKeyId).filter(AccessKeyRecord::active);
    if (stored.isEmpty()) {
      return Optional.empty();
    }
    AccessKeyRecord r = stored.get();
    byte[] secret = root.unwrap(r.wrappedSecret(), context(accessKeyId));
    char[] chars = new char[secret.length];
    for (int i = 0; i < secret.length; i++) {
      chars[i] = (char) (secret[i] & 0x7f);
    }
    try {
      SigningCredential credential =
          new SigningCredential(Principal.root(r.accountId(), accessKeyId), chars);
      cache.put(accessKeyId, credential);
      return Optional.of(credential);
    } finally {
      Arrays.fill(secret, (byte) 0);
      Arrays.fill(chars, '\0');
    }
  }

  @Override
  public Optional<Principal> unverifiedFallback(String accessKeyId) {
    return devAccountId == null
        ? Optional.empty()
        : Optional.of(Principal.root(devAccountId, accessKeyId));
  }

  /** Forgets cached credentials (after a reset). */
  public void clearCache() {
    cache.clear();
  }

  /** Secrets are drawn from an ASCII alphabet. */
  private static byte[] ascii(char[] chars) {
    byte[] out = new byte[chars.length];
    for (int i = 0; i < chars.length; i++) {
      out[i] = (byte) chars[i];
    }
    return out;
  }

  private static byte[] context(String accessKeyId) {
    return ("access-key-secret/v1/" + accessKeyId).getBytes(StandardCharsets.UTF_8);
  }

  private static String random(char[] alphabet, int n) {
    char[] out = new char[n];
    for (int i = 0; i < n; i++) {
      out[i] = alphabet[RANDOM.nextInt(alphabet.length)];
    }
    return new String(out);
  }
}

package io.keywarden.services.identity;

import io.keywarden.domain.identity.AccessKeyRecord;
import io.keywarden.domain.identity.IamUser;
import io.keywarden.domain.identity.Principal;
import io.keywarden.domain.storage.AccessKeyRepository;
import io.keywarden.domain.trust.RootOfTrust;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Arrays;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;

/**
 * Long-term access keys of account roots and IAM users: issuing them (the secret is returned once and
 * stored only wrapped by the root of trust), importing fixed ones (dev and test identities files),
 * and resolving them for SigV4 (unwrapped once, then kept in memory).
 *
 * <p>A user's key signs as {@link Principal#user} with the user's tags, looked up in the {@link
 * IdentityDirectory}; the key of a user that no longer exists, and a deactivated key, authenticate
 * nothing. Cached credentials are dropped whenever the directory reloads.
 *
 * <p>In dev mode ({@code devAccountId} set), an access key that is not known acts as the root of the
 * dev account, unverified — as LocalStack and moto accept any credentials. A key that is known but
 * deactivated, or whose user was deleted, is refused even in dev mode, as AWS refuses it.
 */
public final class AccessKeys implements CredentialLookup {
  private static final char[] ID_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567".toCharArray();
  private static final char[] SECRET_ALPHABET =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".toCharArray();
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final Pattern VALID_ID = Pattern.compile("[A-Z0-9]{16,128}");

  private final AccessKeyRepository repository;
  private final RootOfTrust root;
  private final Clock clock;
  private final String devAccountId;
  private final IdentityDirectory directory;
  private final ConcurrentHashMap<String, SigningCredential> cache = new ConcurrentHashMap<>();
  /** Keys that exist but authenticate nothing (inactive, or their user is gone). */
  private final Set<String> refused = ConcurrentHashMap.newKeySet();
  private final AtomicLong epoch = new AtomicLong();

  /**
   * Root keys only: a user's key authenticates nothing.
   *
   * @param devAccountId the dev account for unknown keys, or {@code null} in production
   */
  public AccessKeys(AccessKeyRepository repository, RootOfTrust root, Clock clock, String devAccountId) {
    this(repository, root, clock, devAccountId, null);
  }

  /**
   * Root and user keys.
   *
   * @param devAccountId the dev account for unknown keys, or {@code null} in production
   * @param directory where users' keys find their users; {@code null}: root keys only
   */
  public AccessKeys(AccessKeyRepository repository, RootOfTrust root, Clock clock, String devAccountId,
      IdentityDirectory directory) {
    this.repository = repository;
    this.root = root;
    this.clock = clock;
    this.devAccountId = devAccountId;
    this.directory = directory;
    if (directory != null) {
      directory.onChange(this::clearCache);
    }
  }

  /** Issues an access key for the root of {@code accountId}. */
  public IssuedAccessKey createForAccountRoot(String accountId) {
    return create(accountId, Principal.rootArn(accountId));
  }

  /**
   * Issues an access key for an IAM user. The caller marks the change ({@link
   * IdentityDirectory#changed()}) when it is done changing identities.
   */
  public IssuedAccessKey createForUser(IamUser user) {
    return create(user.accountId(), user.arn());
  }

  private IssuedAccessKey create(String accountId, String principalArn) {
    String id = "AKIA" + random(ID_ALPHABET, 16);
    char[] secret = random(SECRET_ALPHABET, 40).toCharArray();
    store(id, accountId, principalArn, secret, true);
    return new IssuedAccessKey(id, accountId, secret);
  }

  /**
   * Stores an access key whose id and secret the operator chose (fixed credentials for dev and
   * tests).
   *
   * @throws IllegalArgumentException if the id is not 16 to 128 capital letters and digits, or the
   *     secret not 16 to 128 printable ASCII characters
   * @throws io.keywarden.domain.storage.DuplicateRecordException if the id exists
   */
  public void importKey(String accessKeyId, String accountId, String principalArn, char[] secret,
      boolean active) {
    if (!VALID_ID.matcher(accessKeyId).matches()) {
      throw new IllegalArgumentException(
          "an access key id is 16 to 128 capital letters and digits: " + accessKeyId);
    }
    if (secret.length < 16 || secret.length > 128) {
      throw new IllegalArgumentException(
          "the secret of " + accessKeyId + " must have 16 to 128 characters");
    }
    for (char c : secret) {
      if (c < 0x21 || c > 0x7e) {
        throw new IllegalArgumentException(
            "the secret of " + accessKeyId + " must be printable ASCII without spaces");
      }
    }
    store(accessKeyId, accountId, principalArn, secret, active);
  }

  /** Whether the stored key's secret is {@code secret} (compared in constant time). */
  public boolean secretMatches(AccessKeyRecord key, char[] secret) {
    byte[] stored = root.unwrap(key.wrappedSecret(), context(key.accessKeyId()));
    byte[] given = ascii(secret);
    try {
      return MessageDigest.isEqual(stored, given);
    } finally {
      Arrays.fill(stored, (byte) 0);
      Arrays.fill(given, (byte) 0);
    }
  }

  /** Activates or deactivates a stored key (its secret unchanged). */
  public void setActive(AccessKeyRecord key, boolean active) {
    if (key.active() == active) {
      return;
    }
    repository.delete(key.accessKeyId());
    repository.insert(new AccessKeyRecord(key.accessKeyId(), key.accountId(), key.principalArn(),
        key.wrappedSecret(), key.createdAt(), active));
    forget(key.accessKeyId());
  }

  /** Deletes a stored key. */
  public void delete(String accessKeyId) {
    repository.delete(accessKeyId);
    forget(accessKeyId);
  }

  private void forget(String accessKeyId) {
    epoch.incrementAndGet();
    cache.remove(accessKeyId);
    refused.remove(accessKeyId);
  }

  private void store(String id, String accountId, String principalArn, char[] secret, boolean active) {
    byte[] secretBytes = ascii(secret);
    try {
      repository.insert(
          new AccessKeyRecord(
              id, accountId, principalArn, root.wrap(secretBytes, context(id)), clock.instant(), active));
    } finally {
      Arrays.fill(secretBytes, (byte) 0);
    }
    forget(id);
  }

  @Override
  public Optional<SigningCredential> find(String accessKeyId) {
    SigningCredential hit = cache.get(accessKeyId);
    if (hit != null) {
      return Optional.of(hit);
    }
    // What is cached must not predate a clearCache() that ran while this lookup was under way.
    long seen = epoch.get();
    Optional<AccessKeyRecord> stored = repository.find(accessKeyId);
    if (stored.isEmpty()) {
      return Optional.empty();
    }
    AccessKeyRecord r = stored.get();
    Principal principal = r.active() ? principalOf(r) : null;
    if (principal == null) {
      if (epoch.get() == seen) {
        refused.add(accessKeyId);
      }
      return Optional.empty();
    }
    byte[] secret = root.unwrap(r.wrappedSecret(), context(accessKeyId));
    char[] chars = new char[secret.length];
    for (int i = 0; i < secret.length; i++) {
      chars[i] = (char) (secret[i] & 0x7f);
    }
    try {
      SigningCredential credential =
          new SigningCredential(principal, chars);
      if (epoch.get() == seen) {
        cache.put(accessKeyId, credential);
      }
      return Optional.of(credential);
    } finally {
      Arrays.fill(secret, (byte) 0);
      Arrays.fill(chars, '\0');
    }
  }

  /** Who signs with a key: its account's root, or its user if the user still exists; else null. */
  private Principal principalOf(AccessKeyRecord r) {
    if (r.principalArn().equals(Principal.rootArn(r.accountId()))) {
      return Principal.root(r.accountId(), r.accessKeyId());
    }
    if (directory == null) {
      return null;
    }
    return directory
        .user(r.principalArn())
        .filter(u -> u.accountId().equals(r.accountId()))
        .map(u -> Principal.user(u, r.accessKeyId()))
        .orElse(null);
  }

  @Override
  public Optional<Principal> unverifiedFallback(String accessKeyId) {
    return devAccountId == null || refused.contains(accessKeyId)
        ? Optional.empty()
        : Optional.of(Principal.root(devAccountId, accessKeyId));
  }

  /** Forgets cached credentials (after a reset, or when identities changed). */
  public void clearCache() {
    epoch.incrementAndGet();
    cache.clear();
    refused.clear();
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

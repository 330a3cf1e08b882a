package io.keywarden.services.kms;

import io.keywarden.domain.identity.Principal;
import io.keywarden.domain.key.Grant;
import io.keywarden.domain.storage.GrantRepository;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

/**
 * Every key's grants, in memory and indexed by grantee, so that authorising a request never reads
 * storage: the {@link GrantAuthority} that key authorisation consults.
 *
 * <p><b>Freshness.</b> A key's grants are read from storage on first use, then kept. Grants created,
 * retired or revoked through this node change the book at once (after storage). Changes made by other
 * nodes sharing the database arrive in two ways: a key's grants older than the refresh interval (10 s
 * by default) are re-read in the background while requests keep using the current ones (like AWS's
 * eventual consistency, "usually less than five minutes"); and a request that presents a grant token
 * naming a grant this node does not know re-reads that key's grants at once, so that a new grant is
 * usable immediately through its token, as AWS documents. A token whose grant is still absent after
 * that read (retired, revoked) is remembered until the next refresh, so repeating it costs no reads.
 *
 * <p><b>Matching</b> (developer guide, "Grants in AWS KMS"): a grant applies to a caller whose ARN is
 * its grantee principal; a grant to a role applies to the role's sessions; a grant to an account
 * ({@code arn:aws:iam::<account>:root}) applies to that account's principals, which (other than the
 * root) also need their identity policies to allow the action ({@link
 * GrantAuthority#delegatesToAccount}). The operation must be one of the grant's operations, and its
 * encryption context must satisfy the grant's constraints ({@link GrantConstraints}).
 */
public final class GrantBook implements GrantAuthority {
  private static final Logger LOG = System.getLogger(GrantBook.class.getName());

  /** How long a key's grants are used before they are re-read in the background. */
  public static final Duration DEFAULT_REFRESH = Duration.ofSeconds(10);

  private static final ExecutorService BACKGROUND =
      Executors.newSingleThreadExecutor(
          r -> {
            Thread t = new Thread(r, "keywarden-grant-refresh");
            t.setDaemon(true);
            return t;
          });

  private final GrantRepository repository;
  private final GrantTokens tokens;
  private final Clock clock;
  private final Duration refresh;
  private final Executor refresher;
  private final ConcurrentHashMap<String, KeyGrants> byKey = new ConcurrentHashMap<>();
  private final Object[] writeLocks = new Object[64];

  GrantBook(GrantRepository repository, GrantTokens tokens, Clock clock) {
    this(repository, tokens, clock, DEFAULT_REFRESH, BACKGROUND);
  }

  /** @param refresher runs the background re-reads (tests pass a direct executor) */
  GrantBook(
      GrantRepository repository,
      GrantTokens tokens,
      Clock clock,
      Duration refresh,
      Executor refresher) {
    this.repository = repository;
    this.tokens = tokens;
    this.clock = clock;
    this.refresh = refresh;
    this.refresher = refresher;
    for (int i = 0; i < writeLocks.length; i++) {
      writeLocks[i] = new Object();
    }
  }

  // ------------------------------------------------------------ GrantAuthority

  @Override
  public Optional<Grant> allowing(
      Principal principal,
      LoadedKey key,
      String operation,
      Map<String, String> encryptionContext,
      List<String> grantTokens) {
    KeyGrants grants = withTokens(key, grantTokens);
    if (grants.byGrantee.isEmpty()) {
      return Optional.empty();
    }
    Grant viaAccount = null;
    for (Grant g : grants.candidates(principal)) {
      if (g.operations().contains(operation)
          && GrantConstraints.allow(g, operation, encryptionContext)) {
        if (!GrantAuthority.delegatesToAccount(g, principal)) {
          return Optional.of(g);
        }
        if (viaAccount == null) {
          viaAccount = g;
        }
      }
    }
    return Optional.ofNullable(viaAccount);
  }

  @Override
  public void validateTokens(List<String> grantTokens) {
    for (String t : grantTokens) {
      tokens.verify(t);
    }
  }

  // ------------------------------------------------------------ for the grant operations

  /**
   * The grants of {@code key} whose grantee is {@code principal} (as {@link #allowing} matches it) and
   * that include {@code operation}, constraints not considered; grant tokens as for {@link #allowing}.
   */
  List<Grant> including(Principal principal, LoadedKey key, String operation, List<String> grantTokens) {
    List<Grant> out = new ArrayList<>();
    for (Grant g : withTokens(key, grantTokens).candidates(principal)) {
      if (g.operations().contains(operation)) {
        out.add(g);
      }
    }
    return out;
  }

  /** Re-reads a key's grants from storage now; returns them in creation order. */
  List<Grant> reload(String region, String keyId) {
    List<Grant> stored = new ArrayList<>();
    load(region, keyId, stored);
    return stored;
  }

  private KeyGrants load(String region, String keyId, List<Grant> into) {
    synchronized (writeLock(region, keyId)) {
      List<Grant> stored = repository.listForKey(region, keyId);
      KeyGrants grants = KeyGrants.of(stored, clock.instant());
      byKey.put(cacheKey(region, keyId), grants);
      if (into != null) {
        into.addAll(stored);
      }
      return grants;
    }
  }

  /** The key's grants as this node knows them (see the class comment on freshness), in no order. */
  Collection<Grant> known(String region, String keyId) {
    return current(region, keyId).byId.values();
  }

  /** Runs {@code work} holding this node's lock for the key's grants (creations take turns). */
  <T> T withKeyLock(String region, String keyId, Supplier<T> work) {
    synchronized (writeLock(region, keyId)) {
      return work.get();
    }
  }

  /** A grant of the key, from memory, else from storage. */
  Optional<Grant> find(String region, String keyId, String grantId) {
    Grant known = current(region, keyId).byId.get(grantId);
    if (known != null) {
      return Optional.of(known);
    }
    return repository.find(region, grantId).filter(g -> g.keyId().equals(keyId));
  }

  /** Records a grant just stored. */
  void added(Grant g) {
    synchronized (writeLock(g.region(), g.keyId())) {
      KeyGrants grants = byKey.get(cacheKey(g.region(), g.keyId()));
      if (grants != null) {
        grants.add(g);
      }
    }
  }

  /** Forgets a grant just deleted from storage. */
  void removed(Grant g) {
    synchronized (writeLock(g.region(), g.keyId())) {
      KeyGrants grants = byKey.get(cacheKey(g.region(), g.keyId()));
      if (grants != null) {
        grants.remove(g);
      }
    }
  }

  /** Forgets a deleted key's grants (storage deleted them with the key). */
  void forgetKey(String region, String keyId) {
    synchronized (writeLock(region, keyId)) {
      byKey.remove(cacheKey(region, keyId));
    }
  }

  /** Forgets everything (after the storage was wiped). */
  void clear() {
    byKey.clear();
  }

  GrantTokens tokens() {
    return tokens;
  }

  // ------------------------------------------------------------ internals

  /** The key's grants, after checking the request's tokens and reading any grant they add. */
  private KeyGrants withTokens(LoadedKey key, List<String> grantTokens) {
    String region = key.record().region();
    String keyId = key.record().keyId();
    KeyGrants grants = current(region, keyId);
    if (grantTokens == null || grantTokens.isEmpty()) {
      return grants;
    }
    for (String t : grantTokens) {
      GrantTokens.Ref ref = tokens.verify(t);
      if (!ref.region().equals(region) || !ref.keyId().equals(keyId)) {
        continue; // a token of another key grants nothing here
      }
      if (grants.byId.containsKey(ref.grantId()) || grants.absent.contains(ref.grantId())) {
        continue;
      }
      grants = load(region, keyId, null);
      if (!grants.byId.containsKey(ref.grantId())) {
        grants.absent.add(ref.grantId());
      }
    }
    return grants;
  }

  /** The key's grants from memory; read on first use; re-read in the background when stale. */
  private KeyGrants current(String region, String keyId) {
    KeyGrants grants = byKey.get(cacheKey(region, keyId));
    if (grants == null) {
      return load(region, keyId, null);
    }
    if (grants.loadedAt.plus(refresh).isBefore(clock.instant())
        && grants.refreshing.compareAndSet(false, true)) {
      refresher.execute(
          () -> {
            try {
              load(region, keyId, null);
            } catch (RuntimeException e) {
              grants.refreshing.set(false);
              LOG.log(Level.WARNING, "could not re-read the grants of key " + keyId, e);
            }
          });
    }
    return grants;
  }

  private Object writeLock(String region, String keyId) {
    return writeLocks[Math.floorMod(cacheKey(region, keyId).hashCode(), writeLocks.length)];
  }

  private static String cacheKey(String region, String keyId) {
    return region + '/' + keyId;
  }

  /**
   * One key's grants: by id, and by grantee principal (each grantee's list is replaced, never changed,
   * so readers iterate without locks). Writers hold the book's lock for the key.
   */
  private static final class KeyGrants {
    final ConcurrentHashMap<String, Grant> byId = new ConcurrentHashMap<>();
    final ConcurrentHashMap<String, List<Grant>> byGrantee = new ConcurrentHashMap<>();
    final Set<String> absent = ConcurrentHashMap.newKeySet();
    final AtomicBoolean refreshing = new AtomicBoolean();
    final Instant loadedAt;

    private KeyGrants(Instant loadedAt) {
      this.loadedAt = loadedAt;
    }

    static KeyGrants of(List<Grant> grants, Instant loadedAt) {
      KeyGrants k = new KeyGrants(loadedAt);
      grants.forEach(k::add);
      return k;
    }

    void add(Grant g) {
      byId.put(g.grantId(), g);
      absent.remove(g.grantId());
      byGrantee.merge(
          g.granteePrincipal(),
          List.of(g),
          (old, neu) -> {
            List<Grant> next = new ArrayList<>(old.size() + 1);
            next.addAll(old);
            next.add(g);
            return List.copyOf(next);
          });
    }

    void remove(Grant g) {
      byId.remove(g.grantId());
      byGrantee.computeIfPresent(
          g.granteePrincipal(),
          (grantee, old) -> {
            List<Grant> next = new ArrayList<>(old);
            next.removeIf(x -> x.grantId().equals(g.grantId()));
            return next.isEmpty() ? null : List.copyOf(next);
          });
    }

    /** The grants that may apply to {@code p}: to its ARN, its role, its account. */
    List<Grant> candidates(Principal p) {
      List<Grant> direct = byGrantee.get(p.arn());
      List<Grant> role = p.roleArn() == null ? null : byGrantee.get(p.roleArn());
      List<Grant> account = byGrantee.get(Principal.rootArn(p.accountId()));
      if (role == null && (account == null || account == direct)) {
        return direct == null ? List.of() : direct;
      }
      List<Grant> all = new ArrayList<>();
      if (direct != null) {
        all.addAll(direct);
      }
      if (role != null) {
        all.addAll(role);
      }
      if (account != null && account != direct) {
        all.addAll(account);
      }
      return all;
    }
  }
}

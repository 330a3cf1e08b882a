package io.keywarden.services.secrets;

import io.keywarden.domain.identity.Principal;
import io.keywarden.domain.secret.SecretRecord;
import io.keywarden.domain.storage.SecretRepository;
import io.keywarden.domain.storage.StaleRecordException;
import io.keywarden.services.api.CallContext;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * Finds secrets as AWS resolves a {@code SecretId}: by name (in the caller's account), by full ARN, or
 * by partial ARN (the ARN without its six random characters), in the caller's region; an ARN may name
 * another account's secret. A secret whose recovery window has ended is purged when met ({@link
 * SecretPurge}, audited as the purge job does it), and is not found.
 *
 * <p>Operations write a changed secret with {@link #save}, so that its replicas follow it ({@link
 * ReplicaSync}) with the caller's KMS permissions. A primary written through {@link #repository()}
 * without a caller (the rotation engine's own bookkeeping) is followed too, as Secrets Manager itself
 * for the owning account. {@link #store()} writes without following: for replicas and replication
 * statuses, which the sync writes itself.
 */
final class SecretBook {
  /** How often a change is retried when another call changed the same secret first. */
  private static final int ATTEMPTS = 8;

  /** What follows a secret's change (its replicas). */
  @FunctionalInterface
  interface AfterSave {
    void saved(CallContext ctx, SecretRecord secret);
  }

  /** Who the service acts as when it syncs replicas on its own: {@code secretsmanager.amazonaws.com}. */
  private static final String SERVICE = "secretsmanager";

  private static final String SERVICE_HOST = "secretsmanager.amazonaws.com";

  private final SecretRepository secrets;
  private final SecretRepository following;
  private final Clock clock;
  private final SecretPurge purge;
  private volatile AfterSave afterSave = (ctx, secret) -> {};

  SecretBook(SecretRepository secrets, Clock clock, SecretPurge purge) {
    this.secrets = secrets;
    this.clock = clock;
    this.purge = purge;
    this.following = new FollowingRepository();
  }

  /** Sets what runs after each {@link #save} (once, while the service is built). */
  void afterSave(AfterSave then) {
    this.afterSave = then;
  }

  /**
   * Stores a changed secret (compare-and-swap, as {@link SecretRepository#put}), then brings its
   * replicas up to date.
   */
  void save(CallContext ctx, SecretRecord secret) {
    secrets.put(secret);
    afterSave.saved(ctx, secret);
  }

  Instant now() {
    return clock.instant();
  }

  /** The secrets; a primary {@code put} here is followed by its replicas, as the service. */
  SecretRepository repository() {
    return following;
  }

  /** The secrets, written without replica sync. */
  SecretRepository store() {
    return secrets;
  }

  /** A call of Secrets Manager itself, for the account that owns {@code s}, in its region. */
  private CallContext asService(SecretRecord s) {
    return new CallContext(Principal.root(s.accountId(), SERVICE), s.region(),
        UUID.randomUUID().toString(), SERVICE_HOST, SERVICE_HOST, true, clock.instant());
  }

  /** {@link #secrets} whose puts of a primary with replicas bring the replicas up to date. */
  private final class FollowingRepository implements SecretRepository {
    @Override
    public Optional<SecretRecord> find(String arn) {
      return secrets.find(arn);
    }

    @Override
    public Optional<SecretRecord> findByName(String accountId, String region, String name) {
      return secrets.findByName(accountId, region, name);
    }

    @Override
    public void put(SecretRecord secret) {
      secrets.put(secret);
      if (Replicas.hasReplicas(secret)) {
        afterSave.saved(asService(secret), secret);
      }
    }

    @Override
    public boolean delete(String arn) {
      return secrets.delete(arn);
    }

    @Override
    public List<SecretRecord> list(String accountId, String region) {
      return secrets.list(accountId, region);
    }

    @Override
    public List<SecretRecord> markedForDeletion() {
      return secrets.markedForDeletion();
    }

    @Override
    public List<SecretRecord> listWithRotation() {
      return secrets.listWithRotation();
    }
  }

  /** The secret {@code secretId} names, if any (another account's only by ARN). */
  Optional<SecretRecord> find(CallContext ctx, String secretId) {
    SecretArns.Parts arn = SecretArns.parse(secretId);
    Optional<SecretRecord> found;
    if (arn == null) {
      found = secrets.findByName(ctx.accountId(), ctx.region(), secretId);
    } else if (!arn.region().equals(ctx.region())) {
      found = Optional.empty();
    } else {
      // An ARN may name another account's secret: its resource policy decides (SecretAccess).
      found = secrets.find(secretId);
      if (found.isEmpty()) {
        found = secrets.findByName(arn.accountId(), ctx.region(), arn.resource());
      }
    }
    return found.filter(this::notPurged);
  }

  /** The secrets of the caller's account and region, in name order, purged ones left out. */
  List<SecretRecord> list(CallContext ctx) {
    return secrets.list(ctx.accountId(), ctx.region()).stream().filter(this::notPurged).toList();
  }

  /** Runs {@code change} (which reads, then puts) again while another call wins the race. */
  <T> T retrying(Supplier<T> change) {
    for (int attempt = 1; ; attempt++) {
      try {
        return change.get();
      } catch (StaleRecordException e) {
        if (attempt == ATTEMPTS) {
          throw e;
        }
      }
    }
  }

  private boolean notPurged(SecretRecord s) {
    if (s.deletedDate() == null || s.deletedDate().isAfter(clock.instant())) {
      return true;
    }
    purge.purge(s);
    return false;
  }
}

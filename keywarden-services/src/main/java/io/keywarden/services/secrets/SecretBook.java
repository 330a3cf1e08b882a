package io.keywarden.services.secrets;

import io.keywarden.domain.secret.SecretRecord;
import io.keywarden.domain.storage.SecretRepository;
import io.keywarden.domain.storage.StaleRecordException;
import io.keywarden.services.api.CallContext;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Finds secrets as AWS resolves a {@code SecretId}: by name (in the caller's account), by full ARN, or
 * by partial ARN (the ARN without its six random characters), in the caller's region; an ARN may name
 * another account's secret. A secret whose recovery window has ended is purged when met ({@link
 * SecretPurge}, audited as the purge job does it), and is not found.
 *
 * <p>Operations write a changed secret with {@link #save}, so that its replicas follow it ({@link
 * ReplicaSync}).
 */
final class SecretBook {
  /** How often a change is retried when another call changed the same secret first. */
  private static final int ATTEMPTS = 8;

  /** What follows a secret's change (its replicas). */
  @FunctionalInterface
  interface AfterSave {
    void saved(CallContext ctx, SecretRecord secret);
  }

  private final SecretRepository secrets;
  private final Clock clock;
  private final SecretPurge purge;
  private volatile AfterSave afterSave = (ctx, secret) -> {};

  SecretBook(SecretRepository secrets, Clock clock, SecretPurge purge) {
    this.secrets = secrets;
    this.clock = clock;
    this.purge = purge;
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

  SecretRepository repository() {
    return secrets;
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

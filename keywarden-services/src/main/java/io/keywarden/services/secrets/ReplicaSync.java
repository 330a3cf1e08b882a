package io.keywarden.services.secrets;

import io.keywarden.domain.secret.SecretRecord;
import io.keywarden.domain.secret.SecretReplication;
import io.keywarden.domain.secret.SecretReplication.Replica;
import io.keywarden.domain.secret.SecretVersion;
import io.keywarden.domain.storage.DuplicateRecordException;
import io.keywarden.domain.storage.StaleRecordException;
import io.keywarden.services.api.ApiException;
import io.keywarden.services.api.CallContext;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Keeps replicas in step with their primary, synchronously, in the request that changed the primary:
 * each replica is a secret of its own in the other region (same account and name, the primary's ARN
 * with the other region), with the primary's description, tags, resource policy, versions and staging
 * labels, each version sealed again under a KMS key of that region (the replica's {@code KmsKeyId}, or
 * that region's AWS managed {@code alias/aws/secretsmanager}), with the replica's ARN in the encryption
 * context.
 *
 * <p>A replica is brought to the primary as stored when it is synced (re-read, compare-and-swap), so
 * concurrent changes of the primary converge on its latest state. A version already in the replica
 * keeps its sealed value; only new versions call KMS (Decrypt of the primary's data key, then
 * GenerateDataKey in the replica's region), on the caller's behalf, as the change itself did.
 *
 * <p>A replica that cannot be brought up to date is reported in the primary's {@code
 * ReplicationStatus} as {@code Failed} with a message, and the primary's change stands: the replica's
 * region key disabled or not usable gives Secrets Manager's encryption error message; a secret of the
 * same name in that region that is not the replica gives "Secret with this name already exists in this
 * region" unless {@code ForceOverwriteReplicaSecret} replaces it. Every later change of the primary
 * tries again.
 */
final class ReplicaSync {
  private static final int ATTEMPTS = 8;

  private final SecretBook book;
  private final SecretEnvelope envelope;

  ReplicaSync(SecretBook book, SecretEnvelope envelope) {
    this.book = book;
    this.envelope = envelope;
  }

  /** After a change of {@code s}: its replicas follow (nothing for other secrets). */
  void saved(CallContext ctx, SecretRecord s) {
    if (Replicas.hasReplicas(s)) {
      sync(ctx, s.arn(), Set.of());
    }
  }

  /**
   * Brings every replica of the primary {@code primaryArn} up to date and records their statuses on
   * it; returns the primary as it then is ({@code null} if it is gone).
   *
   * @param overwrite the regions where a secret of the same name may be replaced
   */
  SecretRecord sync(CallContext ctx, String primaryArn, Set<String> overwrite) {
    SecretRecord primary = book.store().find(primaryArn).orElse(null);
    if (primary == null) {
      return null;
    }
    List<Replica> statuses = new ArrayList<>();
    for (Replica r : Replicas.of(primary)) {
      Replica status = syncOne(ctx, primaryArn, r.region(), overwrite.contains(r.region()));
      if (status != null) {
        statuses.add(status);
      }
    }
    return recordStatuses(primaryArn, statuses);
  }

  /** Records the replicas' statuses on the primary, keeping entries removed or added meanwhile. */
  private SecretRecord recordStatuses(String primaryArn, List<Replica> statuses) {
    for (int attempt = 1; ; attempt++) {
      SecretRecord primary = book.store().find(primaryArn).orElse(null);
      if (primary == null) {
        return null;
      }
      SecretRecord updated = primary;
      for (Replica status : statuses) {
        Replica now = Replicas.entry(updated, status.region());
        if (now != null && !now.equals(status)) {
          updated = updated.next().replication(Replicas.with(updated, status.region(), status)).build();
        }
      }
      if (updated == primary) {
        return primary;
      }
      SecretRecord toStore = primary.next().replication(updated.replication()).build();
      try {
        book.store().put(toStore);
        return toStore;
      } catch (StaleRecordException e) {
        if (attempt == ATTEMPTS) {
          throw e;
        }
      }
    }
  }

  /** Brings the replica in {@code region} up to the primary as stored now; returns its status. */
  private Replica syncOne(CallContext ctx, String primaryArn, String region, boolean overwrite) {
    for (int attempt = 1; ; attempt++) {
      SecretRecord primary = book.store().find(primaryArn).orElse(null);
      Replica entry = primary == null ? null : Replicas.entry(primary, region);
      if (entry == null) {
        return null;
      }
      try {
        return syncOnce(ctx, primary, entry, overwrite);
      } catch (StaleRecordException | DuplicateRecordException e) {
        if (attempt == ATTEMPTS) {
          return failed(entry, "Replication failed: the secret kept changing during replication.");
        }
      }
    }
  }

  private Replica syncOnce(CallContext ctx, SecretRecord primary, Replica entry, boolean overwrite) {
    String arn = Replicas.arnIn(primary.arn(), entry.region());
    SecretRecord existing = book.store().find(arn).orElse(null);
    if (existing != null && !isReplicaOf(existing, primary)) {
      // The primary's ARN in that region, but promoted or re-created: not this primary's replica.
      existing = null;
    }
    if (existing == null) {
      SecretRecord taken =
          book.store().findByName(primary.accountId(), entry.region(), primary.name()).orElse(null);
      if (taken != null) {
        if (!overwrite || Replicas.hasReplicas(taken)) {
          return failed(entry, Replicas.NAME_TAKEN);
        }
        book.store().delete(taken.arn());
      }
    }
    List<SecretVersion> versions;
    try {
      versions = versions(ctx, primary, arn, entry, existing);
    } catch (ApiException e) {
      return failed(entry, e.getMessage());
    }
    Instant now = book.now();
    SecretRecord replica = new SecretRecord(arn, primary.accountId(), entry.region(), primary.name(),
        primary.description(), entry.kmsKeyId(), primary.tags(),
        existing == null ? now : existing.createdDate(), primary.lastChangedDate(),
        existing == null ? null : existing.lastAccessedDate(), primary.deletedDate(),
        primary.resourcePolicy(), versions, null,
        new SecretReplication(primary.region(), List.of()),
        existing == null ? 1 : existing.revision());
    if (existing == null) {
      book.store().put(replica);
    } else if (!replica.equals(existing)) {
      book.store().put(new SecretRecord(replica.arn(), replica.accountId(), replica.region(),
          replica.name(), replica.description(), replica.kmsKeyId(), replica.tags(),
          replica.createdDate(), replica.lastChangedDate(), replica.lastAccessedDate(),
          replica.deletedDate(), replica.resourcePolicy(), replica.versions(), replica.rotation(),
          replica.replication(), existing.revision() + 1));
    }
    return new Replica(entry.region(), entry.kmsKeyId(), Replicas.IN_SYNC, Replicas.SUCCEEDED,
        replica.lastAccessedDate());
  }

  /** The primary's versions as the replica holds them: values it has kept, new ones sealed for it. */
  private List<SecretVersion> versions(CallContext ctx, SecretRecord primary, String replicaArn,
      Replica entry, SecretRecord existing) {
    CallContext here = Replicas.inRegion(ctx, primary.region());
    CallContext there = Replicas.inRegion(ctx, entry.region());
    List<SecretVersion> out = new ArrayList<>();
    for (SecretVersion v : primary.versions()) {
      SecretVersion kept = existing == null ? null : existing.version(v.versionId()).orElse(null);
      if (kept != null && (kept.value() != null || v.value() == null)) {
        out.add(new SecretVersion(v.versionId(), v.stages(), v.createdDate(), kept.lastAccessedDate(),
            kept.value()));
        continue;
      }
      if (v.value() == null) {
        // A version RotateSecret made before its value exists (createSecret puts it): no value yet.
        out.add(new SecretVersion(v.versionId(), v.stages(), v.createdDate(), null, null));
        continue;
      }
      byte[] plaintext = envelope.open(here, primary.arn(), v.versionId(), v.value());
      try {
        out.add(new SecretVersion(v.versionId(), v.stages(), v.createdDate(), null,
            envelope.seal(there, entry.kmsKeyId(), replicaArn, v.versionId(), plaintext,
                v.value().binary())));
      } finally {
        Arrays.fill(plaintext, (byte) 0);
      }
    }
    return out;
  }

  private static boolean isReplicaOf(SecretRecord replica, SecretRecord primary) {
    return Replicas.isReplica(replica)
        && replica.replication().primaryRegion().equals(primary.region())
        && replica.name().equals(primary.name());
  }

  private static Replica failed(Replica entry, String message) {
    return new Replica(entry.region(), entry.kmsKeyId(), Replicas.FAILED,
        Objects.requireNonNull(message), entry.lastAccessedDate());
  }

  /**
   * A replica's value was read on {@code day}: the primary's {@code ReplicationStatus} shows it as that
   * replica's {@code LastAccessedDate}. Best effort: a lost race leaves it for the next day's read.
   */
  void accessed(SecretRecord replica, Instant day) {
    String primaryArn = Replicas.arnIn(replica.arn(), replica.replication().primaryRegion());
    SecretRecord primary = book.store().find(primaryArn).orElse(null);
    Replica entry = primary == null ? null : Replicas.entry(primary, replica.region());
    if (entry == null || day.equals(entry.lastAccessedDate())) {
      return;
    }
    Replica seen = new Replica(entry.region(), entry.kmsKeyId(), entry.status(), entry.statusMessage(), day);
    try {
      book.store().put(primary.next().replication(Replicas.with(primary, replica.region(), seen)).build());
    } catch (StaleRecordException e) {
      // The primary changed meanwhile; the next read notes the access.
    }
  }
}

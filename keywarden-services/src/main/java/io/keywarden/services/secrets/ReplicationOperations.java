package io.keywarden.services.secrets;

import static io.keywarden.services.api.JsonInput.isTrue;
import static io.keywarden.services.api.JsonInput.string;
import static io.keywarden.services.api.JsonInput.stringList;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.keywarden.domain.secret.SecretRecord;
import io.keywarden.domain.secret.SecretReplication;
import io.keywarden.domain.secret.SecretReplication.Replica;
import io.keywarden.services.api.CallContext;
import io.keywarden.services.api.JsonInput;
import io.keywarden.services.api.JsonOutput;
import io.keywarden.services.api.OperationTable;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * ReplicateSecretToRegions, RemoveRegionsFromReplication and StopReplicationToReplica, and the {@code
 * AddReplicaRegions} of CreateSecret: a primary lists its replicas (region, KMS key, status) and {@link
 * ReplicaSync} makes and keeps each one. Removing a region deletes its replica at once; stopping
 * replication, called in the replica's region, promotes the replica to a standalone secret.
 */
final class ReplicationOperations {
  private final SecretBook book;
  private final SecretValueOperations values;
  private final ReplicaSync sync;

  ReplicationOperations(SecretBook book, SecretValueOperations values, ReplicaSync sync) {
    this.book = book;
    this.values = values;
    this.sync = sync;
  }

  void register(OperationTable table) {
    table
        .blocking("ReplicateSecretToRegions", this::replicate)
        .blocking("RemoveRegionsFromReplication", this::remove)
        .blocking("StopReplicationToReplica", this::stop);
  }

  /** A request's {@code AddReplicaRegions}, new entries {@code InProgress}; empty if it has none. */
  static List<Replica> requested(ObjectNode in, String ownRegion) {
    List<Replica> out = new ArrayList<>();
    Set<String> seen = new LinkedHashSet<>();
    for (ObjectNode r : JsonInput.objectList(in, "AddReplicaRegions")) {
      String region = string(r, "Region");
      if (!Replicas.isValidRegion(region)) {
        throw SecretsErrors.invalidParameter("Invalid replica region.");
      }
      if (region.equals(ownRegion)) {
        throw SecretsErrors.invalidParameter("Invalid replica region.");
      }
      if (seen.add(region)) {
        out.add(new Replica(region, string(r, "KmsKeyId"), Replicas.IN_PROGRESS, null, null));
      }
    }
    return out;
  }

  /** The condition keys of a request that adds replicas. */
  static void conditionKeys(Map<String, List<String>> keys, List<Replica> added, boolean force) {
    if (!added.isEmpty()) {
      keys.put("secretsmanager:addreplicaregions", added.stream().map(Replica::region).toList());
      keys.put("secretsmanager:forceoverwritereplicasecret", List.of(Boolean.toString(force)));
    }
  }

  /** The regions of {@code added} where an existing secret of the same name may be replaced. */
  static Set<String> overwritable(List<Replica> added, boolean force) {
    return force ? Set.copyOf(added.stream().map(Replica::region).toList()) : Set.of();
  }

  /**
   * {@code s}'s replication with {@code added} listed (regions it replicates to already are kept as
   * they are); {@code s.replication()} itself if nothing is new.
   */
  static SecretReplication adding(SecretRecord s, List<Replica> added) {
    List<Replica> list = new ArrayList<>(Replicas.of(s));
    for (Replica r : added) {
      if (Replicas.entry(s, r.region()) == null) {
        list.add(r);
      }
    }
    return list.size() == Replicas.of(s).size() ? s.replication()
        : new SecretReplication(s.region(), list);
  }

  ObjectNode replicate(CallContext ctx, ObjectNode in) {
    List<Replica> added = requested(in, ctx.region());
    boolean force = isTrue(in, "ForceOverwriteReplicaSecret");
    var keys = SecretAccess.keys();
    conditionKeys(keys, added, force);
    SecretRecord s = book.retrying(() -> {
      SecretRecord p = values.locate(ctx, string(in, "SecretId"), "ReplicateSecretToRegions", keys, false);
      SecretReplication next = adding(p, added);
      if (next != p.replication()) {
        book.store().put(p.next().replication(next).build());
      }
      return p;
    });
    SecretRecord after = sync.sync(ctx, s.arn(), overwritable(added, force));
    ObjectNode out = JsonOutput.object();
    out.put("ARN", s.arn());
    SecretViews.replicationStatus(out, after == null ? s : after);
    return out;
  }

  ObjectNode remove(CallContext ctx, ObjectNode in) {
    List<String> regions = stringList(in, "RemoveReplicaRegions");
    for (String region : regions) {
      if (!Replicas.isValidRegion(region)) {
        throw SecretsErrors.invalidParameter("Invalid replica region.");
      }
    }
    List<String> removed = new ArrayList<>();
    SecretRecord after = book.retrying(() -> {
      removed.clear();
      SecretRecord p = values.locate(ctx, string(in, "SecretId"), "RemoveRegionsFromReplication",
          SecretAccess.keys(), false);
      SecretRecord next = p;
      for (String region : regions) {
        if (Replicas.entry(next, region) != null) {
          next = next.next().replication(Replicas.with(next, region, null)).build();
          removed.add(region);
        }
      }
      if (next == p) {
        return p;
      }
      SecretRecord stored = p.next().replication(next.replication()).lastChangedDate(book.now()).build();
      book.store().put(stored);
      return stored;
    });
    for (String region : removed) {
      String arn = Replicas.arnIn(after.arn(), region);
      book.store().find(arn)
          .filter(r -> Replicas.isReplica(r) && r.replication().primaryRegion().equals(after.region()))
          .ifPresent(r -> book.store().delete(r.arn()));
    }
    ObjectNode out = JsonOutput.object();
    out.put("ARN", after.arn());
    SecretViews.replicationStatus(out, after);
    return out;
  }

  ObjectNode stop(CallContext ctx, ObjectNode in) {
    SecretRecord promoted = book.retrying(() -> {
      SecretRecord r = values.locate(ctx, string(in, "SecretId"), "StopReplicationToReplica",
          SecretAccess.keys(), false);
      if (!Replicas.isReplica(r)) {
        throw SecretsErrors.invalidParameter("The secret " + r.arn() + " is not a replica secret."
            + " Call StopReplicationToReplica in the Region of a replica.");
      }
      SecretRecord standalone = r.next().replication(null).lastChangedDate(book.now()).build();
      book.store().put(standalone);
      return r;
    });
    String primaryRegion = promoted.replication().primaryRegion();
    String primaryArn = Replicas.arnIn(promoted.arn(), primaryRegion);
    book.retrying(() -> {
      SecretRecord p = book.store().find(primaryArn).orElse(null);
      if (p != null && Replicas.entry(p, promoted.region()) != null) {
        book.store().put(p.next().replication(Replicas.with(p, promoted.region(), null)).build());
      }
      return null;
    });
    return JsonOutput.object().put("ARN", promoted.arn());
  }
}

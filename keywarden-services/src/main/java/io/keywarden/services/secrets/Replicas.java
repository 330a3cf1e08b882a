package io.keywarden.services.secrets;

import io.keywarden.domain.secret.SecretRecord;
import io.keywarden.domain.secret.SecretReplication;
import io.keywarden.services.api.CallContext;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * What replication means for a secret's record: a replica is a secret whose {@code PrimaryRegion} is
 * not its own region, and has the primary's ARN with its own region (AWS keeps the same name and six
 * random characters: "The ARN for a replicated secret is the same as the primary secret except for the
 * Region", Secrets Manager User Guide, replicate-secrets).
 */
final class Replicas {
  /** {@code ReplicationStatusType.Status}. */
  static final String IN_SYNC = "InSync";

  static final String FAILED = "Failed";
  static final String IN_PROGRESS = "InProgress";
  /** The status message AWS shows for a replica in sync. */
  static final String SUCCEEDED = "Replication succeeded";
  /** The message the model gives as the example of a failed replica ({@code StatusMessageType}). */
  static final String NAME_TAKEN = "Secret with this name already exists in this region";

  /** The model's {@code RegionType} pattern. */
  private static final Pattern REGION = Pattern.compile("([a-z]+-)+\\d+");

  private Replicas() {}

  /** Whether {@code s} is a read-only replica of a primary in another region. */
  static boolean isReplica(SecretRecord s) {
    return s.replication() != null && !s.replication().primaryRegion().equals(s.region());
  }

  /** Whether {@code s} is a primary with at least one replica. */
  static boolean hasReplicas(SecretRecord s) {
    return s.replication() != null && !isReplica(s) && !s.replication().replicas().isEmpty();
  }

  /** The replicas of a primary (empty for any other secret). */
  static List<SecretReplication.Replica> of(SecretRecord s) {
    return s.replication() == null || isReplica(s) ? List.of() : s.replication().replicas();
  }

  /** The replica entry for {@code region}, or {@code null}. */
  static SecretReplication.Replica entry(SecretRecord primary, String region) {
    for (SecretReplication.Replica r : of(primary)) {
      if (r.region().equals(region)) {
        return r;
      }
    }
    return null;
  }

  /** The primary's replication with {@code region}'s entry replaced by {@code r} (or removed when null). */
  static SecretReplication with(SecretRecord primary, String region, SecretReplication.Replica r) {
    List<SecretReplication.Replica> out = new ArrayList<>(of(primary));
    boolean found = false;
    for (int i = 0; i < out.size(); i++) {
      if (out.get(i).region().equals(region)) {
        found = true;
        if (r == null) {
          out.remove(i);
        } else {
          out.set(i, r);
        }
        break;
      }
    }
    if (!found && r != null) {
      out.add(r);
    }
    return out.isEmpty() ? null : new SecretReplication(primary.region(), out);
  }

  /** The ARN of {@code arn}'s secret in {@code region} (same account, name and random characters). */
  static String arnIn(String arn, String region) {
    SecretArns.Parts p = SecretArns.parse(arn);
    return SecretArns.prefix(p.accountId(), region) + p.resource();
  }

  static boolean isValidRegion(String region) {
    return region != null && region.length() <= 128 && REGION.matcher(region).matches();
  }

  /** {@code ctx} as a call in {@code region}: KMS then resolves keys (and the AWS managed key) there. */
  static CallContext inRegion(CallContext ctx, String region) {
    if (ctx.region().equals(region)) {
      return ctx;
    }
    return new CallContext(ctx.principal(), region, ctx.requestId(), ctx.sourceIp(), ctx.userAgent(),
        ctx.secureTransport(), ctx.receivedAt(), ctx.viaService());
  }
}

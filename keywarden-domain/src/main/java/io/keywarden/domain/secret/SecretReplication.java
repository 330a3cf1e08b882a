package io.keywarden.domain.secret;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A secret's place in replication: a primary with its replicas, or a replica of a primary in
 * another region. A secret never replicated has none ({@code null} in {@link
 * SecretRecord#replication()}).
 *
 * @param primaryRegion the primary's region ({@code PrimaryRegion}); a secret whose own region
 *     differs is a read-only replica
 * @param replicas on a primary, the status of each replica ({@code ReplicationStatus}); empty on a
 *     replica
 */
public record SecretReplication(String primaryRegion, List<Replica> replicas) {
  public SecretReplication {
    Objects.requireNonNull(primaryRegion, "primaryRegion");
    replicas = List.copyOf(replicas);
  }

  /**
   * One replica of a primary, as {@code ReplicationStatusType} reports it.
   *
   * @param region the replica's region
   * @param kmsKeyId the key its values are encrypted under there, as given; {@code null} for the
   *     AWS managed key of that region
   * @param status {@code InSync}, {@code Failed} or {@code InProgress}
   * @param statusMessage why it failed, or {@code null}
   * @param lastAccessedDate the day the replica's value was last read, or {@code null}
   */
  public record Replica(
      String region, String kmsKeyId, String status, String statusMessage, Instant lastAccessedDate) {
    public Replica {
      Objects.requireNonNull(region, "region");
      Objects.requireNonNull(status, "status");
    }
  }
}

package io.keywarden.domain.secret;

import io.keywarden.domain.key.Tag;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A secret: its metadata and every version it keeps. Stored as a whole and replaced by
 * compare-and-swap on {@link #revision} (1 for a new secret).
 *
 * @param arn the secret's ARN, its name followed by {@code -} and AWS's six random characters
 * @param accountId the owning account
 * @param region the region
 * @param name the secret's name, unique in its account and region
 * @param description or {@code null}
 * @param kmsKeyId the key named at creation or by UpdateSecret, as given; {@code null} for the AWS
 *     managed key {@code alias/aws/secretsmanager}
 * @param tags in the order they were added
 * @param createdDate when it was created
 * @param lastChangedDate when it or its value last changed
 * @param lastAccessedDate the day its value was last read, or {@code null}
 * @param deletedDate when it is to be deleted (scheduled by DeleteSecret), or {@code null}
 * @param resourcePolicy its resource policy (JSON, as given to PutResourcePolicy), or {@code null}
 * @param versions its versions, oldest first
 * @param rotation its rotation configuration and history, or {@code null} if never configured
 * @param replication its replication (primary or replica), or {@code null} if never replicated
 * @param revision the stored revision
 */
public record SecretRecord(
    String arn,
    String accountId,
    String region,
    String name,
    String description,
    String kmsKeyId,
    List<Tag> tags,
    Instant createdDate,
    Instant lastChangedDate,
    Instant lastAccessedDate,
    Instant deletedDate,
    String resourcePolicy,
    List<SecretVersion> versions,
    SecretRotation rotation,
    SecretReplication replication,
    long revision) {
  public SecretRecord {
    Objects.requireNonNull(arn, "arn");
    Objects.requireNonNull(accountId, "accountId");
    Objects.requireNonNull(region, "region");
    Objects.requireNonNull(name, "name");
    tags = List.copyOf(tags);
    Objects.requireNonNull(createdDate, "createdDate");
    Objects.requireNonNull(lastChangedDate, "lastChangedDate");
    versions = List.copyOf(versions);
    if (revision < 1) {
      throw new IllegalArgumentException("revision must be at least 1");
    }
  }

  /** The version with {@code stage}, if any. */
  public Optional<SecretVersion> versionAt(String stage) {
    return versions.stream().filter(v -> v.hasStage(stage)).findFirst();
  }

  public Optional<SecretVersion> version(String versionId) {
    return versions.stream().filter(v -> v.versionId().equals(versionId)).findFirst();
  }

  /** A builder holding this record's fields, for the next revision. */
  public Builder next() {
    return new Builder(this);
  }

  /** Copies a record, changes some fields, and builds it with the next revision. */
  public static final class Builder {
    private final SecretRecord from;
    private String description;
    private String kmsKeyId;
    private List<Tag> tags;
    private Instant lastChangedDate;
    private Instant lastAccessedDate;
    private Instant deletedDate;
    private String resourcePolicy;
    private List<SecretVersion> versions;
    private SecretRotation rotation;
    private SecretReplication replication;

    private Builder(SecretRecord from) {
      this.from = from;
      this.description = from.description;
      this.kmsKeyId = from.kmsKeyId;
      this.tags = from.tags;
      this.lastChangedDate = from.lastChangedDate;
      this.lastAccessedDate = from.lastAccessedDate;
      this.deletedDate = from.deletedDate;
      this.resourcePolicy = from.resourcePolicy;
      this.versions = from.versions;
      this.rotation = from.rotation;
      this.replication = from.replication;
    }

    public Builder description(String value) {
      this.description = value;
      return this;
    }

    public Builder kmsKeyId(String value) {
      this.kmsKeyId = value;
      return this;
    }

    public Builder tags(List<Tag> value) {
      this.tags = value;
      return this;
    }

    public Builder lastChangedDate(Instant value) {
      this.lastChangedDate = value;
      return this;
    }

    public Builder lastAccessedDate(Instant value) {
      this.lastAccessedDate = value;
      return this;
    }

    public Builder deletedDate(Instant value) {
      this.deletedDate = value;
      return this;
    }

    public Builder resourcePolicy(String value) {
      this.resourcePolicy = value;
      return this;
    }

    public Builder versions(List<SecretVersion> value) {
      this.versions = value;
      return this;
    }

    public Builder rotation(SecretRotation value) {
      this.rotation = value;
      return this;
    }

    public Builder replication(SecretReplication value) {
      this.replication = value;
      return this;
    }

    public SecretRecord build() {
      return new SecretRecord(from.arn, from.accountId, from.region, from.name, description, kmsKeyId,
          tags, from.createdDate, lastChangedDate, lastAccessedDate, deletedDate, resourcePolicy, versions,
          rotation, replication, from.revision + 1);
    }
  }
}

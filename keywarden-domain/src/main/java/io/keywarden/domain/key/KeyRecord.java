package io.keywarden.domain.key;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A KMS key as stored: metadata and wrapped material versions. Holds no plaintext key material.
 *
 * <p>Immutable; a change is a new record with {@code revision + 1}, saved by compare-and-swap
 * ({@link io.keywarden.domain.storage.KeyRepository#update}). Use {@link #toBuilder()} to derive one.
 *
 * @param deletionDate when a key in {@link KeyState#PendingDeletion} is deleted; else {@code null}
 * @param pendingWindowDays the deletion window chosen by ScheduleKeyDeletion; else {@code null}
 * @param policy the key policy document (the only policy name is {@code default})
 * @param materials every material version, oldest first; the current one is {@link
 *     #currentMaterialId}
 * @param onDemandRotations how many on-demand rotations this key has had (AWS limits them)
 */
public record KeyRecord(
    String keyId,
    String accountId,
    String region,
    String description,
    KeySpec keySpec,
    KeyUsage keyUsage,
    Origin origin,
    KeyManager keyManager,
    KeyState state,
    Instant creationDate,
    Instant deletionDate,
    Integer pendingWindowDays,
    String policy,
    List<Tag> tags,
    RotationSchedule rotation,
    List<MaterialVersion> materials,
    String currentMaterialId,
    int onDemandRotations,
    long revision) {

  public KeyRecord {
    Objects.requireNonNull(keyId, "keyId");
    Objects.requireNonNull(accountId, "accountId");
    Objects.requireNonNull(region, "region");
    Objects.requireNonNull(description, "description");
    Objects.requireNonNull(keySpec, "keySpec");
    Objects.requireNonNull(keyUsage, "keyUsage");
    Objects.requireNonNull(origin, "origin");
    Objects.requireNonNull(keyManager, "keyManager");
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(creationDate, "creationDate");
    Objects.requireNonNull(policy, "policy");
    tags = List.copyOf(tags);
    Objects.requireNonNull(rotation, "rotation");
    materials = List.copyOf(materials);
    if (currentMaterialId != null
        && materials.stream().noneMatch(m -> m.materialId().equals(currentMaterialId))) {
      throw new IllegalArgumentException("current material is not among the key's materials");
    }
  }

  /** The key ARN, {@code arn:aws:kms:<region>:<account>:key/<key-id>}. */
  public String arn() {
    return KeyArns.keyArn(region, accountId, keyId);
  }

  public boolean enabled() {
    return state == KeyState.Enabled;
  }

  public Optional<MaterialVersion> material(String materialId) {
    for (MaterialVersion m : materials) {
      if (m.materialId().equals(materialId)) {
        return Optional.of(m);
      }
    }
    return Optional.empty();
  }

  public Optional<MaterialVersion> currentMaterial() {
    return currentMaterialId == null ? Optional.empty() : material(currentMaterialId);
  }

  public Builder toBuilder() {
    return new Builder(this);
  }

  /** Derives a changed record; {@link #build()} increments the revision. */
  public static final class Builder {
    private final KeyRecord from;
    private String description;
    private KeyState state;
    private Instant deletionDate;
    private Integer pendingWindowDays;
    private String policy;
    private List<Tag> tags;
    private RotationSchedule rotation;
    private List<MaterialVersion> materials;
    private String currentMaterialId;
    private int onDemandRotations;

    private Builder(KeyRecord from) {
      this.from = from;
      this.description = from.description;
      this.state = from.state;
      this.deletionDate = from.deletionDate;
      this.pendingWindowDays = from.pendingWindowDays;
      this.policy = from.policy;
      this.tags = from.tags;
      this.rotation = from.rotation;
      this.materials = from.materials;
      this.currentMaterialId = from.currentMaterialId;
      this.onDemandRotations = from.onDemandRotations;
    }

    public Builder description(String v) {
      this.description = v;
      return this;
    }

    public Builder state(KeyState v) {
      this.state = v;
      return this;
    }

    public Builder deletion(Instant date, Integer windowDays) {
      this.deletionDate = date;
      this.pendingWindowDays = windowDays;
      return this;
    }

    public Builder policy(String v) {
      this.policy = v;
      return this;
    }

    public Builder tags(List<Tag> v) {
      this.tags = v;
      return this;
    }

    public Builder rotation(RotationSchedule v) {
      this.rotation = v;
      return this;
    }

    public Builder materials(List<MaterialVersion> v, String currentId) {
      this.materials = v;
      this.currentMaterialId = currentId;
      return this;
    }

    public Builder onDemandRotations(int v) {
      this.onDemandRotations = v;
      return this;
    }

    public KeyRecord build() {
      return new KeyRecord(
          from.keyId,
          from.accountId,
          from.region,
          description,
          from.keySpec,
          from.keyUsage,
          from.origin,
          from.keyManager,
          state,
          from.creationDate,
          deletionDate,
          pendingWindowDays,
          policy,
          tags,
          rotation,
          materials,
          currentMaterialId,
          onDemandRotations,
          from.revision + 1);
    }
  }
}

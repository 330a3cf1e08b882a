package io.keywarden.domain.secret;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One version of a secret.
 *
 * @param versionId the version's id (the {@code ClientRequestToken} that created it)
 * @param stages its staging labels ({@code AWSCURRENT}, {@code AWSPREVIOUS}, custom ones), in the order
 *     they were attached; empty for a deprecated version
 * @param createdDate when it was created
 * @param lastAccessedDate the day its value was last read, or {@code null}
 * @param value its encrypted value; {@code null} for the empty version RotateSecret labels {@code
 *     AWSPENDING} before the rotation function's {@code createSecret} step gives it a value
 */
public record SecretVersion(
    String versionId,
    List<String> stages,
    Instant createdDate,
    Instant lastAccessedDate,
    EncryptedSecretValue value) {
  public SecretVersion {
    Objects.requireNonNull(versionId, "versionId");
    stages = List.copyOf(stages);
    Objects.requireNonNull(createdDate, "createdDate");
  }

  /** Whether the version holds a value (every version but a rotation's empty AWSPENDING one). */
  public boolean hasValue() {
    return value != null;
  }

  public boolean hasStage(String stage) {
    return stages.contains(stage);
  }

  public SecretVersion withStages(List<String> newStages) {
    return new SecretVersion(versionId, newStages, createdDate, lastAccessedDate, value);
  }

  public SecretVersion withLastAccessedDate(Instant when) {
    return new SecretVersion(versionId, stages, createdDate, when, value);
  }
}

package io.keywarden.services.secrets.rotation;

import java.util.Objects;

/**
 * What a rotation function receives for one step: the JSON event a Lambda rotation function gets,
 * {@code {"SecretId": .., "ClientRequestToken": .., "Step": ..}}.
 *
 * @param secretId the secret's ARN
 * @param clientRequestToken the version ID of the new (AWSPENDING) version
 * @param step the step to run
 */
public record RotationEvent(String secretId, String clientRequestToken, RotationStep step) {
  public RotationEvent {
    Objects.requireNonNull(secretId, "secretId");
    Objects.requireNonNull(clientRequestToken, "clientRequestToken");
    Objects.requireNonNull(step, "step");
  }
}

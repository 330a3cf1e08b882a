package io.keywarden.services.secrets.rotation;

/**
 * A rotation function, as a secret's {@code RotationLambdaARN} names it: runs one step of the rotation
 * protocol. An HTTP function receives the event as JSON and calls back through the public API with its
 * own credentials; a managed rotator works through {@link RotationSecrets}.
 */
public interface RotationFunction {
  /**
   * Runs one step.
   *
   * @throws RotationFailedException if the step failed; its message is what the failure report
   *     (DescribeSecret, the audit log) shows, so it must never hold a secret value
   */
  void invoke(RotationEvent event) throws RotationFailedException;
}

package io.keywarden.domain.secret;

import java.time.Instant;
import java.util.Objects;

/**
 * A secret's rotation configuration and history, as DescribeSecret reports it, and the state of the
 * rotation in progress. A secret that was never configured for rotation has none ({@code null} in
 * {@link SecretRecord#rotation()}).
 *
 * @param enabled whether rotation is on ({@code RotationEnabled}); CancelRotateSecret turns it off
 *     and keeps the rest
 * @param lambdaArn the rotation function's ARN ({@code RotationLambdaARN}), or {@code null}
 * @param automaticallyAfterDays {@code RotationRules.AutomaticallyAfterDays}, or {@code null}
 * @param scheduleExpression {@code RotationRules.ScheduleExpression} ({@code rate()} or {@code
 *     cron()}), or {@code null}
 * @param duration {@code RotationRules.Duration} (for example {@code 3h}), or {@code null}
 * @param lastRotatedDate when a rotation last finished, or {@code null}
 * @param nextRotationDate the end of the next rotation window ({@code NextRotationDate}: the rotation
 *     happens on or before it), or {@code null}
 * @param windowStart the start of the next rotation window, from when the scheduler rotates, or
 *     {@code null}
 * @param leaseUntil while a node runs a rotation of this secret, until when the others leave it alone
 *     (a node that dies mid-rotation loses it then); {@code null} when no rotation runs
 * @param lastFailure how the last rotation attempt failed, or {@code null} if it did not
 * @param failedAttempts how many attempts in a row failed (0 after a success)
 */
public record SecretRotation(
    boolean enabled,
    String lambdaArn,
    Long automaticallyAfterDays,
    String scheduleExpression,
    String duration,
    Instant lastRotatedDate,
    Instant nextRotationDate,
    Instant windowStart,
    Instant leaseUntil,
    Failure lastFailure,
    int failedAttempts) {
  public SecretRotation {
    if (failedAttempts < 0) {
      throw new IllegalArgumentException("failedAttempts must not be negative");
    }
  }

  /** A configuration without window, lease or failure. */
  public SecretRotation(boolean enabled, String lambdaArn, Long automaticallyAfterDays,
      String scheduleExpression, String duration, Instant lastRotatedDate, Instant nextRotationDate) {
    this(enabled, lambdaArn, automaticallyAfterDays, scheduleExpression, duration, lastRotatedDate,
        nextRotationDate, null, null, null, 0);
  }

  /**
   * How a rotation attempt failed. Never holds a secret value: the message is what the rotation
   * function or Keywarden reported, shown to users and auditors.
   *
   * @param step the step that failed ({@code createSecret}, {@code setSecret}, {@code testSecret},
   *     {@code finishSecret})
   * @param message why
   * @param date when
   */
  public record Failure(String step, String message, Instant date) {
    public Failure {
      Objects.requireNonNull(step, "step");
      Objects.requireNonNull(message, "message");
      Objects.requireNonNull(date, "date");
    }
  }

  /** A copy with a new lease ({@code null}: none). */
  public SecretRotation withLease(Instant until) {
    return new SecretRotation(enabled, lambdaArn, automaticallyAfterDays, scheduleExpression, duration,
        lastRotatedDate, nextRotationDate, windowStart, until, lastFailure, failedAttempts);
  }

  /** A copy with rotation turned on or off. */
  public SecretRotation withEnabled(boolean on) {
    return new SecretRotation(on, lambdaArn, automaticallyAfterDays, scheduleExpression, duration,
        lastRotatedDate, nextRotationDate, windowStart, leaseUntil, lastFailure, failedAttempts);
  }

  /** A copy after a failed attempt: the failure recorded, the lease released. */
  public SecretRotation failed(Failure failure) {
    return new SecretRotation(enabled, lambdaArn, automaticallyAfterDays, scheduleExpression, duration,
        lastRotatedDate, nextRotationDate, windowStart, null, failure, failedAttempts + 1);
  }

  /** A copy after a successful rotation: the dates and next window set, no lease, no failure. */
  public SecretRotation succeeded(Instant rotated, Instant nextWindowStart, Instant nextWindowEnd) {
    return new SecretRotation(enabled, lambdaArn, automaticallyAfterDays, scheduleExpression, duration,
        rotated, nextWindowEnd, nextWindowStart, null, null, 0);
  }
}

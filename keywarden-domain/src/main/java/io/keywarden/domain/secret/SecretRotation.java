package io.keywarden.domain.secret;

import java.time.Instant;

/**
 * A secret's rotation configuration and history, as DescribeSecret reports it. A secret that was
 * never configured for rotation has none ({@code null} in {@link SecretRecord#rotation()}).
 *
 * @param enabled whether rotation is on ({@code RotationEnabled}); CancelRotateSecret turns it off
 *     and keeps the rest
 * @param lambdaArn the rotation function's ARN ({@code RotationLambdaARN}), or {@code null}
 * @param automaticallyAfterDays {@code RotationRules.AutomaticallyAfterDays}, or {@code null}
 * @param scheduleExpression {@code RotationRules.ScheduleExpression} ({@code rate()} or {@code
 *     cron()}), or {@code null}
 * @param duration {@code RotationRules.Duration} (for example {@code 3h}), or {@code null}
 * @param lastRotatedDate when a rotation last finished, or {@code null}
 * @param nextRotationDate when the scheduler rotates next, or {@code null}
 */
public record SecretRotation(
    boolean enabled,
    String lambdaArn,
    Long automaticallyAfterDays,
    String scheduleExpression,
    String duration,
    Instant lastRotatedDate,
    Instant nextRotationDate) {}

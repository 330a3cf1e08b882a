package io.keywarden.storage.codec;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.keywarden.domain.secret.SecretRotation;
import java.time.Instant;

/**
 * The {@code rotation} part of a stored secret: {@code {enabled, lambdaArn?, automaticallyAfterDays?,
 * scheduleExpression?, duration?, lastRotatedDate?, nextRotationDate?, windowStart?, leaseUntil?,
 * lastFailure?: {step, message, date}, failedAttempts?}}; absent when the secret was never configured
 * for rotation. Documents written before the window, lease and failure existed read without them.
 */
final class SecretRotationJson {
  private SecretRotationJson() {}

  static void put(ObjectNode doc, String name, SecretRotation r) {
    if (r == null) {
      return;
    }
    ObjectNode n = doc.putObject(name);
    n.put("enabled", r.enabled());
    text(n, "lambdaArn", r.lambdaArn());
    if (r.automaticallyAfterDays() != null) {
      n.put("automaticallyAfterDays", r.automaticallyAfterDays());
    }
    text(n, "scheduleExpression", r.scheduleExpression());
    text(n, "duration", r.duration());
    instant(n, "lastRotatedDate", r.lastRotatedDate());
    instant(n, "nextRotationDate", r.nextRotationDate());
    instant(n, "windowStart", r.windowStart());
    instant(n, "leaseUntil", r.leaseUntil());
    if (r.lastFailure() != null) {
      ObjectNode f = n.putObject("lastFailure");
      f.put("step", r.lastFailure().step());
      f.put("message", r.lastFailure().message());
      f.put("date", StoredInstants.toText(r.lastFailure().date()));
    }
    if (r.failedAttempts() != 0) {
      n.put("failedAttempts", r.failedAttempts());
    }
  }

  static SecretRotation get(Fields doc, String name) {
    if (!doc.has(name)) {
      return null;
    }
    Fields f = doc.object(name);
    return new SecretRotation(
        f.bool("enabled"),
        f.optionalText("lambdaArn"),
        f.optionalLongInteger("automaticallyAfterDays"),
        f.optionalText("scheduleExpression"),
        f.optionalText("duration"),
        f.optionalInstant("lastRotatedDate"),
        f.optionalInstant("nextRotationDate"),
        f.optionalInstant("windowStart"),
        f.optionalInstant("leaseUntil"),
        failure(f),
        f.has("failedAttempts") ? f.optionalInteger("failedAttempts") : 0);
  }

  private static SecretRotation.Failure failure(Fields f) {
    if (!f.has("lastFailure")) {
      return null;
    }
    Fields n = f.object("lastFailure");
    return new SecretRotation.Failure(n.text("step"), n.text("message"), n.instant("date"));
  }

  private static void text(ObjectNode n, String name, String value) {
    if (value != null) {
      n.put(name, value);
    }
  }

  private static void instant(ObjectNode n, String name, Instant value) {
    if (value != null) {
      n.put(name, StoredInstants.toText(value));
    }
  }
}

package io.keywarden.storage.codec;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.keywarden.domain.secret.SecretRotation;
import java.time.Instant;

/**
 * The {@code rotation} part of a stored secret: {@code {enabled, lambdaArn?, automaticallyAfterDays?,
 * scheduleExpression?, duration?, lastRotatedDate?, nextRotationDate?}}; absent when the secret was
 * never configured for rotation.
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
        f.optionalInstant("nextRotationDate"));
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

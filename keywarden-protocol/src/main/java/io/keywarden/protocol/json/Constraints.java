package io.keywarden.protocol.json;

import java.util.List;

/** The constraint texts of AWS's {@code ValidationException} messages. */
final class Constraints {
  static final String NOT_NULL = "Member must not be null";

  private Constraints() {}

  static String lengthAtMost(long max) {
    return "Member must have length less than or equal to " + max;
  }

  static String lengthAtLeast(long min) {
    return "Member must have length greater than or equal to " + min;
  }

  /** {@code bound} as the model writes it (e.g. {@code 1024}, {@code 1.0}). */
  static String valueAtMost(String bound) {
    return "Member must have value less than or equal to " + bound;
  }

  static String valueAtLeast(String bound) {
    return "Member must have value greater than or equal to " + bound;
  }

  static String pattern(String pattern) {
    return "Member must satisfy regular expression pattern: " + pattern;
  }

  static String enumSet(List<String> values) {
    return "Member must satisfy enum value set: " + bracketed(values);
  }

  /** {@code [a, b, c]}, as Java prints a list. */
  static String bracketed(List<String> parts) {
    return "[" + String.join(", ", parts) + "]";
  }

  /** Joins the parts of a collection member's constraint list; {@code null} when there are none. */
  static String list(List<String> parts) {
    return parts.isEmpty() ? null : String.join(", ", parts);
  }
}

package io.keywarden.protocol.json;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * An {@code integer}, {@code long}, {@code float} or {@code double} shape with its optional {@code
 * min}/{@code max} value. A fractional number sent for an integer member is truncated, as AWS does;
 * one beyond the member type's range is a {@code SerializationException}.
 */
final class NumberShape extends ScalarShape {

  /** The model's numeric types. */
  enum Kind {
    INTEGER("an Integer", true),
    LONG("an Long", true),
    FLOAT("a Float", false),
    DOUBLE("a Double", false);

    private final String target;
    private final boolean integral;

    Kind(String target, boolean integral) {
      this.target = target;
      this.integral = integral;
    }
  }

  private final Kind kind;
  private final JsonNode min;
  private final JsonNode max;
  private final String minText;
  private final String maxText;
  private final String constraintList;

  /**
   * @param min the model's minimum as written there, or {@code null}
   * @param max the model's maximum, or {@code null}
   */
  NumberShape(String name, boolean sensitive, Kind kind, JsonNode min, JsonNode max) {
    super(name, sensitive);
    this.kind = kind;
    this.min = min;
    this.max = max;
    this.minText = min == null ? null : Constraints.valueAtLeast(min.asText());
    this.maxText = max == null ? null : Constraints.valueAtMost(max.asText());
    List<String> all = new ArrayList<>(2);
    if (maxText != null) {
      all.add(maxText);
    }
    if (minText != null) {
      all.add(minText);
    }
    this.constraintList = Constraints.list(all);
  }

  @Override
  void checkType(JsonNode value) {
    if (!value.isNumber()) {
      throw TypeMismatch.scalar(value, kind.target);
    }
    if (kind.integral) {
      if (value.isIntegralNumber() ? !value.canConvertToLong() : !fitsLong(value.doubleValue())) {
        throw TypeMismatch.serialization(null);
      }
      long v = integral(value);
      if (kind == Kind.INTEGER && (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE)) {
        throw TypeMismatch.serialization(null);
      }
    }
  }

  private static boolean fitsLong(double d) {
    return Double.isFinite(d) && d > -9.2e18 && d < 9.2e18;
  }

  private static long integral(JsonNode value) {
    return value.isIntegralNumber() ? value.longValue() : (long) value.doubleValue();
  }

  @Override
  void checkConstraints(JsonNode value, Validation validation) {
    if (constraintList == null) {
      return;
    }
    if (max != null && above(value)) {
      validation.fail(this, value, maxText);
    }
    if (min != null && below(value)) {
      validation.fail(this, value, minText);
    }
  }

  @Override
  boolean violates(JsonNode value) {
    return (max != null && above(value)) || (min != null && below(value));
  }

  private boolean above(JsonNode value) {
    return kind.integral && max.canConvertToLong()
        ? integral(value) > max.longValue()
        : value.doubleValue() > max.doubleValue();
  }

  private boolean below(JsonNode value) {
    return kind.integral && min.canConvertToLong()
        ? integral(value) < min.longValue()
        : value.doubleValue() < min.doubleValue();
  }

  @Override
  String constraintList() {
    return constraintList;
  }

  @Override
  String render(JsonNode value) {
    return kind.integral && value.isNumber() ? Long.toString(integral(value)) : value.asText();
  }
}

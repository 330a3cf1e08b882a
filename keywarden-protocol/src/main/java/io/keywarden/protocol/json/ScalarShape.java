package io.keywarden.protocol.json;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A shape whose values are JSON scalars. Inside lists and maps, AWS reports scalar violations once
 * for the whole collection, listing every constraint of the member shape ({@code Member must satisfy
 * constraint: [...]}); hence {@link #violates} and {@link #constraintList}.
 */
abstract sealed class ScalarShape extends Shape
    permits StringShape, NumberShape, BlobShape, BooleanShape, TimestampShape, AnyShape {

  ScalarShape(String name, boolean sensitive) {
    super(name, sensitive);
  }

  @Override
  final void validate(JsonNode value, Validation validation) {
    checkType(value);
    checkConstraints(value, validation);
  }

  /** Throws {@code SerializationException} unless {@code value} has this shape's JSON type. */
  abstract void checkType(JsonNode value);

  /** Reports each violated constraint at the current path; {@code value} has the right type. */
  abstract void checkConstraints(JsonNode value, Validation validation);

  /** Whether {@code value} (of the right type) violates any constraint. */
  abstract boolean violates(JsonNode value);

  /**
   * The constraints as AWS lists them for collection members, in AWS's order (maximum, minimum,
   * pattern or enum), e.g. {@code Member must have length less than or equal to 128, Member must
   * have length greater than or equal to 1}; {@code null} when the shape has none.
   */
  abstract String constraintList();

  /** The value as AWS prints it in a message (numbers as the member's type reads them). */
  String render(JsonNode value) {
    return value.asText();
  }
}

package io.keywarden.protocol.json;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A compiled shape of a service model: checks one JSON value against the shape's type (a wrong type
 * throws {@code SerializationException} at once) and constraints (violations are collected in the
 * {@link Validation}, to be reported together).
 */
abstract sealed class Shape permits StructureShape, ListShape, MapShape, ScalarShape {
  private final String name;
  private final boolean sensitive;

  Shape(String name, boolean sensitive) {
    this.name = name;
    this.sensitive = sensitive;
  }

  /** The shape's name in the model. */
  final String name() {
    return name;
  }

  /** Whether the model marks the shape {@code sensitive}: its values never appear in messages. */
  final boolean sensitive() {
    return sensitive;
  }

  /**
   * Checks {@code value}, which is present and not JSON {@code null}, at the validation's current
   * path. May remove JSON {@code null}s inside it (AWS treats them as absent).
   */
  abstract void validate(JsonNode value, Validation validation);
}

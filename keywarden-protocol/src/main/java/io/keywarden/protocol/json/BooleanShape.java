package io.keywarden.protocol.json;

import com.fasterxml.jackson.databind.JsonNode;

/** A {@code boolean} shape: a JSON {@code true} or {@code false}. */
final class BooleanShape extends ScalarShape {

  BooleanShape(String name, boolean sensitive) {
    super(name, sensitive);
  }

  @Override
  void checkType(JsonNode value) {
    if (!value.isBoolean()) {
      throw TypeMismatch.scalar(value, "an Boolean");
    }
  }

  @Override
  void checkConstraints(JsonNode value, Validation validation) {}

  @Override
  boolean violates(JsonNode value) {
    return false;
  }

  @Override
  String constraintList() {
    return null;
  }
}

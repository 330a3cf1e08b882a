package io.keywarden.protocol.json;

import com.fasterxml.jackson.databind.JsonNode;

/** A {@code timestamp} shape: AWS JSON 1.1 sends epoch seconds as a JSON number. */
final class TimestampShape extends ScalarShape {

  TimestampShape(String name, boolean sensitive) {
    super(name, sensitive);
  }

  @Override
  void checkType(JsonNode value) {
    if (!value.isNumber()) {
      throw TypeMismatch.scalar(value, "a Date");
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

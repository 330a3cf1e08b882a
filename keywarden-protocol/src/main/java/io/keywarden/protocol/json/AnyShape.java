package io.keywarden.protocol.json;

import com.fasterxml.jackson.databind.JsonNode;

/** A shape type this layer does not check (e.g. {@code document}): any JSON value passes. */
final class AnyShape extends ScalarShape {

  AnyShape(String name, boolean sensitive) {
    super(name, sensitive);
  }

  @Override
  void checkType(JsonNode value) {}

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

  @Override
  String render(JsonNode value) {
    return value.toString();
  }
}

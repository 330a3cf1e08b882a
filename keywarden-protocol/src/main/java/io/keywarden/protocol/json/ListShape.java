package io.keywarden.protocol.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;

/**
 * A {@code list} shape. Its {@code min}/{@code max} bound the number of elements. Elements that are
 * structures (or collections) are checked at {@code <list>.<n>.member} (1-based); scalar elements
 * that break their shape's constraints are reported once, at the list: {@code Member must satisfy
 * constraint: [<every constraint of the member shape>]}, as AWS does. JSON {@code null} elements are
 * removed (AWS skips them).
 */
final class ListShape extends Shape {
  private final long min;
  private final long max;
  private final String minText;
  private final String maxText;
  private Shape member;

  ListShape(String name, boolean sensitive, long min, long max) {
    super(name, sensitive);
    this.min = min;
    this.max = max;
    this.minText = min < 0 ? null : Constraints.lengthAtLeast(min);
    this.maxText = max < 0 ? null : Constraints.lengthAtMost(max);
  }

  void member(Shape shape) {
    this.member = shape;
  }

  Shape member() {
    return member;
  }

  @Override
  void validate(JsonNode value, Validation validation) {
    if (!value.isArray()) {
      throw TypeMismatch.list(value);
    }
    ArrayNode array = (ArrayNode) value;
    for (int i = array.size() - 1; i >= 0; i--) {
      if (array.get(i).isNull()) {
        array.remove(i);
      }
    }
    ScalarShape scalar = member instanceof ScalarShape ? (ScalarShape) member : null;
    if (scalar != null) {
      for (JsonNode element : array) {
        scalar.checkType(element);
      }
    }
    int size = array.size();
    if (max >= 0 && size > max) {
      validation.fail(this, value, maxText);
    }
    if (size < min) {
      validation.fail(this, value, minText);
    }
    if (scalar != null) {
      if (scalar.constraintList() != null) {
        for (JsonNode element : array) {
          if (scalar.violates(element)) {
            validation.fail(
                this, value, "Member must satisfy constraint: [" + scalar.constraintList() + "]");
            break;
          }
        }
      }
      return;
    }
    for (int i = 0; i < size; i++) {
      validation.pushIndex(i);
      member.validate(array.get(i), validation);
      validation.pop();
    }
  }
}

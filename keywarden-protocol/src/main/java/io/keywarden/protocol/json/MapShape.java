package io.keywarden.protocol.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.Iterator;
import java.util.Map;

/**
 * A {@code map} shape: a JSON object whose keys follow the key shape and whose values follow the value
 * shape. As AWS does, scalar violations are reported once per map and aspect, keys first: {@code Map
 * keys must satisfy constraint: [...]}, {@code Map value must satisfy constraint: [...]}. Structure
 * values are checked at {@code <map>.<key>}. Entries with a JSON {@code null} value are removed.
 */
final class MapShape extends Shape {
  private final long min;
  private final long max;
  private final String minText;
  private final String maxText;
  private Shape key;
  private Shape value;

  MapShape(String name, boolean sensitive, long min, long max) {
    super(name, sensitive);
    this.min = min;
    this.max = max;
    this.minText = min < 0 ? null : Constraints.lengthAtLeast(min);
    this.maxText = max < 0 ? null : Constraints.lengthAtMost(max);
  }

  void entries(Shape keyShape, Shape valueShape) {
    this.key = keyShape;
    this.value = valueShape;
  }

  Shape key() {
    return key;
  }

  Shape value() {
    return value;
  }

  @Override
  void validate(JsonNode node, Validation validation) {
    if (!node.isObject()) {
      throw TypeMismatch.object(node);
    }
    ObjectNode object = (ObjectNode) node;
    ScalarShape scalarValue = value instanceof ScalarShape ? (ScalarShape) value : null;
    for (Iterator<Map.Entry<String, JsonNode>> it = object.properties().iterator(); it.hasNext(); ) {
      JsonNode v = it.next().getValue();
      if (v.isNull()) {
        it.remove();
      } else if (scalarValue != null) {
        scalarValue.checkType(v);
      }
    }
    int size = object.size();
    if (max >= 0 && size > max) {
      validation.fail(this, node, maxText);
    }
    if (size < min) {
      validation.fail(this, node, minText);
    }
    if (key instanceof ScalarShape && ((ScalarShape) key).constraintList() != null) {
      ScalarShape keys = (ScalarShape) key;
      for (Map.Entry<String, JsonNode> entry : object.properties()) {
        if (keys.violates(TextNode.valueOf(entry.getKey()))) {
          validation.fail(
              this, node, "Map keys must satisfy constraint: [" + keys.constraintList() + "]");
          break;
        }
      }
    }
    if (scalarValue != null) {
      if (scalarValue.constraintList() != null) {
        for (JsonNode v : object) {
          if (scalarValue.violates(v)) {
            validation.fail(
                this, node, "Map value must satisfy constraint: [" + scalarValue.constraintList() + "]");
            break;
          }
        }
      }
      return;
    }
    for (Map.Entry<String, JsonNode> entry : object.properties()) {
      validation.push(entry.getKey());
      value.validate(entry.getValue(), validation);
      validation.pop();
    }
  }
}

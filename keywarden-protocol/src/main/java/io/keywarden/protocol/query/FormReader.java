package io.keywarden.protocol.query;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.keywarden.services.api.ApiException;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Reads form parameters into the JSON object of an input shape, as AWS's Query serializers write
 * them (botocore's {@code QuerySerializer}, the SDKs' query marshallers): {@code Member=value};
 * nested structures with dots ({@code PolicyArns.member.1.arn}); lists as {@code
 * List.member.<n>} ({@code List.<n>} flattened), where {@code List=} alone is the empty list; maps
 * as {@code Map.entry.<n>.key} and {@code .value}. List elements are taken in the order of their
 * numbers, which need not be contiguous.
 *
 * <p>Scalars become their JSON types: integers and decimals numbers, {@code true}/{@code false}
 * booleans, ISO 8601 timestamps epoch seconds; blobs stay base64. A value that is not of its
 * member's type is a {@code ValidationError} naming the member's path as AWS's validation messages
 * do ({@code tags.1.member.key}), without the value when it is sensitive or a blob. Parameters the
 * shape does not have are ignored, as are keys nested deeper than {@value #MAX_DEPTH} levels.
 */
final class FormReader {
  static final int MAX_DEPTH = 32;
  private static final JsonNodeFactory NODES = JsonNodeFactory.withExactBigDecimals(true);
  private static final Pattern INTEGER = Pattern.compile("-?[0-9]{1,19}");
  private static final Pattern DECIMAL = Pattern.compile("-?[0-9]{1,40}(\\.[0-9]{1,40})?([eE][-+]?[0-9]{1,3})?");

  /** The form's parameters as a tree of dotted names. */
  private static final class Node {
    String value;
    Map<String, Node> children;

    Node child(String name) {
      return children == null ? null : children.get(name);
    }

    Node add(String name) {
      if (children == null) {
        children = new LinkedHashMap<>(4);
      }
      return children.computeIfAbsent(name, n -> new Node());
    }

    /** The children named by positive numbers, in numeric order. */
    List<Node> numbered() {
      if (children == null) {
        return List.of();
      }
      TreeMap<Integer, Node> byIndex = new TreeMap<>();
      for (Map.Entry<String, Node> e : children.entrySet()) {
        int index = index(e.getKey());
        if (index > 0) {
          byIndex.put(index, e.getValue());
        }
      }
      return new ArrayList<>(byIndex.values());
    }
  }

  private final List<String> path = new ArrayList<>(8);

  private FormReader() {}

  /** The input object of {@code shape} that {@code form} carries. */
  static ObjectNode read(FormParameters form, WireStructure shape) {
    Node root = new Node();
    for (Map.Entry<String, String> parameter : form.all().entrySet()) {
      String[] segments = parameter.getKey().split("\\.", MAX_DEPTH + 1);
      if (segments.length > MAX_DEPTH) {
        continue;
      }
      Node node = root;
      for (String segment : segments) {
        node = node.add(segment);
      }
      if (node.value == null) {
        node.value = parameter.getValue();
      }
    }
    return new FormReader().structure(root, shape);
  }

  private ObjectNode structure(Node node, WireStructure shape) {
    ObjectNode out = NODES.objectNode();
    for (WireStructure.Member member : shape.members()) {
      Node child = node.child(formName(member));
      if (child == null) {
        continue;
      }
      path.add(lowerCamel(member.name()));
      JsonNode value = value(child, member.shape());
      path.remove(path.size() - 1);
      if (value != null) {
        out.set(member.name(), value);
      }
    }
    return out;
  }

  /** A flattened list whose member has a {@code locationName} takes that name (botocore's rule). */
  private static String formName(WireStructure.Member member) {
    if (member.shape() instanceof WireList) {
      WireList list = (WireList) member.shape();
      if (list.flattened() && list.memberLocationName() != null) {
        return list.memberLocationName();
      }
    }
    return member.wireName();
  }

  /** The JSON value of a node, or {@code null} when the node carries none. */
  private JsonNode value(Node node, WireShape shape) {
    if (shape instanceof WireStructure) {
      return structure(node, (WireStructure) shape);
    }
    if (shape instanceof WireList) {
      return list(node, (WireList) shape);
    }
    if (shape instanceof WireMap) {
      return map(node, (WireMap) shape);
    }
    return node.value == null ? null : scalar(node.value, (WireScalar) shape);
  }

  private ArrayNode list(Node node, WireList shape) {
    ArrayNode out = NODES.arrayNode();
    Node elements = shape.flattened() ? node : node.child(shape.memberName());
    if (elements == null) {
      return out;
    }
    int i = 0;
    for (Node element : elements.numbered()) {
      path.add(Integer.toString(++i));
      path.add("member");
      JsonNode value = value(element, shape.member());
      path.remove(path.size() - 1);
      path.remove(path.size() - 1);
      if (value != null) {
        out.add(value);
      }
    }
    return out;
  }

  private ObjectNode map(Node node, WireMap shape) {
    ObjectNode out = NODES.objectNode();
    Node entries = shape.flattened() ? node : node.child("entry");
    if (entries == null) {
      return out;
    }
    for (Node entry : entries.numbered()) {
      Node key = entry.child(shape.keyName());
      Node value = entry.child(shape.valueName());
      if (key == null || key.value == null || value == null) {
        continue;
      }
      path.add(key.value);
      JsonNode converted = value(value, shape.value());
      path.remove(path.size() - 1);
      if (converted != null) {
        out.set(key.value, converted);
      }
    }
    return out;
  }

  private JsonNode scalar(String text, WireScalar shape) {
    switch (shape.kind()) {
      case INTEGER:
        {
          Long n = integer(text);
          if (n == null || n < Integer.MIN_VALUE || n > Integer.MAX_VALUE) {
            throw mismatch(shape, text, "Member must be an integer");
          }
          return NODES.numberNode(n.intValue());
        }
      case LONG:
        {
          Long n = integer(text);
          if (n == null) {
            throw mismatch(shape, text, "Member must be an integer");
          }
          return NODES.numberNode(n.longValue());
        }
      case FLOAT:
      case DOUBLE:
        if (!DECIMAL.matcher(text).matches()) {
          throw mismatch(shape, text, "Member must be a number");
        }
        return NODES.numberNode(new BigDecimal(text));
      case BOOLEAN:
        if ("true".equalsIgnoreCase(text) || "false".equalsIgnoreCase(text)) {
          return NODES.booleanNode("true".equalsIgnoreCase(text));
        }
        throw mismatch(shape, text, "Member must be a boolean");
      case TIMESTAMP:
        {
          Instant instant = Timestamps.parse(text, shape.timestampFormat());
          if (instant == null) {
            throw mismatch(shape, text, "Member must be a timestamp in ISO 8601 format");
          }
          return NODES.numberNode(Timestamps.seconds(instant));
        }
      default:
        return NODES.textNode(text);
    }
  }

  private static Long integer(String text) {
    if (!INTEGER.matcher(text).matches()) {
      return null;
    }
    try {
      return Long.parseLong(text);
    } catch (NumberFormatException e) {
      return null;
    }
  }

  private ApiException mismatch(WireScalar shape, String text, String constraint) {
    boolean hidden = shape.sensitive() || shape.kind() == WireScalar.Kind.BLOB;
    String at = hidden ? "Value at '" : "Value '" + text + "' at '";
    return new ApiException(QueryErrors.VALIDATION_ERROR,
        "1 validation error detected: " + at + String.join(".", path) + "' failed to satisfy constraint: "
            + constraint);
  }

  /** {@code -1} unless {@code key} is a positive decimal number without leading zeros. */
  private static int index(String key) {
    int n = key.length();
    if (n == 0 || n > 9 || key.charAt(0) == '0') {
      return -1;
    }
    int value = 0;
    for (int i = 0; i < n; i++) {
      char c = key.charAt(i);
      if (c < '0' || c > '9') {
        return -1;
      }
      value = value * 10 + (c - '0');
    }
    return value;
  }

  /** {@code RoleArn} to {@code roleArn}, as AWS names members in validation messages. */
  private static String lowerCamel(String name) {
    if (name.isEmpty() || Character.isLowerCase(name.charAt(0))) {
      return name;
    }
    return Character.toLowerCase(name.charAt(0)) + name.substring(1);
  }
}

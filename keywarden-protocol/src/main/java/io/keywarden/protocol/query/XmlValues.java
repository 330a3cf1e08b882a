package io.keywarden.protocol.query;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Base64;
import java.util.Map;

/**
 * Writes a service's JSON output as the Query protocol's XML, by shape, as AWS's XML parsers read it
 * (botocore's {@code QueryParser}): a structure's members in model order, each an element named by
 * its {@code locationName} or member name; absent and JSON {@code null} members left out; lists as
 * {@code <member>} children (repeated elements when flattened); maps as {@code
 * <entry><key/><value/></entry>}; timestamps ISO 8601; blobs base64; booleans {@code true}/{@code
 * false}; numbers in plain notation. Values of another JSON type than their shape's are left out
 * (a service's mistake, not the caller's), except that text is accepted for any scalar.
 */
final class XmlValues {
  private XmlValues() {}

  /** The members of {@code value} as child elements of the element being written. */
  static void members(XmlWriter out, WireStructure shape, JsonNode value) {
    for (WireStructure.Member member : shape.members()) {
      JsonNode child = value.get(member.name());
      if (child == null || child.isNull()) {
        continue;
      }
      if (member.shape() instanceof WireList && ((WireList) member.shape()).flattened()) {
        WireList list = (WireList) member.shape();
        String name = list.memberLocationName() != null ? list.memberLocationName() : member.wireName();
        elements(out, name, list, child);
        continue;
      }
      element(out, member.wireName(), member.shape(), child);
    }
  }

  private static void element(XmlWriter out, String name, WireShape shape, JsonNode value) {
    if (shape instanceof WireStructure) {
      if (value.isObject()) {
        out.start(name);
        members(out, (WireStructure) shape, value);
        out.end(name);
      }
    } else if (shape instanceof WireList) {
      WireList list = (WireList) shape;
      if (value.isArray()) {
        out.start(name);
        elements(out, list.memberName(), list, value);
        out.end(name);
      }
    } else if (shape instanceof WireMap) {
      map(out, name, (WireMap) shape, value);
    } else {
      String text = scalar((WireScalar) shape, value);
      if (text != null) {
        out.element(name, text);
      }
    }
  }

  /** Each element of a list as an element named {@code name}. */
  private static void elements(XmlWriter out, String name, WireList list, JsonNode value) {
    if (!value.isArray()) {
      return;
    }
    for (JsonNode element : value) {
      if (!element.isNull()) {
        element(out, name, list.member(), element);
      }
    }
  }

  private static void map(XmlWriter out, String name, WireMap map, JsonNode value) {
    if (!value.isObject()) {
      return;
    }
    if (!map.flattened()) {
      out.start(name);
    }
    for (Map.Entry<String, JsonNode> entry : value.properties()) {
      if (entry.getValue().isNull()) {
        continue;
      }
      String wrapper = map.flattened() ? name : "entry";
      out.start(wrapper).element(map.keyName(), entry.getKey());
      element(out, map.valueName(), map.value(), entry.getValue());
      out.end(wrapper);
    }
    if (!map.flattened()) {
      out.end(name);
    }
  }

  /** The text of a scalar, or {@code null} to leave it out. */
  static String scalar(WireScalar shape, JsonNode value) {
    switch (shape.kind()) {
      case TIMESTAMP:
        return Timestamps.format(value, shape.timestampFormat());
      case BLOB:
        if (value.isBinary()) {
          return Base64.getEncoder().encodeToString(binary(value));
        }
        return value.isTextual() ? value.textValue() : null;
      case BOOLEAN:
        if (value.isBoolean()) {
          return value.booleanValue() ? "true" : "false";
        }
        return value.isTextual() ? value.textValue() : null;
      case INTEGER:
      case LONG:
      case FLOAT:
      case DOUBLE:
        if (value.isNumber()) {
          return value.isBigDecimal() ? value.decimalValue().toPlainString() : value.asText();
        }
        return value.isTextual() ? value.textValue() : null;
      default:
        return value.isValueNode() && !value.isBinary() ? value.asText() : null;
    }
  }

  private static byte[] binary(JsonNode value) {
    try {
      return value.binaryValue();
    } catch (java.io.IOException e) {
      throw new IllegalStateException("A binary node has no bytes", e);
    }
  }
}

package io.keywarden.protocol.json;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.Map;

/**
 * Renders a request value for a {@code ValidationException} message the way AWS's Java services
 * print it: strings and numbers as they are, lists as {@code [a, b]}, maps as {@code {k=v}}. Returns
 * {@code null}, so that the message leaves the value out, when the value is or contains a blob or a
 * shape the model marks {@code sensitive}.
 *
 * <p>Structures inside collections are printed as {@code {Member=value, ...}}; AWS's exact rendering
 * of nested structures is not recorded, so this part is an approximation.
 */
final class ValueText {
  private ValueText() {}

  static String render(Shape shape, JsonNode value) {
    StringBuilder out = new StringBuilder(64);
    return append(out, shape, value) ? out.toString() : null;
  }

  private static boolean append(StringBuilder out, Shape shape, JsonNode value) {
    if (shape.sensitive()) {
      return false;
    }
    if (shape instanceof ScalarShape) {
      String text = value.isValueNode() ? ((ScalarShape) shape).render(value) : value.toString();
      if (text == null) {
        return false;
      }
      out.append(text);
      return true;
    }
    if (shape instanceof ListShape) {
      Shape member = ((ListShape) shape).member();
      out.append('[');
      int i = 0;
      for (JsonNode element : value) {
        if (i++ > 0) {
          out.append(", ");
        }
        if (!append(out, member, element)) {
          return false;
        }
      }
      out.append(']');
      return true;
    }
    if (shape instanceof MapShape) {
      MapShape map = (MapShape) shape;
      if (map.key().sensitive()) {
        return false;
      }
      return appendEntries(out, value, map.value());
    }
    StructureShape structure = (StructureShape) shape;
    out.append('{');
    boolean first = true;
    for (StructureShape.Member member : structure.members()) {
      JsonNode child = value.get(member.jsonName());
      if (child == null || child.isNull()) {
        continue;
      }
      if (!first) {
        out.append(", ");
      }
      first = false;
      out.append(member.jsonName()).append('=');
      if (!append(out, member.shape(), child)) {
        return false;
      }
    }
    out.append('}');
    return true;
  }

  private static boolean appendEntries(StringBuilder out, JsonNode value, Shape valueShape) {
    out.append('{');
    Iterator<Map.Entry<String, JsonNode>> it = value.properties().iterator();
    while (it.hasNext()) {
      Map.Entry<String, JsonNode> entry = it.next();
      out.append(entry.getKey()).append('=');
      if (!append(out, valueShape, entry.getValue())) {
        return false;
      }
      if (it.hasNext()) {
        out.append(", ");
      }
    }
    out.append('}');
    return true;
  }
}

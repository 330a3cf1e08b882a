package io.keywarden.protocol.query;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Compiles the {@code shapes} of a model (botocore's {@code service-2.json}) into {@link WireShape}s,
 * once per shape and set of member traits, so that shapes referring to themselves compile too.
 *
 * <p>Traits read: {@code locationName} (on a member, on a list's member, on a map's key and value),
 * {@code flattened} (on the shape or the member referring to it), {@code timestampFormat} (likewise),
 * {@code sensitive}. Query models use no others that change the wire.
 */
final class WireShapes {
  private final JsonNode shapes;
  private final Map<String, WireShape> compiled = new HashMap<>();

  WireShapes(JsonNode shapes) {
    this.shapes = shapes;
  }

  /** The shape of that name, as a reference without traits of its own would see it. */
  WireShape compile(String name) {
    return compile(name, null);
  }

  /** The shape a reference (a member, a list's member, a map's key or value) points to. */
  private WireShape compile(String name, JsonNode reference) {
    JsonNode def = shapes.get(name);
    if (def == null) {
      throw new IllegalArgumentException("The model refers to an unknown shape: " + name);
    }
    boolean flattened = trait(reference, def, "flattened").asBoolean(false);
    String timestampFormat = trait(reference, def, "timestampFormat").asText("iso8601");
    String key = name + '|' + flattened + '|' + timestampFormat;
    WireShape done = compiled.get(key);
    if (done != null) {
      return done;
    }
    String type = def.path("type").asText();
    switch (type) {
      case "structure":
        {
          WireStructure structure = new WireStructure(name);
          compiled.put(key, structure);
          List<WireStructure.Member> members = new ArrayList<>();
          for (Map.Entry<String, JsonNode> member : def.path("members").properties()) {
            JsonNode ref = member.getValue();
            String wireName = ref.hasNonNull("locationName") ? ref.get("locationName").asText() : member.getKey();
            members.add(new WireStructure.Member(member.getKey(), wireName, compile(ref.path("shape").asText(), ref)));
          }
          structure.members(members);
          return structure;
        }
      case "list":
        {
          JsonNode memberRef = def.path("member");
          WireList list = new WireList(name, flattened, textOrNull(memberRef, "locationName"));
          compiled.put(key, list);
          list.member(compile(memberRef.path("shape").asText(), memberRef));
          return list;
        }
      case "map":
        {
          JsonNode keyRef = def.path("key");
          JsonNode valueRef = def.path("value");
          WireMap map = new WireMap(
              name, flattened, textOrNull(keyRef, "locationName"), textOrNull(valueRef, "locationName"));
          compiled.put(key, map);
          map.entries(compile(keyRef.path("shape").asText(), keyRef), compile(valueRef.path("shape").asText(), valueRef));
          return map;
        }
      default:
        {
          WireScalar scalar = new WireScalar(
              name, kind(type), format(timestampFormat), def.path("sensitive").asBoolean(false));
          compiled.put(key, scalar);
          return scalar;
        }
    }
  }

  /** A trait of the reference when it has one, else of the shape. */
  private static JsonNode trait(JsonNode reference, JsonNode def, String trait) {
    if (reference != null && reference.has(trait)) {
      return reference.get(trait);
    }
    return def.path(trait);
  }

  private static String textOrNull(JsonNode node, String field) {
    return node.hasNonNull(field) ? node.get(field).asText() : null;
  }

  private static WireScalar.Kind kind(String type) {
    switch (type) {
      case "string":
        return WireScalar.Kind.STRING;
      case "integer":
      case "short":
      case "byte":
        return WireScalar.Kind.INTEGER;
      case "long":
        return WireScalar.Kind.LONG;
      case "float":
        return WireScalar.Kind.FLOAT;
      case "double":
        return WireScalar.Kind.DOUBLE;
      case "boolean":
        return WireScalar.Kind.BOOLEAN;
      case "timestamp":
        return WireScalar.Kind.TIMESTAMP;
      case "blob":
        return WireScalar.Kind.BLOB;
      default:
        return WireScalar.Kind.OTHER;
    }
  }

  private static WireScalar.TimestampFormat format(String timestampFormat) {
    switch (timestampFormat.toLowerCase(Locale.ROOT)) {
      case "unixtimestamp":
        return WireScalar.TimestampFormat.EPOCH_SECONDS;
      case "rfc822":
        return WireScalar.TimestampFormat.RFC_822;
      default:
        return WireScalar.TimestampFormat.ISO_8601;
    }
  }
}

package io.keywarden.protocol.json;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Compiles the {@code shapes} of a service model (botocore's {@code service-2.json} format) into
 * {@link Shape}s, once per shape name, so that shapes referring to themselves compile too.
 */
final class ModelCompiler {
  private final JsonNode shapes;
  private final EnumOrder enumOrder;
  private final Map<String, Shape> compiled = new HashMap<>();

  ModelCompiler(JsonNode shapes, EnumOrder enumOrder) {
    this.shapes = shapes;
    this.enumOrder = enumOrder;
  }

  Shape compile(String name) {
    Shape done = compiled.get(name);
    if (done != null) {
      return done;
    }
    JsonNode def = shapes.get(name);
    if (def == null) {
      throw new IllegalArgumentException("The model refers to an unknown shape: " + name);
    }
    boolean sensitive = def.path("sensitive").asBoolean(false);
    long min = bound(def, "min");
    long max = bound(def, "max");
    String type = def.path("type").asText();
    switch (type) {
      case "structure":
        return structure(name, def, sensitive);
      case "list":
        {
          ListShape list = new ListShape(name, sensitive, min, max);
          compiled.put(name, list);
          list.member(compile(def.path("member").path("shape").asText()));
          return list;
        }
      case "map":
        {
          MapShape map = new MapShape(name, sensitive, min, max);
          compiled.put(name, map);
          map.entries(
              compile(def.path("key").path("shape").asText()),
              compile(def.path("value").path("shape").asText()));
          return map;
        }
      case "string":
        return put(
            name,
            new StringShape(
                name,
                sensitive,
                min,
                max,
                def.hasNonNull("pattern") ? def.get("pattern").asText() : null,
                enumValues(name, def)));
      case "blob":
        return put(name, new BlobShape(name, sensitive, min, max));
      case "integer":
        return number(name, def, sensitive, NumberShape.Kind.INTEGER);
      case "long":
        return number(name, def, sensitive, NumberShape.Kind.LONG);
      case "float":
        return number(name, def, sensitive, NumberShape.Kind.FLOAT);
      case "double":
        return number(name, def, sensitive, NumberShape.Kind.DOUBLE);
      case "boolean":
        return put(name, new BooleanShape(name, sensitive));
      case "timestamp":
        return put(name, new TimestampShape(name, sensitive));
      default:
        return put(name, new AnyShape(name, sensitive));
    }
  }

  private Shape structure(String name, JsonNode def, boolean sensitive) {
    StructureShape structure = new StructureShape(name, sensitive);
    compiled.put(name, structure);
    Set<String> required = new HashSet<>();
    def.path("required").forEach(r -> required.add(r.asText()));
    List<StructureShape.Member> members = new ArrayList<>();
    for (Map.Entry<String, JsonNode> member : def.path("members").properties()) {
      Shape shape = compile(member.getValue().path("shape").asText());
      members.add(new StructureShape.Member(member.getKey(), required.contains(member.getKey()), shape));
    }
    structure.members(members);
    return structure;
  }

  private Shape number(String name, JsonNode def, boolean sensitive, NumberShape.Kind kind) {
    JsonNode min = def.hasNonNull("min") ? def.get("min") : null;
    JsonNode max = def.hasNonNull("max") ? def.get("max") : null;
    return put(name, new NumberShape(name, sensitive, kind, min, max));
  }

  private List<String> enumValues(String name, JsonNode def) {
    if (!def.hasNonNull("enum")) {
      return null;
    }
    List<String> values = new ArrayList<>();
    def.get("enum").forEach(v -> values.add(v.asText()));
    return enumOrder.order(name, values);
  }

  private Shape put(String name, Shape shape) {
    compiled.put(name, shape);
    return shape;
  }

  private static long bound(JsonNode def, String field) {
    JsonNode n = def.get(field);
    return n == null || !n.isNumber() ? -1 : n.asLong();
  }
}

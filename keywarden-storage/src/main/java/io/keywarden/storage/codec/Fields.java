package io.keywarden.storage.codec;

import com.fasterxml.jackson.databind.JsonNode;
import io.keywarden.domain.storage.StorageException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Strict reads of a stored JSON object's fields: a required field that is missing or of the wrong type
 * fails with a message naming the field (never its value). Absent and JSON {@code null} both read as
 * {@code null} for optional fields.
 */
final class Fields {
  private final JsonNode node;
  private final String what;

  Fields(JsonNode node, String what) {
    if (node == null || !node.isObject()) {
      throw new StorageException("stored " + what + " is not a JSON object", null);
    }
    this.node = node;
    this.what = what;
  }

  String text(String name) {
    JsonNode v = node.get(name);
    if (v == null || !v.isTextual()) {
      throw invalid(name);
    }
    return v.textValue();
  }

  String optionalText(String name) {
    return absent(name) ? null : text(name);
  }

  int integer(String name) {
    JsonNode v = node.get(name);
    if (v == null || !v.isInt()) {
      throw invalid(name);
    }
    return v.intValue();
  }

  Integer optionalInteger(String name) {
    return absent(name) ? null : integer(name);
  }

  long longInteger(String name) {
    JsonNode v = node.get(name);
    if (v == null || !v.canConvertToLong() || !v.isIntegralNumber()) {
      throw invalid(name);
    }
    return v.longValue();
  }

  boolean bool(String name) {
    JsonNode v = node.get(name);
    if (v == null || !v.isBoolean()) {
      throw invalid(name);
    }
    return v.booleanValue();
  }

  Instant instant(String name) {
    return StoredInstants.fromText(text(name));
  }

  Instant optionalInstant(String name) {
    return absent(name) ? null : instant(name);
  }

  <E extends Enum<E>> E enumValue(String name, Class<E> type) {
    String value = text(name);
    try {
      return Enum.valueOf(type, value);
    } catch (IllegalArgumentException e) {
      throw invalid(name);
    }
  }

  Fields object(String name) {
    JsonNode v = node.get(name);
    if (v == null || !v.isObject()) {
      throw invalid(name);
    }
    return new Fields(v, what + " " + name);
  }

  List<Fields> array(String name) {
    JsonNode v = node.get(name);
    if (v == null || !v.isArray()) {
      throw invalid(name);
    }
    List<Fields> items = new ArrayList<>(v.size());
    for (JsonNode item : v) {
      items.add(new Fields(item, what + " " + name));
    }
    return items;
  }

  /** A JSON array of strings. */
  List<String> texts(String name) {
    JsonNode v = node.get(name);
    if (v == null || !v.isArray()) {
      throw invalid(name);
    }
    List<String> items = new ArrayList<>(v.size());
    for (JsonNode item : v) {
      if (!item.isTextual()) {
        throw invalid(name);
      }
      items.add(item.textValue());
    }
    return items;
  }

  /** A JSON object whose values are all strings, as a map (duplicate names are refused on parse). */
  Map<String, String> textMap(String name) {
    JsonNode v = node.get(name);
    if (v == null || !v.isObject()) {
      throw invalid(name);
    }
    Map<String, String> map = new TreeMap<>();
    for (Map.Entry<String, JsonNode> entry : v.properties()) {
      if (!entry.getValue().isTextual()) {
        throw invalid(name);
      }
      map.put(entry.getKey(), entry.getValue().textValue());
    }
    return map;
  }

  Map<String, String> optionalTextMap(String name) {
    return absent(name) ? null : textMap(name);
  }

  /** Whether the field is present and not {@code null}. */
  boolean has(String name) {
    return !absent(name);
  }

  Long optionalLongInteger(String name) {
    return absent(name) ? null : longInteger(name);
  }

  private boolean absent(String name) {
    JsonNode v = node.get(name);
    return v == null || v.isNull();
  }

  private StorageException invalid(String name) {
    return new StorageException(
        "stored " + what + " field '" + name + "' is missing or invalid", null);
  }
}

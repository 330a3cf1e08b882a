package io.keywarden.services.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.BinaryNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Typed reads of a validated request body. The protocol layer has already checked types and model
 * constraints, so these accessors only convert; absent members read as {@code null} (or empty).
 */
public final class JsonInput {
  private JsonInput() {}

  public static String string(ObjectNode in, String member) {
    JsonNode n = in.get(member);
    return n == null || n.isNull() ? null : n.asText();
  }

  public static Integer integer(ObjectNode in, String member) {
    JsonNode n = in.get(member);
    return n == null || n.isNull() ? null : n.asInt();
  }

  /** {@code null} when absent. */
  public static Boolean bool(ObjectNode in, String member) {
    JsonNode n = in.get(member);
    return n == null || n.isNull() ? null : n.asBoolean();
  }

  public static boolean isTrue(ObjectNode in, String member) {
    return Boolean.TRUE.equals(bool(in, member));
  }

  public static boolean has(ObjectNode in, String member) {
    JsonNode n = in.get(member);
    return n != null && !n.isNull();
  }

  /**
   * A base64 blob, decoded; {@code null} when absent. A binary node (a call made in-process, such as
   * Secrets Manager's to KMS) gives its bytes, copied.
   */
  public static byte[] blob(ObjectNode in, String member) {
    JsonNode n = in.get(member);
    if (n instanceof BinaryNode binary) { // an in-process call's bytes: no base64 round trip
      return binary.binaryValue().clone();
    }
    String s = string(in, member);
    return s == null ? null : Base64.getDecoder().decode(s);
  }

  /** A string-to-string map; empty when absent. Iteration follows the request's order. */
  public static Map<String, String> stringMap(ObjectNode in, String member) {
    JsonNode n = in.get(member);
    if (n == null || !n.isObject()) {
      return Map.of();
    }
    Map<String, String> out = new LinkedHashMap<>();
    n.fields().forEachRemaining(e -> out.put(e.getKey(), e.getValue().asText()));
    return out;
  }

  /** A list of strings; empty when absent. */
  public static List<String> stringList(ObjectNode in, String member) {
    JsonNode n = in.get(member);
    if (n == null || !n.isArray()) {
      return List.of();
    }
    List<String> out = new ArrayList<>(n.size());
    n.forEach(e -> out.add(e.asText()));
    return out;
  }

  /** A list of structures; empty when absent. */
  public static List<ObjectNode> objectList(ObjectNode in, String member) {
    JsonNode n = in.get(member);
    if (n == null || !n.isArray()) {
      return List.of();
    }
    List<ObjectNode> out = new ArrayList<>(n.size());
    n.forEach(e -> out.add((ObjectNode) e));
    return out;
  }
}

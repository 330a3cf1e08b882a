package io.keywarden.protocol.json;

import com.fasterxml.jackson.databind.JsonNode;
import io.keywarden.services.api.ApiException;

/**
 * {@code SerializationException}s for request members of the wrong JSON type, worded as AWS's JSON
 * services word them (e.g. {@code STRING_VALUE can not be converted to an Integer}, {@code Start of
 * list found where not expected}). None of them quotes the offending value.
 */
final class TypeMismatch {
  static final String CODE = "SerializationException";
  static final String LIST_NOT_EXPECTED = "Start of list found where not expected";
  static final String MAP_NOT_EXPECTED = "Start of structure or map found where not expected.";

  private TypeMismatch() {}

  static ApiException serialization(String message) {
    return new ApiException(CODE, message);
  }

  /**
   * A scalar member received {@code actual}.
   *
   * @param target the member's type as AWS names it, with its article: {@code a String}, {@code an
   *     Integer}
   */
  static ApiException scalar(JsonNode actual, String target) {
    switch (actual.getNodeType()) {
      case OBJECT:
      case POJO:
        return serialization(MAP_NOT_EXPECTED);
      case ARRAY:
        return serialization(LIST_NOT_EXPECTED);
      case STRING:
        return serialization("STRING_VALUE can not be converted to " + target);
      case NUMBER:
        return serialization("NUMBER_VALUE can not be converted to " + target);
      case BOOLEAN:
        return serialization(
            (actual.booleanValue() ? "TRUE_VALUE" : "FALSE_VALUE") + " can not be converted to " + target);
      default:
        return serialization(null);
    }
  }

  /** A list member received something other than an array. */
  static ApiException list(JsonNode actual) {
    return actual.isObject() ? serialization(MAP_NOT_EXPECTED) : serialization("Expected list or null");
  }

  /** A structure or map member received something other than an object. */
  static ApiException object(JsonNode actual) {
    return actual.isArray() ? serialization(LIST_NOT_EXPECTED) : serialization("Expected null");
  }
}

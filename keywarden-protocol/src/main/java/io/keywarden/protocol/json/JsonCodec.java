package io.keywarden.protocol.json;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.keywarden.services.api.ApiException;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;

/**
 * The one Jackson configuration of the protocol layer: a shared, immutable reader and writer.
 *
 * <p>Parse errors never carry Jackson's message, which would quote the request body (and with it,
 * plaintext): a body that is not JSON is a {@code SerializationException} without a message, as AWS
 * answers it.
 */
public final class JsonCodec {
  private static final JsonMapper MAPPER =
      JsonMapper.builder()
          .disable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .build();
  private static final ObjectReader READER = MAPPER.reader();
  private static final ObjectWriter WRITER = MAPPER.writer();

  private JsonCodec() {}

  /**
   * Parses a request body that must be a JSON object; an empty (or all-whitespace) body reads as
   * {@code {}}.
   *
   * @throws ApiException {@code SerializationException} when the body is not a JSON object
   */
  public static ObjectNode readObject(byte[] body, int offset, int length) {
    if (length == 0) {
      return JsonNodeFactory.instance.objectNode();
    }
    JsonNode node;
    try {
      node = READER.readTree(body, offset, length);
    } catch (JsonProcessingException e) {
      throw TypeMismatch.serialization(null);
    } catch (IOException e) {
      throw TypeMismatch.serialization(null);
    }
    if (node == null || node.isMissingNode()) {
      return JsonNodeFactory.instance.objectNode();
    }
    if (node.isObject()) {
      return (ObjectNode) node;
    }
    if (node.isArray()) {
      throw TypeMismatch.serialization(TypeMismatch.LIST_NOT_EXPECTED);
    }
    throw TypeMismatch.serialization(null);
  }

  /** Parses any JSON document (model files and tests); not for request bodies. */
  public static JsonNode readTree(byte[] json) throws IOException {
    return READER.readTree(json);
  }

  /** A streaming parser, for bodies that must not become strings (e.g. a passphrase). */
  public static JsonParser createParser(byte[] json) throws IOException {
    return MAPPER.getFactory().createParser(json);
  }

  /** Serializes a response body. */
  public static void write(JsonNode node, OutputStream out) {
    try {
      WRITER.writeValue(out, node);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Serializes a response body to bytes. */
  public static byte[] toBytes(JsonNode node) {
    try {
      return WRITER.writeValueAsBytes(node);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }
}

package io.keywarden.services.api;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.time.Instant;

/** Builders for response bodies in AWS JSON 1.1's conventions. */
public final class JsonOutput {
  private static final JsonNodeFactory NODES = JsonNodeFactory.withExactBigDecimals(true);

  private JsonOutput() {}

  public static ObjectNode object() {
    return NODES.objectNode();
  }

  /** Timestamps are epoch seconds with millisecond precision, e.g. {@code 1700000000.123}. */
  public static void timestamp(ObjectNode out, String member, Instant when) {
    if (when != null) {
      out.put(member, BigDecimal.valueOf(when.toEpochMilli(), 3));
    }
  }

  /**
   * Blobs are base64 strings (Jackson writes a binary node as standard, padded base64). The bytes are
   * copied: callers zero their plaintext buffers before the response is written.
   */
  public static void blob(ObjectNode out, String member, byte[] bytes) {
    if (bytes != null) {
      out.put(member, bytes.clone());
    }
  }

  /** Puts a string member unless the value is {@code null}. */
  public static void string(ObjectNode out, String member, String value) {
    if (value != null) {
      out.put(member, value);
    }
  }
}

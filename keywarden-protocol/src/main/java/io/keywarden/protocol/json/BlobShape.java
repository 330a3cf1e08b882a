package io.keywarden.protocol.json;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * A {@code blob} shape: a base64 string (the standard alphabet, as {@link
 * java.util.Base64#getDecoder()} reads it), whose {@code min}/{@code max} bound the decoded bytes.
 * Blob values are never printed in messages.
 */
final class BlobShape extends ScalarShape {
  private final long min;
  private final long max;
  private final String minText;
  private final String maxText;
  private final String constraintList;

  BlobShape(String name, boolean sensitive, long min, long max) {
    super(name, sensitive);
    this.min = min;
    this.max = max;
    this.minText = min < 0 ? null : Constraints.lengthAtLeast(min);
    this.maxText = max < 0 ? null : Constraints.lengthAtMost(max);
    List<String> all = new ArrayList<>(2);
    if (maxText != null) {
      all.add(maxText);
    }
    if (minText != null) {
      all.add(minText);
    }
    this.constraintList = Constraints.list(all);
  }

  @Override
  void checkType(JsonNode value) {
    if (!value.isTextual()) {
      throw TypeMismatch.scalar(value, "a Blob");
    }
    if (Base64Length.decodedLength(value.textValue()) < 0) {
      throw TypeMismatch.serialization("Base64 encoded data is not valid");
    }
  }

  @Override
  void checkConstraints(JsonNode value, Validation validation) {
    if (constraintList == null) {
      return;
    }
    int length = Base64Length.decodedLength(value.textValue());
    if (max >= 0 && length > max) {
      validation.fail(this, value, maxText);
    }
    if (length < min) {
      validation.fail(this, value, minText);
    }
  }

  @Override
  boolean violates(JsonNode value) {
    int length = Base64Length.decodedLength(value.textValue());
    return (max >= 0 && length > max) || length < min;
  }

  @Override
  String constraintList() {
    return constraintList;
  }

  @Override
  String render(JsonNode value) {
    return null;
  }
}

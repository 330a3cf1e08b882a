package io.keywarden.protocol.json;

import com.fasterxml.jackson.databind.JsonNode;
import io.keywarden.services.api.ApiException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * One request's validation: the path to the member being checked and the violations found so far,
 * reported together as AWS does: {@code 2 validation errors detected: <e1>; <e2>}. The path is a
 * stack of names and list indexes, rendered only when a violation is reported.
 */
final class Validation {
  static final String CODE = "ValidationException";

  private String[] names = new String[8];
  private int[] indexes = new int[8];
  private int depth;
  private List<String> errors;

  void push(String name) {
    grow();
    names[depth] = name;
    indexes[depth] = -1;
    depth++;
  }

  /** Enters element {@code index} (0-based) of a list, rendered {@code <n>.member} (1-based). */
  void pushIndex(int index) {
    grow();
    names[depth] = null;
    indexes[depth] = index;
    depth++;
  }

  void pop() {
    depth--;
  }

  private void grow() {
    if (depth == names.length) {
      names = Arrays.copyOf(names, depth * 2);
      indexes = Arrays.copyOf(indexes, depth * 2);
    }
  }

  /** The current path, e.g. {@code tags.1.member.tagKey}. */
  String path() {
    StringBuilder out = new StringBuilder(32);
    for (int i = 0; i < depth; i++) {
      if (i > 0) {
        out.append('.');
      }
      if (names[i] != null) {
        out.append(names[i]);
      } else {
        out.append(indexes[i] + 1).append(".member");
      }
    }
    return out.toString();
  }

  /** Reports that {@code value} of {@code shape}, at the current path, breaks {@code constraint}. */
  void fail(Shape shape, JsonNode value, String constraint) {
    String shown = ValueText.render(shape, value);
    String at = shown == null ? "Value at '" : "Value '" + shown + "' at '";
    add(at + path() + "' failed to satisfy constraint: " + constraint);
  }

  /** Reports a required member that is absent. */
  void failNull(Shape shape) {
    String at = shape.sensitive() ? "Value at '" : "Value null at '";
    add(at + path() + "' failed to satisfy constraint: " + Constraints.NOT_NULL);
  }

  private void add(String error) {
    if (errors == null) {
      errors = new ArrayList<>(2);
    }
    errors.add(error);
  }

  /** The {@code ValidationException} for what was found, or {@code null} if nothing was. */
  ApiException failure() {
    if (errors == null) {
      return null;
    }
    int n = errors.size();
    String head = n == 1 ? "1 validation error detected: " : n + " validation errors detected: ";
    return new ApiException(CODE, head + String.join("; ", errors));
  }
}

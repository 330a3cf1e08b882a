package io.keywarden.protocol.json;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A {@code string} shape with its optional {@code min}/{@code max} length (in Unicode code points),
 * {@code pattern} (searched, not anchored, as Smithy defines it; the model's patterns carry their
 * own anchors) and {@code enum}.
 */
final class StringShape extends ScalarShape {
  private final long min;
  private final long max;
  private final Pattern pattern;
  private final Set<String> enumValues;
  private final String patternText;
  private final String minText;
  private final String maxText;
  private final String enumText;
  private final String constraintList;

  /**
   * @param min the minimum length, or -1
   * @param max the maximum length, or -1
   * @param pattern the model's pattern, or {@code null}
   * @param enumValues the allowed values in the order messages list them, or {@code null}
   */
  StringShape(
      String name, boolean sensitive, long min, long max, String pattern, List<String> enumValues) {
    super(name, sensitive);
    this.min = min;
    this.max = max;
    this.pattern = pattern == null ? null : Pattern.compile(pattern);
    this.enumValues = enumValues == null ? null : new HashSet<>(enumValues);
    this.patternText = pattern == null ? null : Constraints.pattern(pattern);
    this.minText = min < 0 ? null : Constraints.lengthAtLeast(min);
    this.maxText = max < 0 ? null : Constraints.lengthAtMost(max);
    this.enumText = enumValues == null ? null : Constraints.enumSet(enumValues);
    List<String> all = new ArrayList<>(4);
    addIfPresent(all, maxText);
    addIfPresent(all, minText);
    addIfPresent(all, patternText);
    addIfPresent(all, enumText);
    this.constraintList = Constraints.list(all);
  }

  private static void addIfPresent(List<String> list, String text) {
    if (text != null) {
      list.add(text);
    }
  }

  @Override
  void checkType(JsonNode value) {
    if (!value.isTextual()) {
      throw TypeMismatch.scalar(value, "a String");
    }
  }

  @Override
  void checkConstraints(JsonNode value, Validation validation) {
    if (constraintList == null) {
      return;
    }
    String s = value.textValue();
    if (pattern != null && !pattern.matcher(s).find()) {
      validation.fail(this, value, patternText);
    }
    if (max >= 0 || min > 0) {
      long length = length(s);
      if (max >= 0 && length > max) {
        validation.fail(this, value, maxText);
      }
      if (length < min) {
        validation.fail(this, value, minText);
      }
    }
    if (enumValues != null && !enumValues.contains(s)) {
      validation.fail(this, value, enumText);
    }
  }

  @Override
  boolean violates(JsonNode value) {
    if (constraintList == null) {
      return false;
    }
    String s = value.textValue();
    if (pattern != null && !pattern.matcher(s).find()) {
      return true;
    }
    long length = length(s);
    if ((max >= 0 && length > max) || length < min) {
      return true;
    }
    return enumValues != null && !enumValues.contains(s);
  }

  /** Length in code points; counts them only when UTF-16 length could disagree with a bound. */
  private long length(String s) {
    int units = s.length();
    boolean nearMax = max >= 0 && units > max;
    boolean nearMin = min > 0 && units < 2 * min;
    return nearMax || nearMin ? s.codePointCount(0, units) : units;
  }

  @Override
  String constraintList() {
    return constraintList;
  }
}

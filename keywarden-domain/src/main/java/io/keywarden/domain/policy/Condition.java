package io.keywarden.domain.policy;

import java.util.List;
import java.util.Objects;

/**
 * One condition: an operator applied to a context key and the policy's values.
 *
 * @param operator e.g. {@code StringEquals} (without qualifier or {@code IfExists})
 * @param qualifier {@code ForAllValues} / {@code ForAnyValue}, or none
 * @param ifExists whether {@code ...IfExists} was used
 * @param key the condition key as written (keys compare case-insensitively)
 */
public record Condition(
    ConditionOperator operator, SetQualifier qualifier, boolean ifExists, String key, List<String> values) {
  public Condition {
    Objects.requireNonNull(operator, "operator");
    Objects.requireNonNull(qualifier, "qualifier");
    Objects.requireNonNull(key, "key");
    values = List.copyOf(values);
  }

  /** Set operators for multivalued context keys. */
  public enum SetQualifier {
    NONE,
    FOR_ALL_VALUES,
    FOR_ANY_VALUE
  }
}

package io.keywarden.domain.policy;

import java.util.List;

/**
 * Evaluates one condition against a request, with AWS's rules ("Condition operators", "Single-valued
 * vs. multivalued context keys" in the IAM User Guide):
 *
 * <ul>
 *   <li>A key absent from the request: a positive operator is false, a negated one ({@code
 *       ...Not...}) true; {@code ...IfExists} makes it true; {@code ForAllValues} is true (vacuously),
 *       {@code ForAnyValue} false.
 *   <li>Without a qualifier, the condition holds if any context value matches any policy value (a
 *       negated operator: if none does).
 *   <li>{@code ForAllValues}: every context value matches some policy value (negated: matches none);
 *       {@code ForAnyValue}: some context value does.
 *   <li>{@code Null}: {@code true} holds when the key is absent, {@code false} when present.
 *   <li>A policy value whose variable has no value (and no default) matches nothing.
 * </ul>
 */
final class ConditionEvaluation {
  private ConditionEvaluation() {}

  static boolean holds(Condition c, RequestContext request, boolean variables) {
    return holds(c, request.values(c.key()), request, variables);
  }

  /**
   * @param values the request's values of the condition's key, or {@code null}
   * @param variables whether to substitute policy variables in the condition's values
   */
  static boolean holds(Condition c, List<String> values, RequestContext request, boolean variables) {
    ConditionOperator op = c.operator();
    if (op.isNull()) {
      boolean present = values != null && !values.isEmpty();
      for (String v : c.values()) {
        if (v.equalsIgnoreCase("true") ? !present : present) {
          return true;
        }
      }
      return false;
    }
    boolean absent = values == null || values.isEmpty();
    switch (c.qualifier()) {
      case FOR_ALL_VALUES:
        if (absent) {
          return true;
        }
        for (String v : values) {
          if (anyMatch(c, v, request, variables) == op.negated()) {
            return false;
          }
        }
        return true;
      case FOR_ANY_VALUE:
        if (absent) {
          return c.ifExists();
        }
        for (String v : values) {
          if (anyMatch(c, v, request, variables) != op.negated()) {
            return true;
          }
        }
        return false;
      default:
        if (absent) {
          return c.ifExists() || op.negated();
        }
        boolean matched = false;
        for (String v : values) {
          if (anyMatch(c, v, request, variables)) {
            matched = true;
            break;
          }
        }
        return matched != op.negated();
    }
  }

  private static boolean anyMatch(Condition c, String contextValue, RequestContext request, boolean variables) {
    for (String policyValue : c.values()) {
      if (variables) {
        PolicyVariables.Substituted s = PolicyVariables.substitute(policyValue, request);
        if (s != null && c.operator().compare(contextValue, s.value(), s.literal())) {
          return true;
        }
      } else if (c.operator().compare(contextValue, policyValue, null)) {
        return true;
      }
    }
    return false;
  }
}

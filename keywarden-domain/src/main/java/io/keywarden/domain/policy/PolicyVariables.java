package io.keywarden.domain.policy;

import java.util.List;

/**
 * Policy variables in Resource and Condition values (Version 2012-10-17): {@code ${aws:username}},
 * {@code ${aws:PrincipalTag/team}}, with an optional default ({@code ${aws:username, 'none'}}), and the
 * escapes {@code ${*}}, {@code ${?}}, {@code ${$}}. The escapes yield literal characters, so that
 * {@code ${*}} matches an asterisk, not any text.
 */
final class PolicyVariables {
  /** A value with its variables substituted, and where literal (escaped) wildcards are. */
  record Substituted(String value, boolean[] literal) {}

  private PolicyVariables() {}

  /** @return {@code null} if a variable has no value and no default (the value then matches nothing) */
  static Substituted substitute(String value, RequestContext context) {
    if (value.indexOf("${") < 0) {
      return new Substituted(value, null);
    }
    StringBuilder out = new StringBuilder(value.length());
    StringBuilder literal = new StringBuilder(value.length());
    int i = 0;
    while (i < value.length()) {
      int start = value.indexOf("${", i);
      int end = start < 0 ? -1 : value.indexOf('}', start);
      if (start < 0 || end < 0) {
        append(out, literal, value.substring(i), false);
        break;
      }
      append(out, literal, value.substring(i, start), false);
      String body = value.substring(start + 2, end).trim();
      if (body.equals("*") || body.equals("?") || body.equals("$")) {
        append(out, literal, body, true);
      } else {
        String name = body;
        String fallback = null;
        int comma = body.indexOf(',');
        if (comma >= 0) {
          name = body.substring(0, comma).trim();
          String d = body.substring(comma + 1).trim();
          if (d.length() >= 2 && d.startsWith("'") && d.endsWith("'")) {
            fallback = d.substring(1, d.length() - 1);
          }
        }
        List<String> v = context.values(name);
        String resolved = v == null || v.isEmpty() ? fallback : v.get(0);
        if (resolved == null) {
          return null;
        }
        append(out, literal, resolved, true);
      }
      i = end + 1;
    }
    boolean[] lit = new boolean[literal.length()];
    for (int k = 0; k < lit.length; k++) {
      lit[k] = literal.charAt(k) == 'L';
    }
    return new Substituted(out.toString(), lit);
  }

  private static void append(StringBuilder out, StringBuilder literal, String s, boolean isLiteral) {
    out.append(s);
    for (int k = 0; k < s.length(); k++) {
      literal.append(isLiteral ? 'L' : 'P');
    }
  }
}

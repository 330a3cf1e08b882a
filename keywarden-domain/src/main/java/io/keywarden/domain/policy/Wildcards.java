package io.keywarden.domain.policy;

/** IAM's glob matching: {@code *} matches any run of characters, {@code ?} any one character. */
final class Wildcards {
  private Wildcards() {}

  static boolean matches(String pattern, String value, boolean ignoreCase) {
    return matches(pattern, null, value, ignoreCase);
  }

  /** @param literal where {@code pattern}'s characters are literal (escaped), or {@code null} */
  static boolean matches(String pattern, boolean[] literal, String value, boolean ignoreCase) {
    int p = 0;
    int v = 0;
    int star = -1;
    int mark = 0;
    while (v < value.length()) {
      if (p < pattern.length()
          && ((pattern.charAt(p) == '?' && !isLiteral(literal, p))
              || (!(pattern.charAt(p) == '*' && !isLiteral(literal, p))
                  && same(pattern.charAt(p), value.charAt(v), ignoreCase)))) {
        p++;
        v++;
      } else if (p < pattern.length() && pattern.charAt(p) == '*' && !isLiteral(literal, p)) {
        star = p++;
        mark = v;
      } else if (star >= 0) {
        p = star + 1;
        v = ++mark;
      } else {
        return false;
      }
    }
    while (p < pattern.length() && pattern.charAt(p) == '*' && !isLiteral(literal, p)) {
      p++;
    }
    return p == pattern.length();
  }

  private static boolean isLiteral(boolean[] literal, int i) {
    return literal != null && literal[i];
  }

  private static boolean same(char a, char b, boolean ignoreCase) {
    return a == b || (ignoreCase && Character.toLowerCase(a) == Character.toLowerCase(b));
  }

  /**
   * ARN matching (ArnLike, ArnEquals, Resource): both split into their six colon-separated parts, each
   * part matched as a glob, case-sensitively.
   */
  static boolean arnMatches(String pattern, boolean[] literal, String arn) {
    if (pattern.equals("*") && !isLiteral(literal, 0)) {
      return true;
    }
    String[] a = arn.split(":", 6);
    int[] cuts = cuts(pattern);
    if (cuts == null || a.length != 6) {
      return matches(pattern, literal, arn, false);
    }
    for (int i = 0; i < 6; i++) {
      int from = i == 0 ? 0 : cuts[i - 1] + 1;
      int to = i == 5 ? pattern.length() : cuts[i];
      boolean[] part = literal == null ? null : java.util.Arrays.copyOfRange(literal, from, to);
      if (!matches(pattern.substring(from, to), part, a[i], false)) {
        return false;
      }
    }
    return true;
  }

  /** The positions of the first five colons, or {@code null} if there are fewer. */
  private static int[] cuts(String pattern) {
    int[] cuts = new int[5];
    int from = 0;
    for (int i = 0; i < 5; i++) {
      int c = pattern.indexOf(':', from);
      if (c < 0) {
        return null;
      }
      cuts[i] = c;
      from = c + 1;
    }
    return cuts;
  }
}

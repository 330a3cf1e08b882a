package io.keywarden.audit.format;

/** JSON string literals, written one way only (so that encoding stays canonical). */
final class JsonStrings {
  private static final char[] HEX = "0123456789abcdef".toCharArray();

  private JsonStrings() {}

  static void quote(StringBuilder b, String s) {
    b.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> b.append("\\\"");
        case '\\' -> b.append("\\\\");
        default -> {
          if (c < 0x20 || c == 0x2028 || c == 0x2029) {
            b.append("\\u")
                .append(HEX[(c >> 12) & 0xf]).append(HEX[(c >> 8) & 0xf])
                .append(HEX[(c >> 4) & 0xf]).append(HEX[c & 0xf]);
          } else {
            b.append(c);
          }
        }
      }
    }
    b.append('"');
  }

  /**
   * Reads the string literal starting at {@code start}; {@code end[0]} is set past its closing quote.
   *
   * @return {@code null} if there is no well-formed literal there
   */
  static String unquote(String s, int start, int[] end) {
    if (start >= s.length() || s.charAt(start) != '"') {
      return null;
    }
    StringBuilder b = new StringBuilder();
    int i = start + 1;
    while (i < s.length()) {
      char c = s.charAt(i++);
      if (c == '"') {
        end[0] = i;
        return b.toString();
      }
      if (c != '\\') {
        b.append(c);
        continue;
      }
      if (i >= s.length()) {
        return null;
      }
      char e = s.charAt(i++);
      switch (e) {
        case '"', '\\', '/' -> b.append(e);
        case 'b' -> b.append('\b');
        case 'f' -> b.append('\f');
        case 'n' -> b.append('\n');
        case 'r' -> b.append('\r');
        case 't' -> b.append('\t');
        case 'u' -> {
          if (i + 4 > s.length()) {
            return null;
          }
          try {
            b.append((char) Integer.parseInt(s, i, i + 4, 16));
          } catch (NumberFormatException x) {
            return null;
          }
          i += 4;
        }
        default -> {
          return null;
        }
      }
    }
    return null;
  }
}

package io.keywarden.protocol.sigv4;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;

/**
 * SigV4's URI encoding: every octet except the unreserved {@code A-Z a-z 0-9 - . _ ~} becomes
 * {@code %XX}. Applied to the already percent-encoded path, it gives the double encoding that AWS
 * services other than S3 expect.
 */
final class UriEncoding {
  private static final boolean[] UNRESERVED = new boolean[256];

  static {
    for (int c = 'A'; c <= 'Z'; c++) {
      UNRESERVED[c] = true;
    }
    for (int c = 'a'; c <= 'z'; c++) {
      UNRESERVED[c] = true;
    }
    for (int c = '0'; c <= '9'; c++) {
      UNRESERVED[c] = true;
    }
    UNRESERVED['-'] = true;
    UNRESERVED['.'] = true;
    UNRESERVED['_'] = true;
    UNRESERVED['~'] = true;
  }

  private UriEncoding() {}

  /** The canonical URI: the path with dot segments removed, each octet but {@code /} encoded. */
  static void canonicalPath(ByteSink out, String rawPath) {
    String path = rawPath.isEmpty() ? "/" : rawPath;
    if (path.contains("/.")) {
      path = normalize(path);
    }
    if (path.charAt(0) != '/') {
      out.octet('/');
    }
    for (int i = 0; i < path.length(); i++) {
      int c = path.charAt(i) & 0xFF;
      if (c == '/' || UNRESERVED[c]) {
        out.octet(c);
      } else {
        out.percent(c);
      }
    }
  }

  private static String normalize(String path) {
    try {
      String normalized = URI.create(path).normalize().getRawPath();
      return normalized == null || normalized.isEmpty() ? "/" : normalized;
    } catch (IllegalArgumentException e) {
      return path;
    }
  }

  /** The canonical query string: parameters decoded, re-encoded, sorted by name then value. */
  static void canonicalQuery(ByteSink out, String rawQuery) {
    if (rawQuery.isEmpty()) {
      return;
    }
    List<String[]> pairs = new ArrayList<>();
    int start = 0;
    while (start <= rawQuery.length()) {
      int end = rawQuery.indexOf('&', start);
      if (end < 0) {
        end = rawQuery.length();
      }
      if (end > start) {
        int eq = rawQuery.indexOf('=', start);
        if (eq < 0 || eq > end) {
          eq = end;
        }
        String name = reencode(rawQuery, start, eq);
        String value = eq < end ? reencode(rawQuery, eq + 1, end) : "";
        pairs.add(new String[] {name, value});
      }
      start = end + 1;
    }
    pairs.sort((a, b) -> {
      int byName = a[0].compareTo(b[0]);
      return byName != 0 ? byName : a[1].compareTo(b[1]);
    });
    for (int i = 0; i < pairs.size(); i++) {
      if (i > 0) {
        out.octet('&');
      }
      out.octets(pairs.get(i)[0]).octet('=').octets(pairs.get(i)[1]);
    }
  }

  /** Percent-decodes {@code s[from, to)} (a {@code +} stays a {@code +}) and encodes it again. */
  private static String reencode(String s, int from, int to) {
    StringBuilder out = new StringBuilder((to - from) + 8);
    for (int i = from; i < to; i++) {
      int c = s.charAt(i) & 0xFF;
      if (c == '%' && i + 2 < to && hex(s.charAt(i + 1)) >= 0 && hex(s.charAt(i + 2)) >= 0) {
        c = hex(s.charAt(i + 1)) << 4 | hex(s.charAt(i + 2));
        i += 2;
      }
      if (UNRESERVED[c]) {
        out.append((char) c);
      } else {
        out.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
            .append(Character.toUpperCase(Character.forDigit(c & 0xF, 16)));
      }
    }
    return out.toString();
  }

  private static int hex(char c) {
    return Character.digit(c, 16);
  }
}

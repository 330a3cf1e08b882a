package io.keywarden.protocol.query;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The parameters of an {@code application/x-www-form-urlencoded} body or of a query string: {@code
 * name=value} pairs joined by {@code &}, with {@code +} for a space and {@code %XX} for any octet,
 * decoded as UTF-8 (invalid sequences become U+FFFD). A {@code %} not followed by two hex digits is
 * kept as it is. A name without {@code =} has the empty value. When a name comes twice, the first
 * value counts. Not thread-safe; holds request data, so it has no {@code toString}.
 */
public final class FormParameters {
  private final Map<String, String> values;

  private FormParameters(Map<String, String> values) {
    this.values = values;
  }

  /** Decodes the octets {@code [offset, offset + length)} of a body. */
  public static FormParameters parse(byte[] form, int offset, int length) {
    Map<String, String> values = new LinkedHashMap<>();
    ByteArrayOutputStream scratch = new ByteArrayOutputStream(64);
    int end = offset + length;
    int start = offset;
    while (start < end) {
      int amp = indexOf(form, (byte) '&', start, end);
      int eq = indexOf(form, (byte) '=', start, amp);
      if (amp > start) {
        String name = decode(form, start, eq, scratch);
        String value = eq < amp ? decode(form, eq + 1, amp, scratch) : "";
        values.putIfAbsent(name, value);
      }
      start = amp + 1;
    }
    return new FormParameters(values);
  }

  /** Decodes a query string (without the {@code ?}), as received: one {@code char} per octet. */
  public static FormParameters parse(String rawQuery) {
    byte[] octets = rawQuery.getBytes(StandardCharsets.ISO_8859_1);
    return parse(octets, 0, octets.length);
  }

  /** The value of a parameter, or {@code null}. */
  public String get(String name) {
    return values.get(name);
  }

  /** Every parameter, in the order received. */
  public Map<String, String> all() {
    return Collections.unmodifiableMap(values);
  }

  private static int indexOf(byte[] bytes, byte b, int from, int end) {
    for (int i = from; i < end; i++) {
      if (bytes[i] == b) {
        return i;
      }
    }
    return end;
  }

  private static String decode(byte[] form, int from, int to, ByteArrayOutputStream scratch) {
    scratch.reset();
    for (int i = from; i < to; i++) {
      byte b = form[i];
      if (b == '+') {
        scratch.write(' ');
      } else if (b == '%' && hex(form, i + 1, to) >= 0) {
        scratch.write(hex(form, i + 1, to));
        i += 2;
      } else {
        scratch.write(b);
      }
    }
    return scratch.toString(StandardCharsets.UTF_8);
  }

  /** The octet {@code %XX} at {@code at} encodes, or -1 if there are not two hex digits there. */
  private static int hex(byte[] form, int at, int to) {
    if (at + 1 >= to) {
      return -1;
    }
    int high = Character.digit(form[at], 16);
    int low = Character.digit(form[at + 1], 16);
    return high < 0 || low < 0 ? -1 : high << 4 | low;
  }
}

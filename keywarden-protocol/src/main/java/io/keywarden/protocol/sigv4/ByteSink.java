package io.keywarden.protocol.sigv4;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** A reusable, growable byte buffer for building canonical requests without intermediate strings. */
final class ByteSink {
  private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] HEX_UPPER = "0123456789ABCDEF".getBytes(StandardCharsets.US_ASCII);

  private byte[] bytes;
  private int length;

  ByteSink(int capacity) {
    bytes = new byte[capacity];
  }

  void reset() {
    length = 0;
  }

  byte[] bytes() {
    return bytes;
  }

  int length() {
    return length;
  }

  private void ensure(int extra) {
    if (length + extra > bytes.length) {
      bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, length + extra));
    }
  }

  ByteSink octet(int b) {
    ensure(1);
    bytes[length++] = (byte) b;
    return this;
  }

  /** Appends {@code s[from, to)} one octet per char (see {@link SignedRequest}). */
  ByteSink octets(String s, int from, int to) {
    ensure(to - from);
    for (int i = from; i < to; i++) {
      char c = s.charAt(i);
      if (c > 0xFF) {
        return wide(s, i, to);
      }
      bytes[length++] = (byte) c;
    }
    return this;
  }

  ByteSink octets(String s) {
    return octets(s, 0, s.length());
  }

  private ByteSink wide(String s, int from, int to) {
    byte[] utf8 = s.substring(from, to).getBytes(StandardCharsets.UTF_8);
    ensure(utf8.length);
    System.arraycopy(utf8, 0, bytes, length, utf8.length);
    length += utf8.length;
    return this;
  }

  ByteSink bytes(byte[] b, int from, int count) {
    ensure(count);
    System.arraycopy(b, from, bytes, length, count);
    length += count;
    return this;
  }

  /** Appends {@code %XX} (upper-case hex) for one octet. */
  ByteSink percent(int octet) {
    ensure(3);
    bytes[length++] = '%';
    bytes[length++] = HEX_UPPER[(octet >> 4) & 0xF];
    bytes[length++] = HEX_UPPER[octet & 0xF];
    return this;
  }

  /** Appends lower-case hex. */
  ByteSink hex(byte[] b) {
    ensure(b.length * 2);
    for (byte x : b) {
      bytes[length++] = HEX[(x >> 4) & 0xF];
      bytes[length++] = HEX[x & 0xF];
    }
    return this;
  }
}

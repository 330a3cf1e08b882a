package io.keywarden.audit.format;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/** SHA-256 of a record line (its UTF-8 bytes without the newline), as 64 lowercase hex digits. */
public final class ChainHash {
  /** The {@code prev} of the very first record, and the {@code prevDigest} of the first digest. */
  public static final String ZERO = "0".repeat(64);

  /** The two hex digits of each byte value, {@code 00} to {@code ff}, one after the other. */
  private static final byte[] HEX_PAIRS = hexPairs();

  private ChainHash() {}

  public static String of(byte[] line) {
    return hex(sha256().digest(line));
  }

  public static String of(byte[] buffer, int offset, int length) {
    MessageDigest md = sha256();
    md.update(buffer, offset, length);
    return hex(md.digest());
  }

  /**
   * {@code bytes} as lowercase hex digits, as {@link java.util.HexFormat#formatHex(byte[])} writes them,
   * with one copy fewer (the log hexes one hash per record; issue 5).
   */
  public static String hex(byte[] bytes) {
    return new String(hexBytes(bytes), StandardCharsets.ISO_8859_1);
  }

  /** {@link #hex} as ASCII bytes. */
  public static byte[] hexBytes(byte[] bytes) {
    byte[] digits = new byte[bytes.length * 2];
    for (int i = 0; i < bytes.length; i++) {
      int pair = (bytes[i] & 0xff) * 2;
      digits[2 * i] = HEX_PAIRS[pair];
      digits[2 * i + 1] = HEX_PAIRS[pair + 1];
    }
    return digits;
  }

  /** {@code true} for 64 lowercase hex digits. */
  public static boolean isHash(String s) {
    if (s.length() != 64) {
      return false;
    }
    for (int i = 0; i < 64; i++) {
      char c = s.charAt(i);
      if (!(c >= '0' && c <= '9' || c >= 'a' && c <= 'f')) {
        return false;
      }
    }
    return true;
  }

  private static byte[] hexPairs() {
    byte[] digits = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
    byte[] pairs = new byte[512];
    for (int b = 0; b < 256; b++) {
      pairs[2 * b] = digits[b >> 4];
      pairs[2 * b + 1] = digits[b & 0xf];
    }
    return pairs;
  }

  public static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }
}

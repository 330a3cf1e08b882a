package io.keywarden.audit.format;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/** SHA-256 of a record line (its UTF-8 bytes without the newline), as 64 lowercase hex digits. */
public final class ChainHash {
  /** The {@code prev} of the very first record, and the {@code prevDigest} of the first digest. */
  public static final String ZERO = "0".repeat(64);

  private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

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
   * with one copy fewer (the writer hexes one hash per record; issue 5).
   */
  public static String hex(byte[] bytes) {
    byte[] digits = new byte[bytes.length * 2];
    for (int i = 0; i < bytes.length; i++) {
      digits[2 * i] = HEX[(bytes[i] >> 4) & 0xf];
      digits[2 * i + 1] = HEX[bytes[i] & 0xf];
    }
    return new String(digits, StandardCharsets.ISO_8859_1);
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

  public static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }
}

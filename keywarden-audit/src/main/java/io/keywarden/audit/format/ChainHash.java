package io.keywarden.audit.format;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** SHA-256 of a record line (its UTF-8 bytes without the newline), as 64 lowercase hex digits. */
public final class ChainHash {
  /** The {@code prev} of the very first record, and the {@code prevDigest} of the first digest. */
  public static final String ZERO = "0".repeat(64);

  private static final HexFormat HEX = HexFormat.of();

  private ChainHash() {}

  public static String of(byte[] line) {
    return HEX.formatHex(sha256().digest(line));
  }

  public static String of(byte[] buffer, int offset, int length) {
    MessageDigest md = sha256();
    md.update(buffer, offset, length);
    return HEX.formatHex(md.digest());
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

package io.keywarden.domain.key;

import java.security.SecureRandom;
import java.util.HexFormat;

/** Key material identifiers: 32 random bytes, shown as 64 lowercase hex characters. */
public final class MaterialIds {
  public static final int BYTES = 32;
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final HexFormat HEX = HexFormat.of();

  private MaterialIds() {}

  public static String random() {
    byte[] id = new byte[BYTES];
    RANDOM.nextBytes(id);
    return HEX.formatHex(id);
  }

  public static byte[] toBytes(String materialId) {
    return HEX.parseHex(materialId);
  }

  public static String fromBytes(byte[] id) {
    if (id.length != BYTES) {
      throw new IllegalArgumentException("material id must be " + BYTES + " bytes");
    }
    return HEX.formatHex(id);
  }

  public static boolean isValid(String materialId) {
    if (materialId == null || materialId.length() != BYTES * 2) {
      return false;
    }
    for (int i = 0; i < materialId.length(); i++) {
      char c = materialId.charAt(i);
      if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
        return false;
      }
    }
    return true;
  }
}

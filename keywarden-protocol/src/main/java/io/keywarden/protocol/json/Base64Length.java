package io.keywarden.protocol.json;

/**
 * Checks base64 text without decoding it. Accepts exactly what {@link java.util.Base64#getDecoder()}
 * accepts (the standard alphabet; padding optional but, when present, complete), so that a service
 * decoding a validated blob never fails.
 */
final class Base64Length {
  private static final boolean[] ALPHABET = new boolean[128];

  static {
    for (char c = 'A'; c <= 'Z'; c++) {
      ALPHABET[c] = true;
    }
    for (char c = 'a'; c <= 'z'; c++) {
      ALPHABET[c] = true;
    }
    for (char c = '0'; c <= '9'; c++) {
      ALPHABET[c] = true;
    }
    ALPHABET['+'] = true;
    ALPHABET['/'] = true;
  }

  private Base64Length() {}

  /** The number of bytes {@code text} decodes to, or -1 if it is not valid base64. */
  static int decodedLength(String text) {
    int n = text.length();
    if (n == 0) {
      return 0;
    }
    int padding = 0;
    if (text.charAt(n - 1) == '=') {
      padding = n >= 2 && text.charAt(n - 2) == '=' ? 2 : 1;
      if (n % 4 != 0) {
        return -1;
      }
    }
    int data = n - padding;
    for (int i = 0; i < data; i++) {
      char c = text.charAt(i);
      if (c >= 128 || !ALPHABET[c]) {
        return -1;
      }
    }
    int rest = data % 4;
    if (rest == 1) {
      return -1;
    }
    return data / 4 * 3 + (rest == 0 ? 0 : rest - 1);
  }
}

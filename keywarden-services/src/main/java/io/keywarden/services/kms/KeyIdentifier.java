package io.keywarden.services.kms;

/**
 * A parsed {@code KeyId} request member: a key id, a key ARN, an alias name or an alias ARN (KMS API
 * reference, "KeyId" of Encrypt and DescribeKey).
 */
sealed interface KeyIdentifier {

  /** The text as the caller sent it. */
  String input();

  /** A bare key id: a UUID, or {@code mrk-} and 32 hex digits. */
  record Id(String input, String keyId) implements KeyIdentifier {}

  /** {@code arn:aws:kms:<region>:<account>:key/<key-id>}. */
  record KeyArn(String input, String region, String accountId, String keyId) implements KeyIdentifier {}

  /** {@code alias/<name>}. */
  record AliasName(String input, String aliasName) implements KeyIdentifier {}

  /** {@code arn:aws:kms:<region>:<account>:alias/<name>}. */
  record AliasArn(String input, String region, String accountId, String aliasName)
      implements KeyIdentifier {}

  /** Something else: no key can have this identifier. */
  record Malformed(String input) implements KeyIdentifier {}

  static KeyIdentifier parse(String s) {
    if (s.startsWith("arn:")) {
      return parseArn(s);
    }
    if (s.startsWith("alias/")) {
      return new AliasName(s, s);
    }
    return isKeyId(s) ? new Id(s, s) : new Malformed(s);
  }

  private static KeyIdentifier parseArn(String s) {
    // arn:<partition>:kms:<region>:<account>:<resource>
    String[] parts = s.split(":", 6);
    if (parts.length != 6 || !parts[2].equals("kms") || parts[1].isEmpty() || parts[3].isEmpty()
        || !isAccountId(parts[4])) {
      return new Malformed(s);
    }
    String resource = parts[5];
    if (resource.startsWith("key/") && isKeyId(resource.substring(4))) {
      return new KeyArn(s, parts[3], parts[4], resource.substring(4));
    }
    if (resource.startsWith("alias/") && resource.length() > 6) {
      return new AliasArn(s, parts[3], parts[4], resource);
    }
    return new Malformed(s);
  }

  static boolean isKeyId(String s) {
    if (s.startsWith("mrk-")) {
      return s.length() == 36 && isHex(s, 4, 36);
    }
    if (s.length() != 36) {
      return false;
    }
    for (int i = 0; i < 36; i++) {
      char c = s.charAt(i);
      boolean dash = i == 8 || i == 13 || i == 18 || i == 23;
      if (dash ? c != '-' : !isHexChar(c)) {
        return false;
      }
    }
    return true;
  }

  private static boolean isAccountId(String s) {
    if (s.length() != 12) {
      return false;
    }
    for (int i = 0; i < 12; i++) {
      if (s.charAt(i) < '0' || s.charAt(i) > '9') {
        return false;
      }
    }
    return true;
  }

  private static boolean isHex(String s, int from, int to) {
    for (int i = from; i < to; i++) {
      if (!isHexChar(s.charAt(i))) {
        return false;
      }
    }
    return true;
  }

  private static boolean isHexChar(char c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
  }
}

package io.keywarden.protocol.http;

/**
 * The credential scope an {@code Authorization} header names ({@code Credential=AKID/date/region/
 * service/aws4_request}), read leniently before SigV4 verifies the header in full: to pick a Query
 * service, and to say in the audit record of a call refused before authentication which access key
 * and region it named.
 *
 * @param accessKeyId the access key id, or {@code null} if it is not a plausible one
 */
record CredentialScope(String accessKeyId, String region, String service) {
  private static final int MAX_ACCESS_KEY_ID = 128;

  /** The scope of {@code authorization}, or {@code null} if it names none. */
  static CredentialScope of(String authorization) {
    if (authorization == null) {
      return null;
    }
    int at = authorization.indexOf("Credential=");
    if (at < 0) {
      return null;
    }
    int start = at + "Credential=".length();
    int end = start;
    while (end < authorization.length() && authorization.charAt(end) != ',' && authorization.charAt(end) != ' ') {
      end++;
    }
    String[] scope = authorization.substring(start, end).split("/", -1);
    if (scope.length != 5) {
      return null;
    }
    return new CredentialScope(plausibleKeyId(scope[0]), token(scope[2]), token(scope[3]));
  }

  /** Letters and digits only, at most 128: anything else is not recorded. */
  private static String plausibleKeyId(String id) {
    if (id.isEmpty() || id.length() > MAX_ACCESS_KEY_ID) {
      return null;
    }
    for (int i = 0; i < id.length(); i++) {
      char c = id.charAt(i);
      if (!(c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9')) {
        return null;
      }
    }
    return id;
  }

  /** A region or service name: lower-case letters, digits and dashes, at most 64; else {@code null}. */
  private static String token(String s) {
    if (s.isEmpty() || s.length() > 64) {
      return null;
    }
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (!(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-')) {
        return null;
      }
    }
    return s;
  }
}

package io.keywarden.protocol.sigv4;

import java.util.ArrayList;
import java.util.List;

/**
 * A parsed {@code Authorization: AWS4-HMAC-SHA256 Credential=<akid>/<date>/<region>/<service>/
 * aws4_request, SignedHeaders=<a;b>, Signature=<hex>} header. Parsing uses no regular expressions.
 */
final class AuthorizationHeader {
  static final String ALGORITHM = "AWS4-HMAC-SHA256";

  final String credential;
  final String signedHeaders;
  final String signature;
  final String accessKeyId;
  final String date;
  final String region;
  final String service;
  final String terminator;
  /** {@code <date>/<region>/<service>/<terminator>}: the credential without the access key. */
  final String scope;

  private AuthorizationHeader(String credential, String signedHeaders, String signature, String[] parts) {
    this.credential = credential;
    this.signedHeaders = signedHeaders;
    this.signature = signature;
    this.accessKeyId = parts[0];
    this.date = parts[1];
    this.region = parts[2];
    this.service = parts[3];
    this.terminator = parts[4];
    this.scope = credential.substring(parts[0].length() + 1);
  }

  /**
   * @param hasDate whether the request has an {@code X-Amz-Date} or {@code Date} header
   * @throws io.keywarden.services.api.ApiException {@code IncompleteSignatureException} naming each
   *     missing part, as AWS does
   */
  static AuthorizationHeader parse(String header, boolean hasDate) {
    int n = header.length();
    int start = 0;
    while (start < n && isSpace(header.charAt(start))) {
      start++;
    }
    int algorithmEnd = start;
    while (algorithmEnd < n && !isSpace(header.charAt(algorithmEnd))) {
      algorithmEnd++;
    }
    String credential = null;
    String signedHeaders = null;
    String signature = null;
    if (header.regionMatches(start, ALGORITHM, 0, ALGORITHM.length())
        && algorithmEnd - start == ALGORITHM.length()) {
      int p = algorithmEnd;
      while (p < n) {
        int comma = header.indexOf(',', p);
        int end = comma < 0 ? n : comma;
        int s = p;
        int e = end;
        while (s < e && isSpace(header.charAt(s))) {
          s++;
        }
        while (e > s && isSpace(header.charAt(e - 1))) {
          e--;
        }
        int eq = header.indexOf('=', s);
        if (eq > s && eq < e) {
          String value = header.substring(eq + 1, e);
          if (is(header, s, eq, "Credential")) {
            credential = value;
          } else if (is(header, s, eq, "SignedHeaders")) {
            signedHeaders = value;
          } else if (is(header, s, eq, "Signature")) {
            signature = value;
          }
        }
        p = end + 1;
      }
    } else if (header.startsWith("AWS4-", start)) {
      throw SigV4Errors.incomplete(
          "Unsupported AWS 'algorithm': '" + header.substring(start, algorithmEnd) + "'.");
    }
    if (credential == null || signedHeaders == null || signature == null || !hasDate) {
      StringBuilder message = new StringBuilder(256);
      if (credential == null) {
        message.append("Authorization header requires 'Credential' parameter. ");
      }
      if (signature == null) {
        message.append("Authorization header requires 'Signature' parameter. ");
      }
      if (signedHeaders == null) {
        message.append("Authorization header requires 'SignedHeaders' parameter. ");
      }
      if (!hasDate) {
        message.append(
            "Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header. ");
      }
      throw SigV4Errors.incomplete(message.append("Authorization=").append(header).toString());
    }
    String[] parts = splitCredential(credential);
    if (parts == null) {
      throw SigV4Errors.incomplete(
          "Credential must have exactly 5 slash-delimited elements, e.g. keyid/date/region/service/term,"
              + " got '" + credential + "'");
    }
    return new AuthorizationHeader(credential, signedHeaders, signature, parts);
  }

  private static boolean is(String s, int from, int to, String key) {
    return to - from == key.length() && s.regionMatches(from, key, 0, key.length());
  }

  private static boolean isSpace(char c) {
    return c == ' ' || c == '\t';
  }

  private static String[] splitCredential(String credential) {
    String[] parts = new String[5];
    int from = 0;
    for (int i = 0; i < 4; i++) {
      int slash = credential.indexOf('/', from);
      if (slash < 0) {
        return null;
      }
      parts[i] = credential.substring(from, slash);
      from = slash + 1;
    }
    if (credential.indexOf('/', from) >= 0) {
      return null;
    }
    parts[4] = credential.substring(from);
    return parts;
  }

  /** The signed header names, lower-cased, in the order given. */
  List<String> signedHeaderNames() {
    List<String> names = new ArrayList<>(8);
    int from = 0;
    int n = signedHeaders.length();
    while (from <= n) {
      int semi = signedHeaders.indexOf(';', from);
      int end = semi < 0 ? n : semi;
      if (end > from) {
        names.add(lower(signedHeaders.substring(from, end)));
      }
      from = end + 1;
    }
    return names;
  }

  private static String lower(String name) {
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (c >= 'A' && c <= 'Z') {
        return name.toLowerCase(java.util.Locale.ROOT);
      }
    }
    return name;
  }
}

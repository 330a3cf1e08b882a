package io.keywarden.protocol.sigv4;

import java.util.List;

/**
 * Writes SigV4's canonical request: method, canonical URI, canonical query string, canonical headers
 * (in the signed order, values trimmed with inner whitespace runs collapsed, several values joined
 * with commas), the signed header list as the client sent it, and the payload hash.
 */
final class CanonicalRequest {
  private CanonicalRequest() {}

  static void write(
      ByteSink out,
      SignedRequest request,
      List<String> signedHeaders,
      String signedHeadersAsSent,
      byte[] payloadHash) {
    out.octets(request.method()).octet('\n');
    UriEncoding.canonicalPath(out, request.rawPath());
    out.octet('\n');
    UriEncoding.canonicalQuery(out, request.rawQuery());
    out.octet('\n');
    for (String name : signedHeaders) {
      out.octets(name).octet(':');
      List<String> values = request.headerValues(name);
      for (int i = 0; i < values.size(); i++) {
        if (i > 0) {
          out.octet(',');
        }
        trimmed(out, values.get(i));
      }
      out.octet('\n');
    }
    out.octet('\n');
    out.octets(signedHeadersAsSent).octet('\n');
    out.bytes(payloadHash, 0, payloadHash.length);
  }

  /**
   * Appends {@code value} without leading or trailing whitespace, each inner run of whitespace kept
   * as its first character (as the AWS SDKs canonicalize).
   */
  private static void trimmed(ByteSink out, String value) {
    int start = 0;
    int end = value.length();
    while (start < end && isWhitespace(value.charAt(start))) {
      start++;
    }
    while (end > start && isWhitespace(value.charAt(end - 1))) {
      end--;
    }
    boolean previousWhitespace = false;
    int runStart = start;
    for (int i = start; i < end; i++) {
      boolean whitespace = isWhitespace(value.charAt(i));
      if (whitespace && previousWhitespace) {
        out.octets(value, runStart, i);
        runStart = skipWhitespace(value, i, end);
        i = runStart - 1;
        previousWhitespace = false;
        continue;
      }
      previousWhitespace = whitespace;
    }
    out.octets(value, runStart, end);
  }

  private static int skipWhitespace(String value, int from, int end) {
    int i = from;
    while (i < end && isWhitespace(value.charAt(i))) {
      i++;
    }
    return i;
  }

  private static boolean isWhitespace(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\u000b' || c == '\r' || c == '\f';
  }
}

package io.keywarden.server.seed;

import java.util.Base64;

/** PEM decoding of the PKCS#8 private keys seed files may hold. */
final class Pem {
  private static final String BEGIN = "-----BEGIN PRIVATE KEY-----";
  private static final String END = "-----END PRIVATE KEY-----";

  private Pem() {}

  /** The DER bytes of a {@code BEGIN PRIVATE KEY} block. */
  static byte[] pkcs8(String pem, String where) {
    int b = pem.indexOf(BEGIN);
    int e = pem.indexOf(END);
    if (b < 0 || e < b) {
      throw new IllegalArgumentException(
          where + ": privateKeyPem must be a PKCS#8 '" + BEGIN + "' block"
              + " (convert with: openssl pkcs8 -topk8 -nocrypt -in key.pem)");
    }
    String body = pem.substring(b + BEGIN.length(), e).replaceAll("\\s", "");
    try {
      return Base64.getDecoder().decode(body);
    } catch (IllegalArgumentException x) {
      throw new IllegalArgumentException(where + ": privateKeyPem is not valid base64");
    }
  }
}

package io.keywarden.server.cli;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.StringJoiner;
import java.util.TreeMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signs an AWS JSON 1.1 call ({@code POST /}) with Signature Version 4 ("Create a signed AWS API
 * request", IAM User Guide), as the AWS SDKs do for KMS: signed headers {@code content-type}, {@code
 * host}, {@code x-amz-date}, {@code x-amz-security-token} (with temporary credentials) and {@code
 * x-amz-target}. The server side of this is {@code io.keywarden.protocol.sigv4.SigV4Verifier}, which is
 * built for verifying many requests fast; this is the few lines a client needs.
 */
final class SigV4Signer {
  static final String CONTENT_TYPE = "application/x-amz-json-1.1";
  private static final DateTimeFormatter AMZ_DATE =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);
  private static final HexFormat HEX = HexFormat.of();

  private SigV4Signer() {}

  /**
   * The headers to send (besides {@code Host}, which the HTTP client sets to {@link #host}).
   *
   * @param service the credential scope's service, e.g. {@code kms}
   */
  static Map<String, String> sign(
      AwsCredentials credentials, String service, URI endpoint, String target, byte[] body, Instant now) {
    String amzDate = AMZ_DATE.format(now);
    String day = amzDate.substring(0, 8);
    TreeMap<String, String> signed = new TreeMap<>();
    signed.put("content-type", CONTENT_TYPE);
    signed.put("host", host(endpoint));
    signed.put("x-amz-date", amzDate);
    if (credentials.sessionToken != null) {
      signed.put("x-amz-security-token", credentials.sessionToken);
    }
    signed.put("x-amz-target", target);

    StringBuilder canonical = new StringBuilder("POST\n/\n\n");
    StringJoiner names = new StringJoiner(";");
    signed.forEach((k, v) -> {
      canonical.append(k).append(':').append(v.strip()).append('\n');
      names.add(k);
    });
    canonical.append('\n').append(names).append('\n').append(HEX.formatHex(sha256(body)));
    String scope = day + "/" + credentials.region + "/" + service + "/aws4_request";
    String toSign = "AWS4-HMAC-SHA256\n" + amzDate + "\n" + scope + "\n"
        + HEX.formatHex(sha256(canonical.toString().getBytes(StandardCharsets.UTF_8)));

    byte[] key = signingKey(credentials, day, service);
    String signature = HEX.formatHex(hmac(key, toSign));
    Arrays.fill(key, (byte) 0);

    Map<String, String> headers = new LinkedHashMap<>(signed);
    headers.remove("host");
    headers.put("authorization", "AWS4-HMAC-SHA256 Credential=" + credentials.accessKeyId + "/" + scope
        + ", SignedHeaders=" + names + ", Signature=" + signature);
    return headers;
  }

  /** The {@code Host} header Java's HTTP client sends for {@code endpoint}: the port unless default. */
  static String host(URI endpoint) {
    int port = endpoint.getPort();
    boolean defaultPort = port == -1
        || port == 80 && "http".equalsIgnoreCase(endpoint.getScheme())
        || port == 443 && "https".equalsIgnoreCase(endpoint.getScheme());
    return defaultPort ? endpoint.getHost() : endpoint.getHost() + ":" + port;
  }

  private static byte[] signingKey(AwsCredentials credentials, String day, String service) {
    char[] secret = credentials.secretAccessKey();
    char[] prefixed = new char[secret.length + 4];
    byte[] seed = new byte[0];
    try {
      "AWS4".getChars(0, 4, prefixed, 0);
      System.arraycopy(secret, 0, prefixed, 4, secret.length);
      java.nio.ByteBuffer encoded = StandardCharsets.UTF_8.encode(java.nio.CharBuffer.wrap(prefixed));
      seed = new byte[encoded.remaining()];
      encoded.get(seed);
      if (encoded.hasArray()) {
        Arrays.fill(encoded.array(), (byte) 0);
      }
      byte[] k = hmac(seed, day);
      k = hmac(k, credentials.region);
      k = hmac(k, service);
      return hmac(k, "aws4_request");
    } finally {
      Arrays.fill(secret, '\0');
      Arrays.fill(prefixed, '\0');
      Arrays.fill(seed, (byte) 0);
    }
  }

  private static byte[] hmac(byte[] key, String data) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 unavailable", e);
    }
  }

  private static byte[] sha256(byte[] data) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(data);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("SHA-256 unavailable", e);
    }
  }
}

package io.keywarden.services.identity;

import io.keywarden.domain.identity.Principal;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Objects;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * An access key's principal and secret. The secret never leaves this object: the protocol layer asks
 * for the SigV4 signing key derived from it. No {@code toString} or {@code equals} that could show it.
 */
public final class SigningCredential {
  private final Principal principal;
  private final byte[] secretWithPrefix;

  public SigningCredential(Principal principal, char[] secretAccessKey) {
    this.principal = Objects.requireNonNull(principal, "principal");
    java.nio.ByteBuffer secret =
        StandardCharsets.UTF_8.encode(java.nio.CharBuffer.wrap(secretAccessKey));
    this.secretWithPrefix = new byte[4 + secret.remaining()];
    System.arraycopy("AWS4".getBytes(StandardCharsets.US_ASCII), 0, secretWithPrefix, 0, 4);
    secret.get(secretWithPrefix, 4, secret.remaining());
    java.util.Arrays.fill(secret.array(), (byte) 0);
  }

  public Principal principal() {
    return principal;
  }

  /**
   * The SigV4 signing key: HMAC chain of "AWS4"+secret over date (yyyyMMdd), region, service and
   * {@code aws4_request}.
   */
  public byte[] sigV4SigningKey(String date, String region, String service) {
    byte[] k = hmac(secretWithPrefix, date);
    k = hmac(k, region);
    k = hmac(k, service);
    return hmac(k, "aws4_request");
  }

  private static byte[] hmac(byte[] key, String data) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public String toString() {
    return "SigningCredential[" + principal.accessKeyId() + "]";
  }
}

package io.keywarden.protocol.sigv4;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import javax.crypto.Mac;

/** Per-thread SHA-256, HMAC-SHA256 and buffers, so that verification allocates little. */
final class Scratch {
  private static final ThreadLocal<Scratch> LOCAL = ThreadLocal.withInitial(Scratch::new);

  final MessageDigest sha256;
  final Mac hmac;
  final ByteSink sink = new ByteSink(1024);
  final ByteSink expected = new ByteSink(64);

  private Scratch() {
    try {
      sha256 = MessageDigest.getInstance("SHA-256");
      hmac = Mac.getInstance("HmacSHA256");
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("SHA-256 and HmacSHA256 are required", e);
    }
  }

  static Scratch get() {
    return LOCAL.get();
  }
}

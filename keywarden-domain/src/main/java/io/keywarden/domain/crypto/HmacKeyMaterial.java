package io.keywarden.domain.crypto;

import io.keywarden.domain.key.KeySpec;
import io.keywarden.domain.key.KeySpecs;
import io.keywarden.domain.key.MacAlgorithm;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The key of an HMAC KMS key (as long as the hash's output: 28, 32, 48 or 64 bytes). Computes and
 * verifies MACs; verification compares in constant time. No {@code toString} or {@code equals}.
 */
public final class HmacKeyMaterial implements KeyMaterial {
  private final byte[] key;
  private final SecretKeySpec spec;

  private HmacKeyMaterial(byte[] key) {
    this.key = key;
    this.spec = new SecretKeySpec(key, "HMAC");
  }

  public static HmacKeyMaterial generate(KeySpec spec) {
    return new HmacKeyMaterial(Randomness.bytes(KeySpecs.hmacKeyBytes(spec)));
  }

  /** From stored or seeded bytes, which must have the spec's length. */
  public static HmacKeyMaterial copyOf(KeySpec spec, byte[] key) {
    if (key.length != KeySpecs.hmacKeyBytes(spec)) {
      throw new IllegalArgumentException(
          "an " + spec + " key is " + KeySpecs.hmacKeyBytes(spec) + " bytes");
    }
    return new HmacKeyMaterial(key.clone());
  }

  public byte[] mac(MacAlgorithm algorithm, byte[] message) {
    try {
      Mac mac = Mac.getInstance(algorithm.jcaName());
      mac.init(spec);
      return mac.doFinal(message);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HMAC failed", e);
    }
  }

  /** Constant-time comparison of {@code expected} with the MAC of {@code message}. */
  public boolean verify(MacAlgorithm algorithm, byte[] message, byte[] expected) {
    return MessageDigest.isEqual(mac(algorithm, message), expected);
  }

  @Override
  public byte[] encodeForWrapping() {
    return key.clone();
  }

  @Override
  public void destroy() {
    Arrays.fill(key, (byte) 0);
  }
}

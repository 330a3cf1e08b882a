package io.keywarden.domain.crypto;

import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;

/**
 * Random bytes for keys, salts and IVs, from one DRBG per thread (so that the data plane does not
 * contend on a single lock). Each DRBG is seeded by the platform's entropy source.
 */
public final class Randomness {
  private static final ThreadLocal<SecureRandom> PER_THREAD = ThreadLocal.withInitial(Randomness::create);

  private Randomness() {}

  public static byte[] bytes(int n) {
    byte[] out = new byte[n];
    PER_THREAD.get().nextBytes(out);
    return out;
  }

  public static void fill(byte[] out, int offset, int length) {
    byte[] tmp = bytes(length);
    System.arraycopy(tmp, 0, out, offset, length);
  }

  private static SecureRandom create() {
    try {
      return SecureRandom.getInstance("DRBG");
    } catch (NoSuchAlgorithmException e) {
      return new SecureRandom();
    }
  }
}

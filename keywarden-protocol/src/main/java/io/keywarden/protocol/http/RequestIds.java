package io.keywarden.protocol.http;

import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;

/** Request id generators for {@code x-amzn-RequestId}. */
public final class RequestIds {
  private RequestIds() {}

  /**
   * Random (version 4) UUIDs from {@link ThreadLocalRandom}: unique enough to correlate logs and
   * audit records, and far cheaper than {@link UUID#randomUUID()}'s {@code SecureRandom}. Request ids
   * are not secrets and authorise nothing.
   */
  public static Supplier<String> random() {
    return () -> {
      ThreadLocalRandom random = ThreadLocalRandom.current();
      long high = (random.nextLong() & ~0xF000L) | 0x4000L;
      long low = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
      return new UUID(high, low).toString();
    };
  }
}

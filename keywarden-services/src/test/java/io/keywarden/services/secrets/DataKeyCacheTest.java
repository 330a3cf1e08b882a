package io.keywarden.services.secrets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.keywarden.domain.secret.EncryptedSecretValue;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** A cached data key is used only for its version, wrapped key and key revision, and not for long. */
class DataKeyCacheTest {
  private static final String ARN = "arn:aws:secretsmanager:us-east-1:111122223333:secret:db-AbCdEf";
  private static final String KEY = "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab";

  private final AtomicLong nanos = new AtomicLong(5_000_000_000L);
  private final DataKeyCache cache = new DataKeyCache(nanos::get, Duration.ofMinutes(5));

  private static EncryptedSecretValue value(String keyArn, byte wrapped) {
    return new EncryptedSecretValue(keyArn, new byte[] {wrapped, 2, 3}, new byte[12], new byte[16], false);
  }

  @Test
  void hit_onlyForTheSameVersionWrappedKeyAndKeyRevision() {
    EncryptedSecretValue v = value(KEY, (byte) 1);
    cache.put(ARN, "v1", v, 7, new byte[32], "request-1", null);
    CachedDataKey hit = cache.find(ARN, "v1", v, 7);
    assertNotNull(hit);
    assertEquals("request-1", hit.kmsRequestId());
    assertNull(cache.find(ARN, "v2", v, 7));
    assertNull(cache.find(ARN, "v1", value(KEY, (byte) 9), 7)); // sealed again: another wrapped key
    cache.put(ARN, "v1", v, 7, new byte[32], "request-1", null);
    assertNull(cache.find(ARN, "v1", v, 8)); // the key changed since
    assertNull(cache.find(ARN, "v1", v, 7)); // and the stale entry is gone
  }

  @Test
  void entry_expiresAfterTheMaximumAge() {
    EncryptedSecretValue v = value(KEY, (byte) 1);
    cache.put(ARN, "v1", v, 7, new byte[32], "request-1", null);
    nanos.addAndGet(Duration.ofMinutes(5).toNanos() - 1);
    assertNotNull(cache.find(ARN, "v1", v, 7));
    nanos.addAndGet(1);
    assertNull(cache.find(ARN, "v1", v, 7));
  }
}

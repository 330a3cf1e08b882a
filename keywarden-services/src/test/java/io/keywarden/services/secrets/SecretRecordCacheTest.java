package io.keywarden.services.secrets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.keywarden.domain.secret.SecretRecord;
import io.keywarden.domain.storage.SecretRepository;
import io.keywarden.domain.storage.StaleRecordException;
import io.keywarden.storage.memory.MemoryStorage;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * The secret record cache over a real (in-memory) repository, which stands for the shared database:
 * writes through the cache are seen at once, writes made around it (another node) once an entry is
 * older than the maximum age, and a write that lost a race makes the next read current.
 */
class SecretRecordCacheTest {
  private static final String ACCOUNT = "111122223333";
  private static final String REGION = "us-east-1";
  private static final Instant T = Instant.parse("2026-03-01T10:00:00Z");

  private final AtomicLong nanos = new AtomicLong(1_000_000_000L);
  private final SecretRepository storage = new MemoryStorage().secrets();
  private final SecretRecordCache cache = new SecretRecordCache(storage, nanos::get, Duration.ofSeconds(1));

  private static SecretRecord secret(String name, String suffix) {
    String arn = "arn:aws:secretsmanager:" + REGION + ":" + ACCOUNT + ":secret:" + name + "-" + suffix;
    return new SecretRecord(arn, ACCOUNT, REGION, name, null, null, List.of(), T, T, null, null, null,
        List.of(), null, null, 1);
  }

  @Test
  void writesThroughTheCache_areReadAtOnce() {
    SecretRecord s = secret("db", "AbCdEf");
    cache.put(s);
    cache.put(s.next().description("d2").build());
    assertEquals("d2", cache.find(s.arn()).orElseThrow().description());
    assertEquals("d2", cache.findByName(ACCOUNT, REGION, "db").orElseThrow().description());
    cache.delete(s.arn());
    assertTrue(cache.find(s.arn()).isEmpty());
    assertTrue(cache.findByName(ACCOUNT, REGION, "db").isEmpty());
  }

  @Test
  void changesMadeElsewhere_areReadOnceTheEntryIsOlderThanTheMaximumAge() {
    SecretRecord s = secret("db", "AbCdEf");
    cache.put(s);
    storage.put(s.next().description("from another node").build());
    assertEquals(null, cache.find(s.arn()).orElseThrow().description()); // within the maximum age
    nanos.addAndGet(Duration.ofSeconds(1).toNanos());
    assertEquals("from another node", cache.find(s.arn()).orElseThrow().description());

    // Deleted and created again under the same name elsewhere: the name finds the new secret.
    storage.delete(s.arn());
    SecretRecord again = secret("db", "GhIjKl");
    storage.put(again);
    nanos.addAndGet(Duration.ofSeconds(1).toNanos());
    assertEquals(again.arn(), cache.findByName(ACCOUNT, REGION, "db").orElseThrow().arn());
    assertTrue(cache.find(s.arn()).isEmpty());
  }

  @Test
  void aWriteThatLostARace_makesTheNextReadCurrent() {
    SecretRecord s = secret("db", "AbCdEf");
    cache.put(s);
    storage.put(s.next().description("won").build());
    assertThrows(StaleRecordException.class, () -> cache.put(s.next().description("lost").build()));
    assertEquals("won", cache.find(s.arn()).orElseThrow().description());
  }

  @Test
  void anOlderRevision_neverReplacesANewerOne() {
    SecretRecord s = secret("db", "AbCdEf");
    cache.put(s);
    SecretRecord r2 = s.next().description("r2").build();
    cache.put(r2);
    nanos.addAndGet(Duration.ofSeconds(1).toNanos());
    // storage holds r2; a reload keeps r2
    assertEquals(2, cache.find(s.arn()).orElseThrow().revision());
  }
}

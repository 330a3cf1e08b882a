package io.keywarden.storage.contract;

import static io.keywarden.storage.contract.ContractFixtures.REGION;
import static io.keywarden.storage.contract.ContractFixtures.key;
import static io.keywarden.storage.contract.ContractFixtures.keyId;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.keywarden.domain.key.KeyRecord;
import io.keywarden.domain.storage.StaleRecordException;
import io.keywarden.domain.storage.Storage;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Compare-and-swap under real threads: exactly one winner per revision, and no lost update. */
public interface ConcurrencyContract {
  Storage storage();

  @Test
  @Timeout(60)
  default void twoUpdatersFromSameRevision_exactlyOneWins() throws Exception {
    KeyRecord base = key(keyId(1));
    storage().keys().insert(base);
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      for (int round = 0; round < 20; round++) {
        KeyRecord read = storage().keys().find(REGION, keyId(1)).orElseThrow();
        CyclicBarrier start = new CyclicBarrier(2);
        List<Future<Boolean>> attempts = new ArrayList<>();
        for (String who : List.of("a", "b")) {
          KeyRecord next = read.toBuilder().description(who + round).build();
          attempts.add(pool.submit(() -> tryUpdate(start, next)));
        }
        int wins = 0;
        for (Future<Boolean> attempt : attempts) {
          wins += attempt.get(30, TimeUnit.SECONDS) ? 1 : 0;
        }
        assertEquals(1, wins, "round " + round);
        KeyRecord stored = storage().keys().find(REGION, keyId(1)).orElseThrow();
        assertEquals(read.revision() + 1, stored.revision());
        String description = stored.description();
        assertEquals(true, description.equals("a" + round) || description.equals("b" + round));
      }
    } finally {
      pool.shutdownNow();
    }
  }

  private boolean tryUpdate(CyclicBarrier start, KeyRecord next) throws Exception {
    start.await(30, TimeUnit.SECONDS);
    try {
      storage().keys().update(next);
      return true;
    } catch (StaleRecordException lost) {
      return false;
    }
  }

  @Test
  @Timeout(60)
  default void concurrentReadModifyWriteLoops_loseNoUpdate() throws Exception {
    storage().keys().insert(key(keyId(1)));
    int threads = 4;
    int incrementsEach = 10;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Callable<Void>> workers = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        workers.add(
            () -> {
              for (int i = 0; i < incrementsEach; i++) {
                incrementWithRetry();
              }
              return null;
            });
      }
      for (Future<Void> done : pool.invokeAll(workers, 50, TimeUnit.SECONDS)) {
        done.get();
      }
    } finally {
      pool.shutdownNow();
    }
    KeyRecord stored = storage().keys().find(REGION, keyId(1)).orElseThrow();
    assertEquals(threads * incrementsEach, stored.onDemandRotations());
    assertEquals(1 + threads * incrementsEach, stored.revision());
  }

  private void incrementWithRetry() {
    while (true) {
      KeyRecord read = storage().keys().find(REGION, keyId(1)).orElseThrow();
      try {
        storage().keys().update(read.toBuilder().onDemandRotations(read.onDemandRotations() + 1).build());
        return;
      } catch (StaleRecordException lost) {
        Thread.onSpinWait();
      }
    }
  }
}

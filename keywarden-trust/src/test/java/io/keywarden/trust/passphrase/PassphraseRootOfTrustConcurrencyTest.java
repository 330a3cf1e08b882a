package io.keywarden.trust.passphrase;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.keywarden.domain.crypto.Randomness;
import io.keywarden.domain.trust.SealedException;
import io.keywarden.domain.trust.WrappedKey;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class PassphraseRootOfTrustConcurrencyTest {
  private static final int THREADS = 8;
  private static final int ROUNDS = 500;

  @Test
  void manyThreadsWrappingAndUnwrapping_allRoundTrip() throws Exception {
    PassphraseRootOfTrust root = TestSeals.unsealedRoot();
    WrappedKey shared = root.wrap(new byte[] {1, 2, 3}, "shared".getBytes(StandardCharsets.US_ASCII));
    ExecutorService pool = Executors.newFixedThreadPool(THREADS);
    try {
      List<Future<Integer>> results = new ArrayList<>();
      for (int t = 0; t < THREADS; t++) {
        int thread = t;
        results.add(
            pool.submit(
                () -> {
                  int done = 0;
                  for (int i = 0; i < ROUNDS; i++) {
                    byte[] secret = Randomness.bytes(32);
                    byte[] context = ("t" + thread + "/" + i).getBytes(StandardCharsets.US_ASCII);
                    assertArrayEquals(secret, root.unwrap(root.wrap(secret, context), context));
                    assertArrayEquals(
                        new byte[] {1, 2, 3},
                        root.unwrap(shared, "shared".getBytes(StandardCharsets.US_ASCII)));
                    done++;
                  }
                  return done;
                }));
      }
      for (Future<Integer> f : results) {
        assertEquals(ROUNDS, f.get(30, TimeUnit.SECONDS));
      }
    } finally {
      pool.shutdownNow();
    }
  }

  /**
   * Sealing and unsealing while other threads work: every operation either succeeds with the right
   * answer or says sealed; never a wrong plaintext, never an unwrap failure from a half-zeroed key.
   */
  @Test
  void sealAndUnsealDuringTraffic_operationsSucceedOrSaySealed() throws Exception {
    PassphraseRootOfTrust root = TestSeals.unsealedRoot();
    byte[] secret = Randomness.bytes(32);
    byte[] context = "ctx".getBytes(StandardCharsets.US_ASCII);
    WrappedKey wrapped = root.wrap(secret, context);
    AtomicBoolean stop = new AtomicBoolean();
    AtomicInteger ok = new AtomicInteger();
    AtomicInteger sealed = new AtomicInteger();
    ExecutorService pool = Executors.newFixedThreadPool(THREADS);
    try {
      List<Future<?>> workers = new ArrayList<>();
      for (int t = 0; t < THREADS - 1; t++) {
        workers.add(
            pool.submit(
                () -> {
                  while (!stop.get()) {
                    try {
                      assertArrayEquals(secret, root.unwrap(wrapped, context));
                      assertArrayEquals(secret, root.unwrap(root.wrap(secret, context), context));
                      ok.incrementAndGet();
                    } catch (SealedException e) {
                      sealed.incrementAndGet();
                    }
                  }
                  return null;
                }));
      }
      for (int i = 0; i < 20; i++) {
        root.seal();
        Thread.sleep(1);
        root.unseal(TestSeals.passphrase());
        Thread.sleep(1);
      }
      stop.set(true);
      for (Future<?> f : workers) {
        f.get(30, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }
    assertTrue(ok.get() > 0, "no operation succeeded");
    assertTrue(sealed.get() > 0, "no operation saw the sealed state");
  }
}

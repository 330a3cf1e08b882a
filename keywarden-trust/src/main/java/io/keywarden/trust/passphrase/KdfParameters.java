package io.keywarden.trust.passphrase;

/**
 * Argon2id (version 0x13, RFC 9106) cost parameters, stored in the {@link SealConfig} so that a seal
 * always opens with the parameters it was made with.
 *
 * <p>The bounds are sanity limits for reading a stored seal (a damaged value must not ask for
 * terabytes), not recommendations: use {@link #DEFAULT} for real seals; lower values only in tests
 * and dev mode.
 *
 * @param memoryKiB memory in KiB, {@code 8 * parallelism} .. {@value #MAX_MEMORY_KIB} (4 GiB)
 * @param iterations passes over memory, 1 .. {@value #MAX_ITERATIONS}
 * @param parallelism lanes, 1 .. {@value #MAX_PARALLELISM}
 */
public record KdfParameters(int memoryKiB, int iterations, int parallelism) {
  public static final int MAX_MEMORY_KIB = 4 * 1024 * 1024;
  public static final int MAX_ITERATIONS = 64;
  public static final int MAX_PARALLELISM = 16;

  /** 64 MiB, 3 iterations, 1 lane (RFC 9106's second recommended option for memory-constrained use). */
  public static final KdfParameters DEFAULT = new KdfParameters(64 * 1024, 3, 1);

  public KdfParameters {
    if (parallelism < 1 || parallelism > MAX_PARALLELISM) {
      throw new IllegalArgumentException("Argon2 parallelism out of range");
    }
    if (iterations < 1 || iterations > MAX_ITERATIONS) {
      throw new IllegalArgumentException("Argon2 iterations out of range");
    }
    if (memoryKiB < 8 * parallelism || memoryKiB > MAX_MEMORY_KIB) {
      throw new IllegalArgumentException("Argon2 memory out of range");
    }
  }
}

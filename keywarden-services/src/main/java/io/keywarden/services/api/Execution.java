package io.keywarden.services.api;

/** Where the protocol layer may run an operation. */
public enum Execution {
  /** Memory and CPU only, and quick (the data plane): may run on an I/O thread. */
  INLINE,
  /**
   * Memory and CPU only, but long enough (an asymmetric signature: from a fraction of a millisecond
   * to ~10 ms for RSA 4096 or P-521) that an I/O thread must not wait for it: runs on the compute
   * pool, one thread per processor, so that the cryptography neither delays the other connections
   * of an I/O thread nor competes with more threads than there are cores.
   */
  COMPUTE,
  /** May block on storage: runs on a worker pool, off the I/O threads. */
  BLOCKING,
  /**
   * Memory and CPU only when what it needs is cached, else it may block: first attempted on the I/O
   * thread, and run again on the blocking pool if it says it must block ({@link InlineAttempt}).
   */
  INLINE_WHEN_CACHED
}

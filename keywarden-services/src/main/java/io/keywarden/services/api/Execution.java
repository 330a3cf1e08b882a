package io.keywarden.services.api;

/** Where the protocol layer may run an operation. */
public enum Execution {
  /** Memory and CPU only (the data plane): may run on an I/O thread. */
  INLINE,
  /** May block on storage: runs on a worker pool, off the I/O threads. */
  BLOCKING
}

package io.keywarden.protocol.http;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Logs that the audit log refused records, without flooding: when it fails, it fails for every call,
 * so the first failure is logged with its stack, then at most one line per ten seconds with how many
 * calls were refused since.
 */
final class AuditFailures {
  private static final System.Logger LOG = System.getLogger("io.keywarden.protocol.http");
  private static final long QUIET_NANOS = 10_000_000_000L;

  private final AtomicLong lastLogged = new AtomicLong(System.nanoTime() - QUIET_NANOS);
  private final AtomicLong unlogged = new AtomicLong();

  void log(String requestId, Throwable failure) {
    long now = System.nanoTime();
    long last = lastLogged.get();
    if (now - last < QUIET_NANOS || !lastLogged.compareAndSet(last, now)) {
      unlogged.incrementAndGet();
      return;
    }
    long more = unlogged.getAndSet(0);
    if (LOG.isLoggable(System.Logger.Level.ERROR)) {
      LOG.log(System.Logger.Level.ERROR, "The audit log did not record request " + requestId
          + (more > 0 ? " (nor " + more + " earlier ones)" : "")
          + "; it was answered with an internal error:\n" + Failures.describe(failure));
    }
  }
}

package io.keywarden.domain.audit;

import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.function.Predicate;

/**
 * The durable, tamper-evident audit log.
 *
 * <p>{@link #append} completes only once the event is durable (written and fsync'd; implementations
 * group-commit concurrent appends); it completes exceptionally with {@link AuditUnavailableException}
 * if the event could not be made durable, and the caller then must not release the call's result
 * (fail-closed). It never blocks the calling thread on I/O.
 */
public interface AuditLog extends AutoCloseable {

  /** Appends an event; the future completes when it is durable. */
  CompletableFuture<Void> append(AuditEvent event);

  /**
   * Visits the events whose {@code eventTime} is in {@code [from, to)}, newest first, until the
   * visitor returns {@code false}.
   */
  void scanNewestFirst(Instant from, Instant to, Predicate<AuditEvent> visitor);

  /** Seals the log (e.g. writes a final signed digest) and releases its files. */
  @Override
  void close();
}

package io.keywarden.services.secrets;

import io.keywarden.domain.audit.AuditEvent;
import io.keywarden.domain.audit.AuditLog;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Predicate;

/** An audit log in memory that keeps what was appended, for tests that read the records back. */
final class CapturedAuditLog implements AuditLog {
  private final List<AuditEvent> events = new ArrayList<>();

  @Override
  public synchronized CompletableFuture<Void> append(AuditEvent event) {
    events.add(event);
    return CompletableFuture.completedFuture(null);
  }

  /** What was appended, oldest first. */
  synchronized List<AuditEvent> events() {
    return List.copyOf(events);
  }

  @Override
  public void scanNewestFirst(Instant from, Instant to, Predicate<AuditEvent> visitor) {}

  @Override
  public void close() {}
}

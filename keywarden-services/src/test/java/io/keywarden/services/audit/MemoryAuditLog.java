package io.keywarden.services.audit;

import io.keywarden.domain.audit.AuditEvent;
import io.keywarden.domain.audit.AuditLog;
import io.keywarden.domain.audit.AuditUnavailableException;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Predicate;

/** An audit log in memory, for tests; can be told to refuse appends. */
final class MemoryAuditLog implements AuditLog {
  private final List<AuditEvent> events = new ArrayList<>();
  volatile boolean failing;

  @Override
  public synchronized CompletableFuture<Void> append(AuditEvent event) {
    if (failing) {
      return CompletableFuture.failedFuture(new AuditUnavailableException("test", new IOException("EIO")));
    }
    events.add(event);
    return CompletableFuture.completedFuture(null);
  }

  synchronized List<AuditEvent> events() {
    return List.copyOf(events);
  }

  @Override
  public void scanNewestFirst(Instant from, Instant to, Predicate<AuditEvent> visitor) {
    List<AuditEvent> all = events();
    for (int i = all.size() - 1; i >= 0; i--) {
      AuditEvent e = all.get(i);
      if (!e.eventTime().isBefore(from) && e.eventTime().isBefore(to) && !visitor.test(e)) {
        return;
      }
    }
  }

  @Override
  public void close() {}
}

package io.keywarden.protocol.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.keywarden.domain.audit.AuditEvent;
import io.keywarden.domain.audit.AuditLog;
import io.keywarden.domain.audit.AuditUnavailableException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Predicate;

/**
 * An audit log in memory, for tests: keeps every event; can be told to refuse appends (as a full or
 * failed disk would) or to hold them undurable until released.
 */
final class RecordingAuditLog implements AuditLog {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final List<AuditEvent> events = new ArrayList<>();
  private final List<CompletableFuture<Void>> held = new ArrayList<>();
  private volatile boolean failing;
  private volatile boolean holding;

  @Override
  public synchronized CompletableFuture<Void> append(AuditEvent event) {
    if (failing) {
      return CompletableFuture.failedFuture(
          new AuditUnavailableException("test: the disk is full", new IOException("ENOSPC")));
    }
    events.add(event);
    if (holding) {
      CompletableFuture<Void> later = new CompletableFuture<>();
      held.add(later);
      return later;
    }
    return CompletableFuture.completedFuture(null);
  }

  /** Refuse every append from now on ({@code true}), or accept them again. */
  void failing(boolean failing) {
    this.failing = failing;
  }

  /** Hold appends undurable until {@link #release()}. */
  void hold() {
    holding = true;
  }

  /** Makes the held appends durable and stops holding. */
  void release() {
    List<CompletableFuture<Void>> now;
    synchronized (this) {
      holding = false;
      now = new ArrayList<>(held);
      held.clear();
    }
    now.forEach(f -> f.complete(null));
  }

  synchronized List<AuditEvent> events() {
    return List.copyOf(events);
  }

  /** The records whose requestID is {@code requestId}, parsed. */
  List<JsonNode> byRequestId(String requestId) {
    List<JsonNode> found = new ArrayList<>();
    for (AuditEvent e : events()) {
      JsonNode record = parse(e.json());
      if (requestId.equals(record.path("requestID").asText(null))) {
        found.add(record);
      }
    }
    return found;
  }

  /** The one record of {@code requestId}. */
  JsonNode only(String requestId) {
    List<JsonNode> found = byRequestId(requestId);
    if (found.size() != 1) {
      throw new AssertionError(found.size() + " records of request " + requestId + ": " + events());
    }
    return found.get(0);
  }

  static JsonNode parse(String json) {
    try {
      return JSON.readTree(json);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
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

package io.keywarden.audit.file;

import io.keywarden.domain.audit.AuditEvent;
import java.util.concurrent.CompletableFuture;

/** An append waiting for the writer; {@code event == null} is the writer's stop signal. */
record PendingAppend(AuditEvent event, CompletableFuture<Void> done) {
  static final PendingAppend STOP = new PendingAppend(null, new CompletableFuture<>());
}

package io.keywarden.protocol.http;

import io.keywarden.services.audit.AuditTrail;
import io.netty.handler.codec.http.FullHttpResponse;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * The one way an audited exchange is answered (DESIGN.md principle 4, ADR 8): its record is appended
 * to the {@link AuditTrail}, and the answer is made and written only once the record is durable, from
 * the connection's event loop; if the record cannot be made durable, the answer is the internal error
 * instead, and the answer proper is never made, so nothing of it leaves.
 */
final class AuditedAnswers {
  private final AuditTrail audit;
  private final AuditFailures failures = new AuditFailures();

  AuditedAnswers(AuditTrail audit) {
    this.audit = audit;
  }

  /** Whether exchanges carry a record ({@link Exchange#call} is not {@code null}). */
  boolean enabled() {
    return audit.enabled();
  }

  /**
   * Records {@code x.call} and, once it is durable, hands {@code answer()} to the exchange's
   * completion; if it cannot be made durable, {@code internal()}. Without a record (audit off) the
   * answer is made at once.
   *
   * @return the answer when it is made at once, else {@code null}: it goes to the completion
   */
  FullHttpResponse answer(Exchange x, Supplier<FullHttpResponse> answer, Supplier<FullHttpResponse> internal) {
    if (x.call == null) {
      return answer.get();
    }
    CompletableFuture<Void> durable;
    try {
      durable = audit.record(x.call);
    } catch (RuntimeException e) {
      durable = CompletableFuture.failedFuture(e);
    }
    durable.whenCompleteAsync(
        (ok, failure) -> {
          FullHttpResponse response = null;
          try {
            if (failure == null) {
              response = answer.get();
            } else {
              failures.log(x.requestId, failure);
            }
          } catch (RuntimeException e) {
            Failures.log("Answering", x.requestId, e);
          }
          x.completion.complete(response != null ? response : internal.get());
        },
        x.ctx.executor());
    return null;
  }
}

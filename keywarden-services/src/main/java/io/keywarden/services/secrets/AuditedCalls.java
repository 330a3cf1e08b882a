package io.keywarden.services.secrets;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.keywarden.services.api.ApiException;
import io.keywarden.services.api.CallContext;
import io.keywarden.services.api.Operation;
import io.keywarden.services.audit.ApiCall;
import io.keywarden.services.audit.AuditTrail;
import java.util.UUID;

/**
 * In-process calls that Secrets Manager makes as a service (to KMS for a caller's value, to itself for a
 * managed rotator), each recorded in the audit log as a call of its own before its answer is used: the
 * request id is new, the record says who the call was made for and that Secrets Manager made it.
 */
final class AuditedCalls {
  private final AuditTrail trail;

  AuditedCalls(AuditTrail trail) {
    this.trail = trail;
  }

  /**
   * Runs {@code op} as {@code signingName}'s {@code operation} with {@code ctx} (already marked as made
   * via Secrets Manager) and returns its answer once the record is durable.
   */
  ObjectNode invoke(CallContext ctx, String signingName, String operation, Operation op, ObjectNode in) {
    return invoke(ctx, signingName, operation, op, in, UUID.randomUUID().toString());
  }

  /** As {@link #invoke(CallContext, String, String, Operation, ObjectNode)}, with the call's request id. */
  ObjectNode invoke(CallContext ctx, String signingName, String operation, Operation op, ObjectNode in,
      String requestId) {
    ApiCall call = trail.enabled()
        ? new ApiCall(requestId, ctx.receivedAt(), ctx.sourceIp(), ctx.userAgent(), null)
            .service(signingName, operation).authenticated(ctx).input(in)
        : null;
    try {
      ObjectNode out = op.invoke(ctx, in);
      if (call != null) {
        call.succeeded(out);
      }
      return out;
    } catch (ApiException e) {
      if (call != null) {
        call.failed(e.code(), e.getMessage());
      }
      throw e;
    } finally {
      if (call != null) {
        trail.record(call).join();
      }
    }
  }
}

package io.keywarden.services.api;

import io.keywarden.domain.identity.Principal;
import java.time.Instant;
import java.util.Objects;

/**
 * Everything about a call except its input.
 *
 * @param principal the authenticated caller
 * @param region the region of the request's SigV4 credential scope
 * @param requestId the id sent back as {@code x-amzn-RequestId}
 * @param sourceIp the caller's address
 * @param userAgent the caller's {@code User-Agent}, or empty
 * @param secureTransport whether the call came over TLS
 * @param receivedAt when the request arrived
 * @param viaService when one of Keywarden's services calls another on the caller's behalf (Secrets
 *     Manager calling KMS), the calling service's endpoint name as {@code kms:ViaService} holds it
 *     ({@code secretsmanager.us-east-1.amazonaws.com}); {@code null} for a direct call
 * @param audit what the service tells the call's audit record (resources touched, additional data)
 */
public record CallContext(
    Principal principal,
    String region,
    String requestId,
    String sourceIp,
    String userAgent,
    boolean secureTransport,
    Instant receivedAt,
    String viaService,
    AuditFacts audit) {
  public CallContext {
    Objects.requireNonNull(principal, "principal");
    Objects.requireNonNull(region, "region");
    Objects.requireNonNull(requestId, "requestId");
    Objects.requireNonNull(sourceIp, "sourceIp");
    Objects.requireNonNull(userAgent, "userAgent");
    Objects.requireNonNull(receivedAt, "receivedAt");
    Objects.requireNonNull(audit, "audit");
  }

  /** A call with fresh audit facts. */
  public CallContext(Principal principal, String region, String requestId, String sourceIp,
      String userAgent, boolean secureTransport, Instant receivedAt, String viaService) {
    this(principal, region, requestId, sourceIp, userAgent, secureTransport, receivedAt, viaService,
        new AuditFacts());
  }

  /** A direct call from the caller. */
  public CallContext(Principal principal, String region, String requestId, String sourceIp,
      String userAgent, boolean secureTransport, Instant receivedAt) {
    this(principal, region, requestId, sourceIp, userAgent, secureTransport, receivedAt, null);
  }

  public String accountId() {
    return principal.accountId();
  }

  /**
   * This call as made by {@code service} (e.g. {@code secretsmanager}) on the caller's behalf: same
   * caller, same request, {@code kms:ViaService = <service>.<region>.amazonaws.com}. The inner call
   * gets its own {@link AuditFacts}: it is a call of its own, to be audited as one.
   */
  public CallContext onBehalfOf(String service) {
    return new CallContext(principal, region, requestId, sourceIp, userAgent, secureTransport,
        receivedAt, service + "." + region + ".amazonaws.com", new AuditFacts());
  }
}

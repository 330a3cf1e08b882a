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
 */
public record CallContext(
    Principal principal,
    String region,
    String requestId,
    String sourceIp,
    String userAgent,
    boolean secureTransport,
    Instant receivedAt) {
  public CallContext {
    Objects.requireNonNull(principal, "principal");
    Objects.requireNonNull(region, "region");
    Objects.requireNonNull(requestId, "requestId");
    Objects.requireNonNull(sourceIp, "sourceIp");
    Objects.requireNonNull(userAgent, "userAgent");
    Objects.requireNonNull(receivedAt, "receivedAt");
  }

  public String accountId() {
    return principal.accountId();
  }
}

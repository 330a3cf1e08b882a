package io.keywarden.protocol.query;

import java.util.Objects;

/**
 * An error as the Query protocol sends it.
 *
 * @param code the {@code <Code>}: the model's {@code error.code} for a modeled error (STS's {@code
 *     MalformedPolicyDocumentException} is sent as {@code MalformedPolicyDocument})
 * @param status the HTTP status
 * @param sender whether {@code <Type>} is {@code Sender} (the caller's fault) rather than {@code
 *     Receiver}
 */
public record QueryError(String code, int status, boolean sender) {
  public QueryError {
    Objects.requireNonNull(code, "code");
  }
}

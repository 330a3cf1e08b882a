package io.keywarden.protocol.json;

import java.util.Objects;

/**
 * An error shape of a service model ({@code "exception": true}).
 *
 * @param code the {@code __type} AWS sends: the shape's name
 * @param httpStatusCode the model's {@code error.httpStatusCode}, or 0 when the model gives none
 *     (the JSON models of KMS, Secrets Manager and SSM give none)
 * @param fault whether the model marks it {@code "fault": true} (AWS's side, 5xx)
 */
public record ErrorShape(String code, int httpStatusCode, boolean fault) {
  public ErrorShape {
    Objects.requireNonNull(code, "code");
  }
}

package io.keywarden.domain.audit;

import java.time.Instant;
import java.util.Objects;

/**
 * One audit event: a CloudTrail record, already redacted (no plaintext, ciphertext, key material or
 * secret value), as the JSON text that LookupEvents returns as {@code CloudTrailEvent}.
 *
 * @param eventId the record's {@code eventID} (a UUID)
 * @param eventTime the record's {@code eventTime}
 * @param json the whole CloudTrail record, one JSON object on one line
 */
public record AuditEvent(String eventId, Instant eventTime, String json) {
  public AuditEvent {
    Objects.requireNonNull(eventId, "eventId");
    Objects.requireNonNull(eventTime, "eventTime");
    Objects.requireNonNull(json, "json");
    if (json.indexOf('\n') >= 0) {
      throw new IllegalArgumentException("an audit event is one line of JSON");
    }
  }
}

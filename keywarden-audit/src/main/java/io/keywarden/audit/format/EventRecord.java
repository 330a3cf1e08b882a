package io.keywarden.audit.format;

import java.time.Instant;
import java.util.Objects;

/**
 * A CloudTrail event in the chain.
 *
 * @param eventJson the CloudTrail record as the caller gave it (one JSON object on one line)
 */
public record EventRecord(long seq, String prev, Instant time, String eventId, String eventJson)
    implements AuditRecord {
  public EventRecord {
    Objects.requireNonNull(prev, "prev");
    Objects.requireNonNull(time, "time");
    Objects.requireNonNull(eventId, "eventId");
    Objects.requireNonNull(eventJson, "eventJson");
  }
}

package io.keywarden.services.api;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * The last successful cryptographic use of each KMS key, as the audit trail recorded it: what KMS's
 * {@code GetKeyLastUsage} answers. Implementations answer from memory.
 */
public interface KeyLastUsage {

  /** The last successful cryptographic operation with the key of that ARN since tracking began. */
  Optional<KeyUse> lastUse(String keyArn);

  /**
   * Since when uses are known: a key not used since then may have been used before. Empty when
   * nothing is tracked (no audit log): a caller then takes the time of its question.
   */
  Optional<Instant> trackingStart();

  /**
   * One use.
   *
   * @param operation e.g. {@code Decrypt}
   * @param timestamp when the call was received
   * @param cloudTrailEventId the {@code eventID} of the record delivered to the key's account
   * @param requestId the call's request id
   */
  record KeyUse(String operation, Instant timestamp, String cloudTrailEventId, String requestId) {
    public KeyUse {
      Objects.requireNonNull(operation, "operation");
      Objects.requireNonNull(timestamp, "timestamp");
      Objects.requireNonNull(cloudTrailEventId, "cloudTrailEventId");
      Objects.requireNonNull(requestId, "requestId");
    }
  }

  /** Nothing tracked: tests of KMS alone, and the benchmark's audit off. */
  KeyLastUsage NOT_TRACKED =
      new KeyLastUsage() {
        @Override
        public Optional<KeyUse> lastUse(String keyArn) {
          return Optional.empty();
        }

        @Override
        public Optional<Instant> trackingStart() {
          return Optional.empty();
        }
      };
}

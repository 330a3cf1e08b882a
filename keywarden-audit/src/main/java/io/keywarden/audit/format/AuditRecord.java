package io.keywarden.audit.format;

import java.time.Instant;

/**
 * One line of the audit log. Every line carries its sequence number (consecutive from the start of the
 * chain) and {@code prev}, the {@link ChainHash} of the line before it, so that changing, removing,
 * adding or moving a line breaks the chain.
 */
public sealed interface AuditRecord permits EventRecord, DigestRecord {
  long seq();

  /** The SHA-256 (hex) of the previous line; {@link ChainHash#ZERO} for the first line of the chain. */
  String prev();

  /** The event's {@code eventTime}; for a digest, when the writer signed it. */
  Instant time();
}

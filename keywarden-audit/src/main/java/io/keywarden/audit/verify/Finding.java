package io.keywarden.audit.verify;

import java.util.Objects;

/**
 * One problem (or note) found by the verifier.
 *
 * @param seq the sequence number concerned, or -1
 * @param location segment file and line, where known (else empty)
 */
public record Finding(Severity severity, Kind kind, long seq, String location, String message) {

  /** How bad it is; the verifier's exit code follows the worst. */
  public enum Severity {
    /** Evidence that the log was changed: exit code 1. */
    TAMPERED,
    /** Nothing wrong found, but part of the log is not proven (not covered by a signed digest): 3. */
    INCOMPLETE,
    /** Worth knowing, proves nothing wrong: 0. */
    NOTE
  }

  /** What was found. */
  public enum Kind {
    /** A record's content differs from what the chain (its successor's {@code prev}) says. */
    MODIFIED,
    /** Sequence numbers missing: records removed. */
    DELETED,
    /** A record that is not part of the chain (a sequence number used twice). */
    INSERTED,
    /** A record of the chain, found out of its place. */
    REORDERED,
    /** A line that is not a canonical record at all. */
    MALFORMED,
    /** A digest whose signature does not verify with the public key. */
    DIGEST_SIGNATURE_INVALID,
    /** A digest that does not follow the previous digest. */
    DIGEST_CHAIN_BROKEN,
    /** Records after the last signed digest. */
    NOT_COVERED,
    /** A last line cut short by a crash. */
    TORN_LINE,
    /** The log was reopened after a stop without a final digest. */
    UNCLEAN_STOP,
    /** Digests could not be checked: no public key. */
    NO_PUBLIC_KEY,
    /** Nothing in the log, or nothing in the requested time range. */
    EMPTY
  }

  public Finding {
    Objects.requireNonNull(severity, "severity");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(location, "location");
    Objects.requireNonNull(message, "message");
  }

  @Override
  public String toString() {
    return severity + " " + kind + (location.isEmpty() ? "" : " at " + location) + ": " + message;
  }
}

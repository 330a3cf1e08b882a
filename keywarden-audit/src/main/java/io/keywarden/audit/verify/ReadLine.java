package io.keywarden.audit.verify;

import io.keywarden.audit.format.AuditRecord;
import io.keywarden.audit.format.DigestRecord;

/**
 * What the checks need of a record read from the files: its place ({@code pos} in file order, segment
 * and line), sequence number, links, and the whole record only for digests (an event's CloudTrail
 * JSON is not kept, so memory stays small per record).
 */
final class ReadLine {
  final int pos;
  private final String segment;
  private final long line;
  private final long seq;
  private final String prev;
  final String hash;
  private final DigestRecord digest;
  boolean genuine = true;

  ReadLine(int pos, String segment, long line, AuditRecord record, String hash) {
    this.pos = pos;
    this.segment = segment;
    this.line = line;
    this.seq = record.seq();
    this.prev = record.prev();
    this.hash = hash;
    this.digest = record instanceof DigestRecord d ? d : null;
  }

  long seq() {
    return seq;
  }

  String prev() {
    return prev;
  }

  /** The digest, or {@code null} for an event. */
  DigestRecord digest() {
    return digest;
  }

  String location() {
    return line > 0 ? segment + " line " + line : segment + " at offset " + (-line);
  }

  /** An unterminated last line. */
  record Torn(String location, int bytes) {}
}

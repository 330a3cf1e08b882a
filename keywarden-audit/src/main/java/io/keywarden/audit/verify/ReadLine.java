package io.keywarden.audit.verify;

import io.keywarden.audit.format.AuditRecord;
import io.keywarden.audit.format.DigestRecord;

/**
 * A record as read from the files, with where it was and its hash. {@code pos} is its place in file
 * order (segments by name, then lines).
 */
final class ReadLine {
  final int pos;
  final String location;
  final AuditRecord record;
  final String hash;
  boolean genuine = true;

  ReadLine(int pos, String location, AuditRecord record, String hash) {
    this.pos = pos;
    this.location = location;
    this.record = record;
    this.hash = hash;
  }

  long seq() {
    return record.seq();
  }

  DigestRecord digest() {
    return record instanceof DigestRecord d ? d : null;
  }

  /** An unterminated last line. */
  record Torn(String location, int bytes) {}
}

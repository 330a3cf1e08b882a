package io.keywarden.audit.file;

import io.keywarden.audit.format.AuditRecord;
import io.keywarden.audit.format.ChainHash;
import io.keywarden.audit.format.EventLineHead;
import io.keywarden.audit.format.EventRecord;
import io.keywarden.audit.format.RecordCodec;
import io.keywarden.domain.audit.AuditEvent;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.DigestException;
import java.security.MessageDigest;
import java.time.Instant;

/** The bytes of one batch: record lines, each followed by a newline, and the hash of the last one. */
final class LineBuffer {
  private final MessageDigest sha256 = ChainHash.sha256();
  private final byte[] hash = new byte[32];
  private final EventLineHead head = new EventLineHead();
  private byte[] bytes = new byte[1 << 16];
  private int size;

  void reset() {
    size = 0;
  }

  int size() {
    return size;
  }

  /**
   * Appends the record's line and returns its hash. An event line is put together here from its
   * head and the event's text, each encoded once, and hashed where it lies in the buffer (no line
   * string and copy per record; issue 5).
   */
  String add(AuditRecord record) {
    int start = size;
    if (record instanceof EventRecord e) {
      put(RecordCodec.eventLineHead(e).getBytes(StandardCharsets.UTF_8));
      put(e.eventJson().getBytes(StandardCharsets.UTF_8));
      put(RecordCodec.EVENT_LINE_END.getBytes(StandardCharsets.UTF_8));
    } else {
      put(RecordCodec.encode(record).getBytes(StandardCharsets.UTF_8));
    }
    sha256.update(bytes, start, size - start);
    ensure(1);
    bytes[size++] = '\n';
    return hash();
  }

  /**
   * Appends an event line from its parts and returns its hash. The head is written as bytes straight
   * into the buffer ({@link EventLineHead}) and the CloudTrail record copied in as the UTF-8 bytes it
   * was built in (issue 5): no string per record.
   */
  String addEvent(long seq, String prev, Instant time, String eventId, AuditEvent event) {
    int start = size;
    int json = event.utf8Length();
    ensure(EventLineHead.maxLength(prev, eventId) + json + 2);
    int end = head.write(bytes, size, seq, prev, time, eventId);
    if (end >= 0) {
      size = end;
    } else {
      put(RecordCodec.eventLineHead(seq, prev, time, eventId).getBytes(StandardCharsets.UTF_8));
      ensure(json + 2);
    }
    event.copyUtf8(bytes, size);
    size += json;
    bytes[size++] = '}';
    sha256.update(bytes, start, size - start);
    bytes[size++] = '\n';
    return hash();
  }

  private String hash() {
    try {
      sha256.digest(hash, 0, hash.length);
    } catch (DigestException e) {
      throw new IllegalStateException("SHA-256 gave no 32-byte digest", e);
    }
    byte[] hex = ChainHash.hexBytes(hash);
    String hexString = new String(hex, StandardCharsets.ISO_8859_1);
    head.previousHash(hexString, hex); // most likely the next event's prev
    return hexString;
  }

  private void put(byte[] b) {
    ensure(b.length);
    System.arraycopy(b, 0, bytes, size, b.length);
    size += b.length;
  }

  ByteBuffer asByteBuffer() {
    return ByteBuffer.wrap(bytes, 0, size);
  }

  private void ensure(int more) {
    if (size + more > bytes.length) {
      byte[] b = new byte[Math.max(bytes.length * 2, size + more)];
      System.arraycopy(bytes, 0, b, 0, size);
      bytes = b;
    }
  }
}

package io.keywarden.audit.file;

import io.keywarden.audit.format.AuditRecord;
import io.keywarden.audit.format.ChainHash;
import io.keywarden.audit.format.EventRecord;
import io.keywarden.audit.format.RecordCodec;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.HexFormat;

/** The bytes of one batch: record lines, each followed by a newline, and the hash of the last one. */
final class LineBuffer {
  private static final HexFormat HEX = HexFormat.of();
  private final MessageDigest sha256 = ChainHash.sha256();
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
    return HEX.formatHex(sha256.digest());
  }

  /**
   * Appends an event line from its parts, the CloudTrail record already in UTF-8 (encoded by the
   * appender outside the writer's lock), and returns its hash.
   */
  String addEvent(long seq, String prev, Instant time, String eventId, byte[] eventJson) {
    int start = size;
    put(RecordCodec.eventLineHead(seq, prev, time, eventId).getBytes(StandardCharsets.UTF_8));
    put(eventJson);
    ensure(2);
    bytes[size++] = '}';
    sha256.update(bytes, start, size - start);
    bytes[size++] = '\n';
    return HEX.formatHex(sha256.digest());
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

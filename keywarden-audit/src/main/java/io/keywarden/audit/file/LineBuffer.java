package io.keywarden.audit.file;

import io.keywarden.audit.format.AuditRecord;
import io.keywarden.audit.format.ChainHash;
import io.keywarden.audit.format.RecordCodec;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
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

  /** Appends the record's line and returns its hash. */
  String add(AuditRecord record) {
    byte[] line = RecordCodec.encode(record).getBytes(StandardCharsets.UTF_8);
    ensure(line.length + 1);
    System.arraycopy(line, 0, bytes, size, line.length);
    size += line.length;
    bytes[size++] = '\n';
    return HEX.formatHex(sha256.digest(line));
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

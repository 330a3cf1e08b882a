package io.keywarden.services.audit;

import java.io.OutputStream;
import java.util.Arrays;

/**
 * Where a record's JSON generator puts its UTF-8 bytes: kept in an array of exactly their length, which
 * {@link #take()} hands over. The generator writes through its own per-thread buffer (Jackson's buffer
 * recycler) and passes it here once when it is closed, so a record of up to that buffer's size (8,000
 * bytes) costs one copy: no growing buffer, no trimming copy (issue 5).
 */
final class RecordBytes extends OutputStream {
  private static final byte[] EMPTY = new byte[0];

  private byte[] bytes = EMPTY;
  private int size;

  @Override
  public void write(int b) {
    ensure(1);
    bytes[size++] = (byte) b;
  }

  @Override
  public void write(byte[] b, int off, int len) {
    if (size == 0 && bytes.length == 0) {
      bytes = Arrays.copyOfRange(b, off, off + len);
      size = len;
      return;
    }
    ensure(len);
    System.arraycopy(b, off, bytes, size, len);
    size += len;
  }

  /** The bytes written, in an array of their length that now belongs to the caller. */
  byte[] take() {
    byte[] b = size == bytes.length ? bytes : Arrays.copyOf(bytes, size);
    bytes = EMPTY;
    size = 0;
    return b;
  }

  private void ensure(int more) {
    if (size + more > bytes.length) {
      bytes = Arrays.copyOf(bytes, Math.max(size + more, 2 * bytes.length));
    }
  }
}

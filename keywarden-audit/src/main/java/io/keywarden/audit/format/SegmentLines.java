package io.keywarden.audit.format;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Reads the lines of a segment file, forwards or backwards, up to a byte limit.
 *
 * <p>A segment's data ends at its first zero byte: the writer preallocates the active segment with
 * zeros ahead of its appends (docs/adr/0006-audit-log.md, "Preallocation"), and a zero byte never occurs
 * in a record (JSON escapes control characters). Readers stop there; what follows is the unwritten tail.
 */
public final class SegmentLines {
  private static final int CHUNK = 1 << 16;

  private SegmentLines() {}

  /**
   * One line of a file.
   *
   * @param bytes the line without its newline
   * @param offset where it starts in the file
   * @param terminated whether a newline ends it (only the last line of a file can lack one)
   */
  public record Line(byte[] bytes, long offset, boolean terminated) {}

  /** Visits lines; returning {@code false} stops. */
  @FunctionalInterface
  public interface Visitor {
    boolean visit(Line line) throws IOException;
  }

  /** Where a file's data ends and its last complete line before that ends. */
  public record Extent(long lineEnd, long dataEnd, long size) {
    /** Bytes of a line cut short before the data end (a torn write). */
    public long tornBytes() {
      return dataEnd - lineEnd;
    }
  }

  /**
   * Every line of {@code file} (the first {@code limit} bytes of it), first to last, up to the first zero
   * byte. A line that the end of the data cuts short is visited with {@code terminated == false}.
   *
   * @return where reading stopped: the first zero byte, or the end of the file or limit; {@code -1} if
   *     the visitor stopped it
   */
  public static long forward(Path file, long limit, Visitor visitor) throws IOException {
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
      long end = Math.min(limit, ch.size());
      ByteBuffer buf = ByteBuffer.allocate(CHUNK);
      ByteArrayOutputStream pending = new ByteArrayOutputStream();
      long pendingStart = 0;
      long pos = 0;
      while (pos < end) {
        buf.clear();
        buf.limit((int) Math.min(CHUNK, end - pos));
        int n = ch.read(buf, pos);
        if (n <= 0) {
          break;
        }
        byte[] a = buf.array();
        int lineStart = 0;
        for (int i = 0; i < n; i++) {
          if (a[i] == '\n') {
            pending.write(a, lineStart, i - lineStart);
            if (!visitor.visit(new Line(pending.toByteArray(), pendingStart, true))) {
              return -1;
            }
            pending.reset();
            lineStart = i + 1;
            pendingStart = pos + i + 1;
          } else if (a[i] == 0) {
            pending.write(a, lineStart, i - lineStart);
            if (pending.size() > 0) {
              visitor.visit(new Line(pending.toByteArray(), pendingStart, false));
            }
            return pos + i;
          }
        }
        pending.write(a, lineStart, n - lineStart);
        pos += n;
      }
      if (pending.size() > 0) {
        visitor.visit(new Line(pending.toByteArray(), pendingStart, false));
      }
      return pos;
    }
  }

  /** The data end of {@code file} (its first zero byte, or its size) and the end of its last complete line. */
  public static Extent extent(Path file) throws IOException {
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
      long size = ch.size();
      ByteBuffer buf = ByteBuffer.allocate(CHUNK);
      long lineEnd = 0;
      long pos = 0;
      while (pos < size) {
        buf.clear();
        int n = ch.read(buf, pos);
        if (n <= 0) {
          break;
        }
        byte[] a = buf.array();
        for (int i = 0; i < n; i++) {
          if (a[i] == '\n') {
            lineEnd = pos + i + 1;
          } else if (a[i] == 0) {
            return new Extent(lineEnd, pos + i, size);
          }
        }
        pos += n;
      }
      return new Extent(lineEnd, pos, size);
    }
  }

  /** How many bytes from {@code from} to the end of {@code file} are not zero (data after the data end). */
  public static long nonZeroBytesFrom(Path file, long from) throws IOException {
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
      ByteBuffer buf = ByteBuffer.allocate(CHUNK);
      long count = 0;
      long pos = from;
      while (true) {
        buf.clear();
        int n = ch.read(buf, pos);
        if (n <= 0) {
          return count;
        }
        byte[] a = buf.array();
        for (int i = 0; i < n; i++) {
          if (a[i] != 0) {
            count++;
          }
        }
        pos += n;
      }
    }
  }

  /**
   * The complete (newline-terminated) lines within the first {@code limit} bytes of {@code file}, last
   * to first, after skipping trailing zero bytes (a preallocated tail). A trailing partial line is skipped.
   */
  public static void backward(Path file, long limit, Visitor visitor) throws IOException {
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
      long end = withoutZeroTail(ch, Math.min(limit, ch.size()));
      ByteBuffer buf = ByteBuffer.allocate(CHUNK);
      byte[] carry = new byte[0]; // bytes after the newest newline seen, belonging to the next line up
      boolean seenNewline = false; // a partial last line (no newline after it) is not a record
      long pos = end;
      while (pos > 0) {
        int n = (int) Math.min(CHUNK, pos);
        pos -= n;
        buf.clear();
        buf.limit(n);
        while (buf.hasRemaining()) {
          if (ch.read(buf, pos + buf.position()) < 0) {
            throw new IOException("segment shrank while reading: " + file);
          }
        }
        byte[] a = buf.array();
        int lineEnd = n; // exclusive end, within a, of the current line's bytes
        for (int i = n - 1; i >= 0; i--) {
          if (a[i] != '\n') {
            continue;
          }
          if (seenNewline) {
            byte[] line = concat(a, i + 1, lineEnd - i - 1, carry);
            if (!visitor.visit(new Line(line, pos + i + 1, true))) {
              return;
            }
          }
          seenNewline = true;
          carry = new byte[0];
          lineEnd = i;
        }
        carry = seenNewline ? concat(a, 0, lineEnd, carry) : new byte[0];
      }
      if (seenNewline && carry.length > 0) {
        visitor.visit(new Line(carry, 0, true));
      }
    }
  }

  /** {@code end} moved back past trailing zero bytes. */
  private static long withoutZeroTail(FileChannel ch, long end) throws IOException {
    ByteBuffer buf = ByteBuffer.allocate(CHUNK);
    while (end > 0) {
      int n = (int) Math.min(CHUNK, end);
      buf.clear().limit(n);
      while (buf.hasRemaining()) {
        if (ch.read(buf, end - n + buf.position()) < 0) {
          throw new IOException("file shrank while reading");
        }
      }
      byte[] a = buf.array();
      for (int i = n - 1; i >= 0; i--) {
        if (a[i] != 0) {
          return end - n + i + 1;
        }
      }
      end -= n;
    }
    return 0;
  }

  private static byte[] concat(byte[] a, int off, int len, byte[] tail) {
    byte[] out = new byte[len + tail.length];
    System.arraycopy(a, off, out, 0, len);
    System.arraycopy(tail, 0, out, len, tail.length);
    return out;
  }
}

package io.keywarden.audit.format;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** Reads the lines of a segment file, forwards or backwards, up to a byte limit. */
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

  /** Every line of {@code file} (the first {@code limit} bytes of it), first to last. */
  public static void forward(Path file, long limit, Visitor visitor) throws IOException {
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
              return;
            }
            pending.reset();
            lineStart = i + 1;
            pendingStart = pos + i + 1;
          }
        }
        pending.write(a, lineStart, n - lineStart);
        pos += n;
      }
      if (pending.size() > 0) {
        visitor.visit(new Line(pending.toByteArray(), pendingStart, false));
      }
    }
  }

  /**
   * The complete (newline-terminated) lines within the first {@code limit} bytes of {@code file}, last
   * to first. A trailing partial line is skipped.
   */
  public static void backward(Path file, long limit, Visitor visitor) throws IOException {
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
      long end = Math.min(limit, ch.size());
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

  private static byte[] concat(byte[] a, int off, int len, byte[] tail) {
    byte[] out = new byte[len + tail.length];
    System.arraycopy(a, off, out, 0, len);
    System.arraycopy(tail, 0, out, len, tail.length);
    return out;
  }
}

package io.keywarden.audit.file;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Durable appends with one system call: the active segment opened a second time with {@code O_DIRECT}
 * and {@code O_DSYNC}, so that a write returns once its bytes are on stable storage, without the page
 * cache and without a separate {@code fdatasync} (ADR 6, "Direct writes"). Direct I/O writes whole
 * blocks at block offsets: each write starts at the block that holds the data end, rewritten with the
 * bytes it already held (kept here), carries the batch, and is padded with zeros to the next block
 * boundary, where the preallocated segment holds zeros anyway (a segment's data ends at its first zero
 * byte). Used only on a preallocated segment: there the blocks are allocated and synced, so nothing but
 * the data is written. Writer-confined.
 */
final class DirectAppender implements AutoCloseable {
  private static final int INITIAL_CAPACITY = 64 << 10;
  private static final long MIN_BLOCK = 4096;
  private static final long MAX_BLOCK = 1 << 16;

  private final FileChannel channel;
  private final int block;
  private final byte[] zeros;
  /** Aligned; holds the partial last block's bytes at {@code [0, tail)} between writes. */
  private ByteBuffer buffer;
  private int tail;
  /** The file offset of the buffer's first byte in the write last prepared. */
  private long bufferStart;

  private DirectAppender(FileChannel channel, int block) {
    this.channel = channel;
    this.block = block;
    this.zeros = new byte[block];
    this.buffer = aligned(INITIAL_CAPACITY, block);
  }

  /**
   * Opens {@code path} for direct durable appends at its data end {@code size}, with the bytes of the
   * partial block before it; {@code null} when the file system does not support direct
   * I/O (the writer then writes and syncs through the page cache).
   */
  static DirectAppender open(SegmentChannels channels, Path path, long size)
      throws IOException {
    // The file system's block, and at least 4 KiB: a multiple of any device's logical block.
    long fsBlock = Files.getFileStore(path).getBlockSize();
    if (fsBlock <= 0 || Long.bitCount(fsBlock) != 1 || fsBlock > MAX_BLOCK) {
      return null;
    }
    int block = (int) Math.max(fsBlock, MIN_BLOCK);
    FileChannel ch;
    try {
      ch = channels.openForDirectWrite(path);
    } catch (UnsupportedOperationException e) {
      return null;
    } catch (IOException e) {
      if (invalidArgument(e)) {
        return null; // no O_DIRECT on this file system
      }
      throw e;
    }
    DirectAppender d = new DirectAppender(ch, block);
    try {
      d.loadTail(path, size);
      d.probe(size);
    } catch (IOException e) {
      d.close();
      if (invalidArgument(e)) {
        return null; // the device wants another alignment: never fail every batch for it
      }
      throw e;
    } catch (RuntimeException e) {
      d.close();
      throw e;
    }
    return d;
  }

  /**
   * One direct write before the first batch: the block that holds the data end, with the bytes it
   * already has and zeros after them — what is there already, or what the preallocator writes there.
   */
  private void probe(long size) throws IOException {
    ByteBuffer blocks = prepare(ByteBuffer.wrap(new byte[1]), size); // a zero: padding, not data
    write(blocks, preparedAt());
    written(size);
  }

  /** EINVAL: direct I/O refused (the file system, or the alignment). */
  private static boolean invalidArgument(IOException e) {
    return e.getMessage() != null && e.getMessage().contains("Invalid argument");
  }

  private void loadTail(Path path, long size) throws IOException {
    long start = size & -block;
    tail = (int) (size - start);
    ByteBuffer b = buffer.duplicate().limit(tail);
    try (FileChannel in = FileChannel.open(path, StandardOpenOption.READ)) {
      long pos = start;
      while (b.hasRemaining()) {
        int n = in.read(b, pos);
        if (n < 0) {
          throw new IOException("the active segment ends before its data end " + size);
        }
        pos += n;
      }
    }
  }

  /** The file offset where the write last {@linkplain #prepare prepared} goes (a block offset). */
  long preparedAt() {
    return bufferStart;
  }

  /** The first block boundary at or after {@code end}: where a write of data ending at {@code end} ends. */
  private long paddedEnd(long end) {
    return (end + block - 1) & -block;
  }

  /**
   * The whole-block write that appends {@code data} at the data end {@code size}: starts at the block
   * holding {@code size}, with its earlier bytes, then {@code data}, then zeros to the block end.
   * Consumes {@code data}; the result is valid until the next call.
   */
  ByteBuffer prepare(ByteBuffer data, long size) {
    if ((size & (block - 1)) != tail) {
      throw new IllegalStateException("the data end moved without this appender");
    }
    bufferStart = size - tail;
    int length = tail + data.remaining();
    int padded = (int) paddedEnd(length);
    if (padded > buffer.capacity()) {
      ByteBuffer bigger = aligned(Math.max(padded, 2 * buffer.capacity()), block);
      bigger.put(buffer.duplicate().position(0).limit(tail));
      buffer = bigger;
    }
    buffer.clear().position(tail);
    buffer.put(data);
    buffer.put(zeros, 0, padded - buffer.position());
    return buffer.flip();
  }

  /** {@code b} (from {@link #prepare}) written at {@code pos}, a block offset: durable on return. */
  void write(ByteBuffer b, long pos) throws IOException {
    SegmentChannels.writeFully(channel, b, pos);
  }

  /**
   * After a successful write of the data from {@link #prepare}, now ending at {@code end}: keeps the new
   * partial last block's bytes for the next write.
   */
  void written(long end) {
    long lastBlock = end & -block;
    int length = (int) (end - lastBlock);
    int from = (int) (lastBlock - bufferStart); // 0, or at least a block: no overlap with [0, length)
    ByteBuffer keep = buffer.duplicate().limit(from + length).position(from);
    buffer.clear();
    buffer.put(keep);
    tail = length;
  }

  @Override
  public void close() throws IOException {
    channel.close();
  }

  private static ByteBuffer aligned(int capacity, int block) {
    return ByteBuffer.allocateDirect(capacity + block).alignedSlice(block);
  }
}

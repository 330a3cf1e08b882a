package io.keywarden.audit.file;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.file.Path;

/**
 * Real segment channels with switchable faults: a durable write ({@code fsync}, or a write through a
 * direct {@code O_DSYNC} channel) failing like a full or failing disk, and {@code open} failing like a
 * read-only or vanished directory.
 */
final class FaultyChannels implements SegmentChannels {
  volatile boolean failForce;
  volatile boolean failOpen;
  /** {@code false}: a file system without direct I/O (the log then writes and fsyncs). */
  volatile boolean direct = true;

  @Override
  public FileChannel openForWrite(Path path) throws IOException {
    if (failOpen) {
      throw new IOException("injected: cannot open " + path + " for writing (read-only file system)");
    }
    return new Faulty(SegmentChannels.FILES.openForWrite(path), false);
  }

  @Override
  public FileChannel openForDirectWrite(Path path) throws IOException {
    if (!direct) {
      throw new UnsupportedOperationException("injected: no direct I/O on this file system");
    }
    if (failOpen) {
      throw new IOException("injected: cannot open " + path + " for writing (read-only file system)");
    }
    return new Faulty(SegmentChannels.FILES.openForDirectWrite(path), true);
  }

  private final class Faulty extends FileChannel {
    private final FileChannel d;
    /** Whether its writes are durable ones (direct, {@code O_DSYNC}): they fail as an fsync would. */
    private final boolean durable;

    Faulty(FileChannel d, boolean durable) {
      this.d = d;
      this.durable = durable;
    }

    private void durableWrite() throws IOException {
      if (durable && failForce) {
        throw new IOException("injected: durable write failed (EIO)");
      }
    }

    @Override
    public void force(boolean metaData) throws IOException {
      if (failForce) {
        throw new IOException("injected: fsync failed (EIO)");
      }
      d.force(metaData);
    }

    @Override
    public int read(ByteBuffer dst) throws IOException {
      return d.read(dst);
    }

    @Override
    public long read(ByteBuffer[] dsts, int offset, int length) throws IOException {
      return d.read(dsts, offset, length);
    }

    @Override
    public int write(ByteBuffer src) throws IOException {
      durableWrite();
      return d.write(src);
    }

    @Override
    public long write(ByteBuffer[] srcs, int offset, int length) throws IOException {
      durableWrite();
      return d.write(srcs, offset, length);
    }

    @Override
    public long position() throws IOException {
      return d.position();
    }

    @Override
    public FileChannel position(long newPosition) throws IOException {
      d.position(newPosition);
      return this;
    }

    @Override
    public long size() throws IOException {
      return d.size();
    }

    @Override
    public FileChannel truncate(long size) throws IOException {
      d.truncate(size);
      return this;
    }

    @Override
    public long transferTo(long position, long count, WritableByteChannel target) throws IOException {
      return d.transferTo(position, count, target);
    }

    @Override
    public long transferFrom(ReadableByteChannel src, long position, long count) throws IOException {
      return d.transferFrom(src, position, count);
    }

    @Override
    public int read(ByteBuffer dst, long position) throws IOException {
      return d.read(dst, position);
    }

    @Override
    public int write(ByteBuffer src, long position) throws IOException {
      durableWrite();
      return d.write(src, position);
    }

    @Override
    public MappedByteBuffer map(MapMode mode, long position, long size) throws IOException {
      return d.map(mode, position, size);
    }

    @Override
    public FileLock lock(long position, long size, boolean shared) throws IOException {
      return d.lock(position, size, shared);
    }

    @Override
    public FileLock tryLock(long position, long size, boolean shared) throws IOException {
      return d.tryLock(position, size, shared);
    }

    @Override
    protected void implCloseChannel() throws IOException {
      d.close();
    }
  }
}

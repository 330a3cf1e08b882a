package io.keywarden.audit.file;

import com.sun.nio.file.ExtendedOpenOption;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** Opens segment files for writing; a seam so that tests can inject write and fsync failures. */
@FunctionalInterface
interface SegmentChannels {
  SegmentChannels FILES =
      path -> FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.WRITE);

  /** Opens (creating if needed) {@code path} for writing at explicit positions. */
  FileChannel openForWrite(Path path) throws IOException;

  /**
   * Opens the existing {@code path} for durable direct writes ({@code O_DIRECT}, {@code O_DSYNC}: a
   * write returns once its bytes are on stable storage); {@link UnsupportedOperationException} or an
   * {@code EINVAL} {@link IOException} where the file system cannot.
   */
  default FileChannel openForDirectWrite(Path path) throws IOException {
    return FileChannel.open(path, StandardOpenOption.WRITE, StandardOpenOption.DSYNC, ExtendedOpenOption.DIRECT);
  }

  /** Writes all of {@code b} to {@code ch} from {@code pos} on (a positioned write may write less). */
  static void writeFully(FileChannel ch, ByteBuffer b, long pos) throws IOException {
    while (b.hasRemaining()) {
      pos += ch.write(b, pos);
    }
  }
}

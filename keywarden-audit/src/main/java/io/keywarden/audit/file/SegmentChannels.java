package io.keywarden.audit.file;

import java.io.IOException;
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
}

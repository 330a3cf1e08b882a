package io.keywarden.audit.verify;

import io.keywarden.audit.file.FileAuditLog;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** Whether a writer (a running server) holds the log's lock, probed with a shared lock that is released at once. */
final class LogLock {
  private LogLock() {}

  static boolean heldByWriter(Path dir) {
    Path f = dir.resolve(FileAuditLog.LOCK_FILE);
    if (!Files.exists(f)) {
      return false;
    }
    try (FileChannel ch = FileChannel.open(f, StandardOpenOption.READ)) {
      FileLock l = ch.tryLock(0, Long.MAX_VALUE, true);
      if (l == null) {
        return true;
      }
      l.release();
      return false;
    } catch (OverlappingFileLockException e) {
      return true; // held in this JVM
    } catch (IOException e) {
      return false;
    }
  }
}

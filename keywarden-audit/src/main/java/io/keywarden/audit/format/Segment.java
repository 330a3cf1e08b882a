package io.keywarden.audit.format;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * A segment file of the log: {@code audit-<first sequence number, 20 digits>.jsonl}. The writer starts a
 * new segment only right after a digest, so every segment but the newest ends with a digest line.
 */
public record Segment(Path path, long firstSeq) {
  private static final String PREFIX = "audit-";
  private static final String SUFFIX = ".jsonl";

  public Segment {
    Objects.requireNonNull(path, "path");
  }

  public static String fileName(long firstSeq) {
    return String.format("%s%020d%s", PREFIX, firstSeq, SUFFIX);
  }

  public static Segment in(Path dir, long firstSeq) {
    return new Segment(dir.resolve(fileName(firstSeq)), firstSeq);
  }

  /** The segments in {@code dir}, oldest first; empty if the directory does not exist. */
  public static List<Segment> list(Path dir) throws IOException {
    List<Segment> out = new ArrayList<>();
    if (!Files.isDirectory(dir)) {
      return out;
    }
    try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, PREFIX + "*" + SUFFIX)) {
      for (Path f : files) {
        String n = f.getFileName().toString();
        String digits = n.substring(PREFIX.length(), n.length() - SUFFIX.length());
        if (digits.length() == 20 && digits.chars().allMatch(Character::isDigit)) {
          out.add(new Segment(f, Long.parseLong(digits)));
        }
      }
    }
    out.sort(Comparator.comparingLong(Segment::firstSeq));
    return out;
  }
}

package io.keywarden.audit.file;

import io.keywarden.audit.format.AuditRecord;
import io.keywarden.audit.format.EventRecord;
import io.keywarden.audit.format.MalformedRecordException;
import io.keywarden.audit.format.RecordCodec;
import io.keywarden.audit.format.Segment;
import io.keywarden.audit.format.SegmentLines;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;

/**
 * Export: the CloudTrail records of a time range as JSON lines, oldest first (in log order), read from
 * the files, so it works on a stopped server's data directory and beside a running one. It does not
 * verify: run {@code keywarden audit verify} for that; lines that do not parse are skipped and counted.
 */
public final class AuditExport {
  private AuditExport() {}

  /** What an export wrote and skipped. */
  public record Result(long events, long skippedLines) {}

  /** Writes each event with {@code eventTime} in {@code [from, to)} as one line of {@code out}. */
  public static Result export(Path auditDir, Instant from, Instant to, Writer out) throws IOException {
    long[] counts = {0, 0};
    for (Segment s : Segment.list(auditDir)) {
      SegmentLines.forward(s.path(), Long.MAX_VALUE, line -> {
        if (!line.terminated()) {
          return true; // being written, or torn by a crash: never acknowledged
        }
        AuditRecord r;
        try {
          r = RecordCodec.parse(new String(line.bytes(), StandardCharsets.UTF_8));
        } catch (MalformedRecordException e) {
          counts[1]++;
          return true;
        }
        if (r instanceof EventRecord e && !e.time().isBefore(from) && e.time().isBefore(to)) {
          out.write(e.eventJson());
          out.write('\n');
          counts[0]++;
        }
        return true;
      });
    }
    out.flush();
    return new Result(counts[0], counts[1]);
  }
}

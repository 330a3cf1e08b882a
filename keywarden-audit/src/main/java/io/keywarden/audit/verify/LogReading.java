package io.keywarden.audit.verify;

import io.keywarden.audit.format.AuditRecord;
import io.keywarden.audit.format.ChainHash;
import io.keywarden.audit.format.MalformedRecordException;
import io.keywarden.audit.format.RecordCodec;
import io.keywarden.audit.format.Segment;
import io.keywarden.audit.format.SegmentLines;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;

/** Reads segments into records in file order, keeping lines that do not parse as malformed. */
final class LogReading {
  final List<ReadLine> records = new ArrayList<>();
  /** Malformed lines: file position (the {@code pos} the next good record gets) and description. */
  final List<Malformed> malformed = new ArrayList<>();
  /** The last segment read ends with an unterminated line. */
  ReadLine.Torn torn;
  private int pos;

  record Malformed(int pos, String location, String reason) {}

  void read(Segment s, boolean last) throws IOException {
    String name = s.path().getFileName().toString();
    int[] lineNo = {0};
    long dataEnd = SegmentLines.forward(s.path(), Long.MAX_VALUE, line -> {
      lineNo[0]++;
      String location = name + " line " + lineNo[0];
      if (!line.terminated()) {
        if (last) {
          torn = new ReadLine.Torn(location, line.bytes().length);
          return true;
        }
        malformed.add(new Malformed(pos, location, "an incomplete line in a closed segment"));
        return true;
      }
      try {
        AuditRecord r = RecordCodec.parse(strictUtf8(line.bytes()));
        records.add(new ReadLine(pos++, name, lineNo[0], r, ChainHash.of(line.bytes())));
      } catch (MalformedRecordException e) {
        malformed.add(new Malformed(pos, location, e.getMessage()));
      }
      return true;
    });
    // The data ends at the first zero byte. The newest segment may go on with the preallocated tail
    // (zeros); bytes after a gap there are a write a crash cut short, like a torn line. A closed segment
    // ends at its data (the writer cuts the tail when it starts the next one).
    if (dataEnd < Files.size(s.path())) {
      String location = name + " at offset " + dataEnd;
      long after = SegmentLines.nonZeroBytesFrom(s.path(), dataEnd);
      if (!last) {
        malformed.add(new Malformed(pos, location, "zero bytes in a closed segment"));
      } else if (after > 0) {
        torn = new ReadLine.Torn(torn != null ? torn.location() : location,
            (torn != null ? torn.bytes() : 0) + (int) Math.min(Integer.MAX_VALUE, after));
      }
    }
  }

  /** The last complete line of a segment, if it parses. */
  static ReadLine lastOf(Segment s) throws IOException {
    ReadLine[] out = {null};
    SegmentLines.backward(s.path(), Long.MAX_VALUE, line -> {
      out[0] = parse(s, line);
      return false;
    });
    return out[0];
  }

  /** The first line of a segment, if it parses. */
  static ReadLine firstOf(Segment s) throws IOException {
    ReadLine[] out = {null};
    SegmentLines.forward(s.path(), Long.MAX_VALUE, line -> {
      out[0] = line.terminated() ? parse(s, line) : null;
      return false;
    });
    return out[0];
  }

  private static ReadLine parse(Segment s, SegmentLines.Line line) {
    try {
      AuditRecord r = RecordCodec.parse(strictUtf8(line.bytes()));
      return new ReadLine(-1, s.path().getFileName().toString(), -line.offset(), r, ChainHash.of(line.bytes()));
    } catch (MalformedRecordException e) {
      return null;
    }
  }

  private static String strictUtf8(byte[] b) throws MalformedRecordException {
    try {
      return StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(b))
          .toString();
    } catch (CharacterCodingException e) {
      throw new MalformedRecordException("not UTF-8");
    }
  }
}

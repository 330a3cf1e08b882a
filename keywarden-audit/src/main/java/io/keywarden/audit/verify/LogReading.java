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
    SegmentLines.forward(s.path(), Long.MAX_VALUE, line -> {
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

package io.keywarden.audit.file;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.keywarden.audit.format.AuditRecord;
import io.keywarden.audit.format.ChainHash;
import io.keywarden.audit.format.DigestRecord;
import io.keywarden.audit.format.EventRecord;
import io.keywarden.audit.format.RecordCodec;
import io.keywarden.domain.audit.AuditEvent;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A batch's bytes are exactly the records' canonical lines, and each hash is its line's. */
class LineBufferTest {
  private static final Instant T = Instant.parse("2026-03-01T12:00:00Z");

  @Test
  void eventAndDigestLines_areTheCodecsLines_withTheirHashes() {
    String big = "{\"k\":\"" + "é€".repeat(40_000) + "\"}"; // grows the buffer past its first 64 KiB
    List<AuditRecord> records = List.of(
        new EventRecord(7, ChainHash.ZERO, T, "id \"q\" \\ \u0001 \u2028", "{\"a\":\"ü \\\" x\"}"),
        new EventRecord(8, ChainHash.ZERO, T, "e-2", big),
        new DigestRecord(9, ChainHash.ZERO, T, 0, ChainHash.ZERO, 0, ChainHash.ZERO, 60, false, false,
            "abcd", "c2ln"));
    LineBuffer buf = new LineBuffer();
    buf.reset();
    ByteArrayOutputStream expected = new ByteArrayOutputStream();
    for (AuditRecord r : records) {
      byte[] line = RecordCodec.encode(r).getBytes(StandardCharsets.UTF_8);
      assertEquals(ChainHash.of(line), buf.add(r));
      expected.writeBytes(line);
      expected.write('\n');
    }
    assertArrayEquals(expected.toByteArray(), contents(buf));
    assertEquals(expected.size(), buf.size());
  }

  /** Events as the writer appends them: given as text or as UTF-8 bytes, heads usual or not. */
  @Test
  void appendedEvents_areTheCodecsLines_withTheirHashes() {
    String big = "{\"k\":\"" + "é€😀".repeat(30_000) + "\"}";
    List<EventRecord> records = List.of(
        new EventRecord(0, ChainHash.ZERO, T, "0b5c7a1e-2f4d-4c3b-9a8e-1d2c3b4a5f60", "{\"a\":\"ü \\\" x\"}"),
        new EventRecord(1, ChainHash.ZERO, Instant.parse("2026-03-01T12:00:00.000000001Z"), "e-2", big),
        new EventRecord(2, ChainHash.ZERO, T, "id \"q\" \\ \u0001 \u2028 é", "{}"),
        new EventRecord(3, ChainHash.ZERO, Instant.parse("+12026-03-01T12:00:00Z"), "e-4", "{\"b\":1}"));
    for (boolean asBytes : new boolean[] {false, true}) {
      LineBuffer buf = new LineBuffer();
      ByteArrayOutputStream expected = new ByteArrayOutputStream();
      String prev = ChainHash.ZERO;
      for (EventRecord r : records) {
        EventRecord chained = new EventRecord(r.seq(), prev, r.time(), r.eventId(), r.eventJson());
        byte[] line = RecordCodec.encode(chained).getBytes(StandardCharsets.UTF_8);
        AuditEvent event = asBytes
            ? AuditEvent.ofUtf8(r.eventId(), r.time(), r.eventJson().getBytes(StandardCharsets.UTF_8))
            : new AuditEvent(r.eventId(), r.time(), r.eventJson());
        prev = buf.addEvent(r.seq(), prev, r.time(), r.eventId(), event);
        assertEquals(ChainHash.of(line), prev);
        expected.writeBytes(line);
        expected.write('\n');
      }
      assertArrayEquals(expected.toByteArray(), contents(buf));
    }
  }

  private static byte[] contents(LineBuffer buf) {
    ByteBuffer b = buf.asByteBuffer();
    byte[] actual = new byte[b.remaining()];
    b.get(actual);
    return actual;
  }
}

package io.keywarden.audit.format;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class RecordCodecTest {
  private static final Instant T = Instant.parse("2025-01-02T03:04:05.678Z");

  @Test
  void event_roundTrips_withAwkwardCharactersInItsId() throws Exception {
    EventRecord e = new EventRecord(7, ChainHash.ZERO, T, "id \"quoted\" \\ \u0001 \u2028 é",
        "{\"eventName\":\"Encrypt\",\"x\":\"é\"}");
    String line = RecordCodec.encode(e);
    assertEquals(e, RecordCodec.parse(line));
    assertEquals(-1, line.indexOf('\n'));
    assertEquals(-1, line.indexOf('\u2028'));
  }

  @Test
  void digest_roundTrips() throws Exception {
    DigestRecord d = new DigestRecord(9, "a".repeat(64), T, 0, ChainHash.ZERO, 0, ChainHash.ZERO, 60,
        true, false, "0123456789abcdef", "c2ln");
    assertEquals(d, RecordCodec.parse(RecordCodec.encode(d)));
  }

  @Test
  void nonCanonicalLines_areRejected() {
    String good = RecordCodec.encode(new EventRecord(1, ChainHash.ZERO, T, "id", "{\"a\":1}"));
    for (String bad : new String[] {
        good.replace("{\"seq\":1", "{\"seq\":01"),
        good.replace("{\"seq\":1,", "{\"seq\": 1,"),
        good + " ",
        good.replace("\"id\":\"id\"", "\"id\":\"\\u0069d\""),
        good.replace(ChainHash.ZERO, ChainHash.ZERO.toUpperCase().replace('0', 'A')),
        good.replace("03:04:05.678Z", "03:04:05.6780Z"),
        good.replace("\"type\":\"event\"", "\"type\":\"other\""),
        good.replace("{\"a\":1}}", "[1]}"),
        "",
    }) {
      assertThrows(MalformedRecordException.class, () -> RecordCodec.parse(bad), bad);
    }
  }

  @Test
  void peekTime_readsTheTimeOnly() {
    String line = RecordCodec.encode(new EventRecord(1, ChainHash.ZERO, T, "id", "{}"));
    assertEquals(T, RecordCodec.peekTime(line.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    assertNull(RecordCodec.peekTime("nothing here".getBytes(java.nio.charset.StandardCharsets.UTF_8)));
  }
}

package io.keywarden.audit.format;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Event line heads written as bytes are the codec's heads, and what they cannot write they leave. */
class EventLineHeadTest {
  private static final String HASH = "0123456789abcdef".repeat(4);

  private final EventLineHead head = new EventLineHead();

  private void assertSameHead(long seq, String prev, Instant time, String id) {
    byte[] expected = RecordCodec.eventLineHead(seq, prev, time, id).getBytes(StandardCharsets.UTF_8);
    byte[] buf = new byte[EventLineHead.maxLength(prev, id) + 3];
    buf[0] = 'x';
    int end = head.write(buf, 1, seq, prev, time, id);
    assertTrue(end > 0, () -> "not written: " + time + " " + id);
    assertArrayEquals(expected, Arrays.copyOfRange(buf, 1, end), () -> new String(expected, StandardCharsets.UTF_8));
  }

  @Test
  void usualHeads_areTheCodecsBytes() {
    Random random = new Random(5);
    long first = Instant.parse("0000-01-01T00:00:00Z").getEpochSecond();
    long last = Instant.parse("9999-12-31T23:59:59Z").getEpochSecond();
    List<Instant> times = new java.util.ArrayList<>(List.of(Instant.ofEpochSecond(first), Instant.ofEpochSecond(last, 999_999_999),
        Instant.EPOCH, Instant.ofEpochSecond(-1), Instant.ofEpochSecond(-1, 1), Instant.parse("2026-03-01T12:00:00Z"),
        Instant.parse("2024-02-29T23:59:59.100Z"), Instant.parse("2026-12-31T23:59:59.000100Z"),
        Instant.parse("2026-12-31T23:59:59.000000010Z"), Instant.parse("1969-12-31T00:00:00.5Z")));
    for (int i = 0; i < 2_000; i++) {
      long second = first + (long) (random.nextDouble() * (last - first));
      int nano = switch (i % 4) {
        case 0 -> 0;
        case 1 -> random.nextInt(1000) * 1_000_000;
        case 2 -> random.nextInt(1_000_000) * 1_000;
        default -> random.nextInt(1_000_000_000);
      };
      times.add(Instant.ofEpochSecond(second, nano));
    }
    long[] seqs = {0, 1, 9, 10, 99, 100, 12_345, Long.MAX_VALUE};
    for (int i = 0; i < times.size(); i++) {
      long seq = i < seqs.length ? seqs[i] : (random.nextLong() >>> 1) >>> random.nextInt(63);
      assertSameHead(seq, i % 2 == 0 ? HASH : ChainHash.ZERO, times.get(i), UUID.randomUUID().toString());
      assertSameHead(seq / 2, HASH, Instant.ofEpochSecond(times.get(i).getEpochSecond(), i * 7), "e-" + i); // same second
    }
    assertSameHead(7, HASH, Instant.EPOCH, "e-1 ~!#$%&'()*+,-./:;<=>?@[]^_`{|}");
  }

  @Test
  void otherHeads_areLeftToTheCodec() {
    byte[] buf = new byte[1024];
    Instant t = Instant.parse("2026-03-01T12:00:00Z");
    for (String id : List.of("q\"", "b\\", "ctl\u0001", "é", "\u007f", "\u2028")) {
      assertEquals(-1, head.write(buf, 0, 1, HASH, t, id), id);
      assertEquals(-1, head.write(buf, 0, 1, id + HASH, t, "id"), id);
    }
    assertEquals(-1, head.write(buf, 0, 1, HASH, Instant.parse("+10000-01-01T00:00:00Z"), "id"));
    assertEquals(-1, head.write(buf, 0, 1, HASH, Instant.parse("-0001-12-31T23:59:59Z"), "id"));
    assertEquals(-1, head.write(buf, 0, -1, HASH, t, "id"));
  }

  /** The previous hash as this writer was given it, and any other. */
  @Test
  void previousHash_givenAsBytes_isWrittenAsTheString() {
    Instant t = Instant.parse("2026-03-01T12:00:00.25Z");
    String given = ChainHash.hex(new byte[32]).replace('0', '7');
    head.previousHash(given, given.getBytes(StandardCharsets.US_ASCII));
    assertSameHead(1, given, t, "a");
    assertSameHead(2, new String(given), t, "b"); // equal, not the same: copied from the string
    assertSameHead(3, HASH, t, "c");
  }

  @Test
  void hex_isHexFormats() {
    Random random = new Random(7);
    for (int n : new int[] {0, 1, 32, 33}) {
      byte[] b = new byte[n];
      random.nextBytes(b);
      assertEquals(HexFormat.of().formatHex(b), ChainHash.hex(b));
      assertArrayEquals(HexFormat.of().formatHex(b).getBytes(StandardCharsets.US_ASCII), ChainHash.hexBytes(b));
    }
    byte[] all = new byte[256];
    for (int i = 0; i < 256; i++) {
      all[i] = (byte) i;
    }
    assertEquals(HexFormat.of().formatHex(all), ChainHash.hex(all));
  }
}

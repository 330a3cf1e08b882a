package io.keywarden.services.audit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** A thread's records come out one by one, whole, also after one failed halfway. */
class RecordJsonTest {
  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void recordsOneAfterTheOther_eachAlone() {
    for (int i = 0; i < 3; i++) {
      int n = i;
      byte[] record = RecordJson.record(out -> {
        out.writeStartObject();
        out.writeNumberField("n", n);
        out.writeStringField("s", "é😀");
        out.writeEndObject();
      });
      assertArrayEquals(utf8("{\"n\":" + n + ",\"s\":\"é😀\"}"), record);
    }
  }

  @Test
  void aRecordThatFailedHalfway_leavesNothingInTheNext() {
    assertThrows(IllegalStateException.class, () -> RecordJson.record(out -> {
      out.writeStartObject();
      out.writeStringField("half", "way");
      throw new IllegalStateException("a bug");
    }));
    assertThrows(UncheckedIOException.class, () -> RecordJson.record(out -> {
      out.writeStartArray();
      throw new IOException("cannot");
    }));
    assertArrayEquals(utf8("{\"whole\":true}"), RecordJson.record(out -> {
      out.writeStartObject();
      out.writeBooleanField("whole", true);
      out.writeEndObject();
    }));
  }

  @Test
  void aRecordLargerThanTheGeneratorsBuffer_isWhole() {
    String big = "ü".repeat(20_000);
    assertArrayEquals(utf8("[\"" + big + "\"]"), RecordJson.record(out -> {
      out.writeStartArray();
      out.writeString(big);
      out.writeEndArray();
    }));
  }
}

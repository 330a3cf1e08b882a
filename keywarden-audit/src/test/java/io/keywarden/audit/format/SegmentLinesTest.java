package io.keywarden.audit.format;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SegmentLinesTest {
  @TempDir Path dir;

  @Test
  void linesLongerThanAChunk_readTheSameBothWays_andAPartialLastLineIsFlagged() throws Exception {
    List<String> expected = new ArrayList<>();
    StringBuilder file = new StringBuilder();
    for (int i = 0; i < 40; i++) {
      String line = i + ":" + "x".repeat((i * 7919) % 150_000);
      expected.add(line);
      file.append(line).append('\n');
    }
    file.append("partial");
    Path f = dir.resolve("s");
    Files.writeString(f, file, StandardCharsets.UTF_8);

    List<String> forward = new ArrayList<>();
    List<Boolean> terminated = new ArrayList<>();
    List<Long> offsets = new ArrayList<>();
    SegmentLines.forward(f, Long.MAX_VALUE, l -> {
      forward.add(new String(l.bytes(), StandardCharsets.UTF_8));
      terminated.add(l.terminated());
      offsets.add(l.offset());
      return true;
    });
    assertEquals(41, forward.size());
    assertEquals(expected, forward.subList(0, 40));
    assertEquals("partial", forward.get(40));
    assertFalse(terminated.get(40));
    assertTrue(terminated.subList(0, 40).stream().allMatch(t -> t));

    List<String> backward = new ArrayList<>();
    List<Long> backOffsets = new ArrayList<>();
    SegmentLines.backward(f, Long.MAX_VALUE, l -> {
      backward.add(new String(l.bytes(), StandardCharsets.UTF_8));
      backOffsets.add(l.offset());
      return true;
    });
    Collections.reverse(backward);
    Collections.reverse(backOffsets);
    assertEquals(expected, backward, "the partial last line is skipped");
    assertEquals(offsets.subList(0, 40), backOffsets);
  }

  @Test
  void limit_hidesBytesBeyondIt() throws Exception {
    Path f = dir.resolve("s");
    Files.writeString(f, "one\ntwo\nthree\n");
    List<String> seen = new ArrayList<>();
    SegmentLines.backward(f, 8, l -> seen.add(new String(l.bytes(), StandardCharsets.UTF_8)));
    assertEquals(List.of("two", "one"), seen);
  }
}

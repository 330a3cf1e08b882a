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

  @Test
  void dataEndsAtTheFirstZeroByte_aPreallocatedTail() throws Exception {
    Path f = dir.resolve("s");
    byte[] text = "one\ntwo\nthr".getBytes(StandardCharsets.US_ASCII);
    byte[] file = new byte[text.length + 200_000]; // zeros after the text, over several read chunks
    System.arraycopy(text, 0, file, 0, text.length);
    file[file.length - 10] = 'x'; // a byte written after a gap, as a crash may leave one
    Files.write(f, file);

    List<String> forward = new ArrayList<>();
    List<Boolean> terminated = new ArrayList<>();
    long end = SegmentLines.forward(f, Long.MAX_VALUE, l -> {
      forward.add(new String(l.bytes(), StandardCharsets.UTF_8));
      terminated.add(l.terminated());
      return true;
    });
    assertEquals(11, end);
    assertEquals(List.of("one", "two", "thr"), forward);
    assertEquals(List.of(true, true, false), terminated);

    SegmentLines.Extent x = SegmentLines.extent(f);
    assertEquals(8, x.lineEnd());
    assertEquals(11, x.dataEnd());
    assertEquals(file.length, x.size());
    assertEquals(3, x.tornBytes());
    assertEquals(1, SegmentLines.nonZeroBytesFrom(f, x.dataEnd()));

    file[file.length - 10] = 0;
    Files.write(f, file);
    List<String> backward = new ArrayList<>();
    SegmentLines.backward(f, Long.MAX_VALUE, l -> backward.add(new String(l.bytes(), StandardCharsets.UTF_8)));
    assertEquals(List.of("two", "one"), backward, "the zero tail is skipped, then the partial line");
  }
}

package io.keywarden.audit.file;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Direct durable appends (ADR 6, "Direct writes"): whole-block writes that rewrite the partial last
 * block with its own bytes, so the file holds exactly the appended data, then zeros; also across a
 * reopen in the middle of a block.
 */
class DirectAppenderTest {
  private static final int PREALLOCATED = 1 << 20;

  @TempDir Path dir;

  @Test
  void appendsOfAnySize_landAtTheDataEnd_zerosAfter_acrossReopens() throws IOException {
    Path file = preallocated();
    DirectAppender d = DirectAppender.open(SegmentChannels.FILES, file, 0);
    assumeTrue(d != null, "no direct I/O on this file system");
    int block = (int) Files.getFileStore(file).getBlockSize();
    ByteArrayOutputStream expected = new ByteArrayOutputStream();
    Random random = new Random(7);
    long size = 0;
    int[] lengths = {1, block - 1, 1, block, 100, 70_000, 3, 2 * block, 5_000};
    for (int i = 0; i < lengths.length; i++) {
      byte[] data = nonZero(random, lengths[i]);
      ByteBuffer blocks = d.prepare(ByteBuffer.wrap(data), size);
      long at = d.preparedAt();
      assertEquals(0, at % block, "a direct write starts at a block");
      assertEquals(0, blocks.remaining() % block, "and covers whole blocks");
      assertTrue(at <= size && size - at < block, "from the block that holds the data end");
      d.write(blocks, at);
      size += data.length;
      d.written(size);
      expected.write(data);
      if (i == 2 || i == 4) { // reopened in the middle of a block: its bytes are read back
        d.close();
        d = DirectAppender.open(SegmentChannels.FILES, file, size);
      }
    }
    d.close();

    byte[] content = Files.readAllBytes(file);
    assertEquals(PREALLOCATED, content.length, "within the preallocated file: its size does not change");
    assertArrayEquals(expected.toByteArray(), Arrays.copyOf(content, (int) size));
    for (int i = (int) size; i < content.length; i++) {
      assertEquals(0, content[i], "zeros after the data end");
    }
  }

  @Test
  void openingAtTheEndOfAShortFile_writesOneBlockOfZerosThere_andKeepsTheData() throws IOException {
    Path file = dir.resolve("stopped-segment"); // a stopped log's segment ends at its data
    byte[] data = nonZero(new Random(3), 5_000);
    Files.write(file, data);
    DirectAppender d = DirectAppender.open(SegmentChannels.FILES, file, data.length);
    assumeTrue(d != null, "no direct I/O on this file system");
    d.close();
    byte[] content = Files.readAllBytes(file);
    assertEquals(0, content.length % 4096, "extended to a block boundary");
    assertArrayEquals(data, Arrays.copyOf(content, data.length));
    for (int i = data.length; i < content.length; i++) {
      assertEquals(0, content[i], "zeros after the data end");
    }
  }

  @Test
  void aDataEndThatMovedWithoutTheAppender_isRefused() throws IOException {
    Path file = preallocated();
    DirectAppender d = DirectAppender.open(SegmentChannels.FILES, file, 0);
    assumeTrue(d != null, "no direct I/O on this file system");
    try (d) {
      assertThrows(IllegalStateException.class, () -> d.prepare(ByteBuffer.wrap(new byte[] {'x'}), 10));
    }
  }

  private Path preallocated() throws IOException {
    Path file = dir.resolve("segment");
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
      ByteBuffer zeros = ByteBuffer.allocate(PREALLOCATED);
      while (zeros.hasRemaining()) {
        ch.write(zeros, zeros.position());
      }
      ch.force(true);
    }
    return file;
  }

  private static byte[] nonZero(Random random, int n) {
    byte[] b = new byte[n];
    for (int i = 0; i < n; i++) {
      b[i] = (byte) (1 + random.nextInt(255));
    }
    return b;
  }
}

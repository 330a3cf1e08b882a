package io.keywarden.trust.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.keywarden.domain.trust.SealedException;
import io.keywarden.domain.trust.UnwrapException;
import io.keywarden.domain.trust.WrappedKey;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class RootKeyHolderTest {
  private static final byte[] CONTEXT = "key-1/material-1".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] SECRET = "thirty-two bytes of key material".getBytes(StandardCharsets.US_ASCII);

  private final RootKeyHolder holder = new RootKeyHolder();

  @BeforeEach
  void install() {
    holder.install(AesKey.generate(), "test:0001");
  }

  @Test
  void wrapThenUnwrap_returnsPlaintext() {
    WrappedKey wrapped = holder.wrap(SECRET, CONTEXT);
    assertEquals("test:0001", wrapped.rootKeyId());
    assertEquals(RootKeyHolder.OVERHEAD + SECRET.length, wrapped.blob().length);
    assertEquals(1, wrapped.blob()[0]);
    assertArrayEquals(SECRET, holder.unwrap(wrapped, CONTEXT));
  }

  @Test
  void emptyPlaintextAndEmptyContext_roundTrip() {
    WrappedKey wrapped = holder.wrap(new byte[0], new byte[0]);
    assertArrayEquals(new byte[0], holder.unwrap(wrapped, new byte[0]));
  }

  @Test
  void wrapTwice_differentBlobs() {
    assertNotEquals(holder.wrap(SECRET, CONTEXT), holder.wrap(SECRET, CONTEXT));
  }

  @Test
  void blob_doesNotContainPlaintext() {
    byte[] blob = holder.wrap(SECRET, CONTEXT).blob();
    String asText = new String(blob, StandardCharsets.ISO_8859_1);
    assertFalse(asText.contains("thirty-two"));
  }

  @Test
  void unwrapWithOtherContext_fails() {
    WrappedKey wrapped = holder.wrap(SECRET, CONTEXT);
    assertThrows(UnwrapException.class, () -> holder.unwrap(wrapped, "key-1/material-2".getBytes()));
    assertThrows(UnwrapException.class, () -> holder.unwrap(wrapped, new byte[0]));
    byte[] longer = Arrays.copyOf(CONTEXT, CONTEXT.length + 1);
    assertThrows(UnwrapException.class, () -> holder.unwrap(wrapped, longer));
  }

  @Test
  void unwrapOfForeignRootKeyId_fails() {
    WrappedKey wrapped = holder.wrap(SECRET, CONTEXT);
    WrappedKey relabelled = new WrappedKey("test:0002", wrapped.blob());
    assertThrows(UnwrapException.class, () -> holder.unwrap(relabelled, CONTEXT));
  }

  @Test
  void unwrapOfBlobFromAnotherKeyWithSameId_fails() {
    RootKeyHolder other = new RootKeyHolder();
    other.install(AesKey.generate(), "test:0001");
    WrappedKey wrapped = other.wrap(SECRET, CONTEXT);
    assertThrows(UnwrapException.class, () -> holder.unwrap(wrapped, CONTEXT));
  }

  @Test
  void everySingleBitFlip_fails() {
    byte[] blob = holder.wrap(SECRET, CONTEXT).blob();
    for (int bit = 0; bit < blob.length * 8; bit++) {
      byte[] flipped = blob.clone();
      flipped[bit / 8] ^= (byte) (1 << (bit % 8));
      WrappedKey tampered = new WrappedKey("test:0001", flipped);
      assertThrows(UnwrapException.class, () -> holder.unwrap(tampered, CONTEXT), "bit " + bit);
    }
  }

  @Test
  void everyTruncation_fails() {
    byte[] blob = holder.wrap(SECRET, CONTEXT).blob();
    for (int length = 0; length < blob.length; length++) {
      WrappedKey truncated = new WrappedKey("test:0001", Arrays.copyOf(blob, length));
      assertThrows(UnwrapException.class, () -> holder.unwrap(truncated, CONTEXT), "length " + length);
    }
  }

  @Test
  void clear_thenWrapOrUnwrap_isSealed() {
    WrappedKey wrapped = holder.wrap(SECRET, CONTEXT);
    holder.clear();
    assertTrue(holder.isEmpty());
    assertThrows(SealedException.class, () -> holder.wrap(SECRET, CONTEXT));
    assertThrows(SealedException.class, () -> holder.unwrap(wrapped, CONTEXT));
  }

  @Test
  void install_destroysTheReplacedKey() {
    RootKeyHolder fresh = new RootKeyHolder();
    AesKey first = AesKey.generate();
    fresh.install(first, "a:1");
    fresh.install(AesKey.generate(), "a:2");
    assertTrue(first.isDestroyed());
  }

  @Test
  void clear_destroysTheKey() {
    RootKeyHolder fresh = new RootKeyHolder();
    AesKey key = AesKey.generate();
    fresh.install(key, "a:1");
    fresh.clear();
    assertTrue(key.isDestroyed());
  }
}

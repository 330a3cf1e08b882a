package io.keywarden.domain.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EncryptionContextTest {
  private static final HexFormat HEX = HexFormat.of();

  @Test
  void canonicalEncoding_matchesHandComputedBytes() {
    EncryptionContext context = EncryptionContext.of(Map.of("b", "2", "a", "1"));
    String expected =
        "00000002" // two entries
            + "00000001" + "61" + "00000001" + "31" // "a" -> "1"
            + "00000001" + "62" + "00000001" + "32"; // "b" -> "2"
    assertEquals(expected, HEX.formatHex(context.canonicalBytes()));
  }

  @Test
  void canonicalEncoding_multiByteValues_lengthsAreUtf8ByteCounts() {
    EncryptionContext context = EncryptionContext.of(Map.of("Department", "Sécurité"));
    String expected =
        "00000001"
            + "0000000a" + HEX.formatHex("Department".getBytes(java.nio.charset.StandardCharsets.US_ASCII))
            + "0000000a" + "53" + "c3a9" + "637572" + "6974" + "c3a9";
    assertEquals(expected, HEX.formatHex(context.canonicalBytes()));
  }

  /**
   * Sorted by the unsigned bytes of the UTF-8 keys, which is code point order: U+FF21 sorts before
   * U+1F600 here, although Java's UTF-16 String order puts the emoji (a surrogate pair, D83D...) first.
   */
  @Test
  void canonicalEncoding_sortsByUtf8BytesNotUtf16() {
    Map<String, String> map = new HashMap<>();
    map.put("\uD83D\uDE00", "4");
    map.put("\uFF21", "3");
    map.put("\u00E9", "2");
    map.put("Z", "1");
    String expected =
        "00000004"
            + "00000001" + "5a" + "00000001" + "31"
            + "00000002" + "c3a9" + "00000001" + "32"
            + "00000003" + "efbca1" + "00000001" + "33"
            + "00000004" + "f09f9880" + "00000001" + "34";
    assertEquals(expected, HEX.formatHex(EncryptionContext.of(map).canonicalBytes()));
  }

  @Test
  void emptyAndAbsent_areTheSameContext() {
    assertSame(EncryptionContext.EMPTY, EncryptionContext.of(null));
    assertSame(EncryptionContext.EMPTY, EncryptionContext.of(Map.of()));
    assertTrue(EncryptionContext.EMPTY.isEmpty());
    assertEquals("00000000", HEX.formatHex(EncryptionContext.EMPTY.canonicalBytes()));
  }

  @Test
  void entryWithEmptyStrings_isNotTheEmptyContext() {
    EncryptionContext context = EncryptionContext.of(Map.of("", ""));
    assertFalse(context.isEmpty());
    assertEquals("00000001" + "00000000" + "00000000", HEX.formatHex(context.canonicalBytes()));
  }

  @Test
  void movedEqualsSign_encodesDifferently() {
    byte[] valueHasIt = EncryptionContext.of(Map.of("a", "b=c")).canonicalBytes();
    byte[] keyHasIt = EncryptionContext.of(Map.of("a=b", "c")).canonicalBytes();
    assertFalse(java.util.Arrays.equals(valueHasIt, keyHasIt));
  }

  @Test
  void delimiterLookalikes_encodeDifferently() {
    byte[] one = EncryptionContext.of(Map.of("a", "1,b=2")).canonicalBytes();
    byte[] two = EncryptionContext.of(Map.of("a", "1", "b", "2")).canonicalBytes();
    assertFalse(java.util.Arrays.equals(one, two));
  }

  @Test
  void insertionOrder_doesNotMatter() {
    Map<String, String> forward = new LinkedHashMap<>();
    forward.put("a", "1");
    forward.put("b", "2");
    Map<String, String> backward = new LinkedHashMap<>();
    backward.put("b", "2");
    backward.put("a", "1");
    assertArrayEquals(
        EncryptionContext.of(forward).canonicalBytes(),
        EncryptionContext.of(backward).canonicalBytes());
  }

  @Test
  void unpairedSurrogate_refusedInKeyAndValue() {
    assertThrows(IllegalArgumentException.class, () -> EncryptionContext.of(Map.of("\uD800", "v")));
    assertThrows(IllegalArgumentException.class, () -> EncryptionContext.of(Map.of("k", "x\uDC00")));
    assertThrows(
        IllegalArgumentException.class, () -> EncryptionContext.of(Map.of("k", "\uDE00\uD83D")));
  }

  @Test
  void canonicalBytes_isACopy() {
    EncryptionContext context = EncryptionContext.of(Map.of("a", "1"));
    byte[] first = context.canonicalBytes();
    first[0] = 9;
    assertEquals(0, context.canonicalBytes()[0]);
  }

  @Test
  void entries_areSortedAndUnmodifiable() {
    EncryptionContext context = EncryptionContext.of(Map.of("b", "2", "a", "1"));
    assertEquals("a", context.entries().firstKey());
    assertThrows(UnsupportedOperationException.class, () -> context.entries().put("c", "3"));
  }
}

package io.keywarden.domain.crypto;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A KMS encryption context: string pairs bound to a ciphertext as additional authenticated data.
 *
 * <p>Its canonical encoding (the AAD) is: the number of entries as a 4-byte big-endian integer, then for
 * each entry, sorted by the unsigned bytes of its UTF-8 key, the key's length (4 bytes) and UTF-8
 * bytes and the value's length (4 bytes) and UTF-8 bytes. Strict UTF-8: a string with an unpaired
 * surrogate is refused. Never a delimiter join, so {@code {"a":"b=c"}} and {@code {"a=b":"c"}} differ.
 */
public final class EncryptionContext {
  public static final EncryptionContext EMPTY = new EncryptionContext(new TreeMap<>(), new byte[] {0, 0, 0, 0});

  private final SortedMap<String, String> entries;
  private final byte[] canonical;

  private EncryptionContext(SortedMap<String, String> entries, byte[] canonical) {
    this.entries = Collections.unmodifiableSortedMap(entries);
    this.canonical = canonical;
  }

  /**
   * @throws IllegalArgumentException if a key or value is not valid Unicode (an unpaired surrogate)
   */
  public static EncryptionContext of(Map<String, String> map) {
    if (map == null || map.isEmpty()) {
      return EMPTY;
    }
    List<byte[][]> pairs = new ArrayList<>(map.size());
    int size = 4;
    for (Map.Entry<String, String> e : map.entrySet()) {
      byte[] k = strictUtf8(e.getKey());
      byte[] v = strictUtf8(e.getValue());
      pairs.add(new byte[][] {k, v});
      size += 8 + k.length + v.length;
    }
    pairs.sort((a, b) -> Arrays.compareUnsigned(a[0], b[0]));
    ByteBuffer out = ByteBuffer.allocate(size);
    out.putInt(pairs.size());
    for (byte[][] p : pairs) {
      out.putInt(p[0].length).put(p[0]).putInt(p[1].length).put(p[1]);
    }
    return new EncryptionContext(new TreeMap<>(map), out.array());
  }

  public SortedMap<String, String> entries() {
    return entries;
  }

  public boolean isEmpty() {
    return entries.isEmpty();
  }

  /** The canonical encoding; a copy. */
  public byte[] canonicalBytes() {
    return canonical.clone();
  }

  int canonicalLength() {
    return canonical.length;
  }

  byte[] canonicalRaw() {
    return canonical;
  }

  private static byte[] strictUtf8(String s) {
    CharsetEncoder enc =
        StandardCharsets.UTF_8
            .newEncoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    try {
      ByteBuffer b = enc.encode(CharBuffer.wrap(s));
      byte[] out = new byte[b.remaining()];
      b.get(out);
      return out;
    } catch (CharacterCodingException e) {
      throw new IllegalArgumentException("encryption context entries must be valid Unicode");
    }
  }
}

package io.keywarden.services.audit;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.util.JsonGeneratorDelegate;
import java.io.IOException;

/**
 * A UTF-8 JSON generator that writes every string as {@link String#getBytes} encodes it to UTF-8: a
 * surrogate that is not half of a pair becomes {@code ?}. Records were built as text and encoded that
 * way before issue 5; Jackson's UTF-8 generator would write such a surrogate as an escape, or, combining
 * pairs, join it with the next character. Pairs are written as one four-byte character (the generator
 * must have {@code COMBINE_UNICODE_SURROGATES_IN_UTF8}), so records are byte for byte what they were.
 */
final class WellFormedGenerator extends JsonGeneratorDelegate {
  WellFormedGenerator(JsonGenerator utf8) {
    super(utf8);
  }

  @Override
  public void writeString(String text) throws IOException {
    delegate.writeString(wellFormed(text));
  }

  @Override
  public void writeFieldName(String name) throws IOException {
    delegate.writeFieldName(wellFormed(name));
  }

  /** Pre-encoded JSON, written as its bytes (the base class would encode its text again). */
  @Override
  public void writeRawValue(SerializableString raw) throws IOException {
    delegate.writeRawValue(raw);
  }

  /** {@code s} with each surrogate that is not half of a pair replaced by {@code ?}. */
  static String wellFormed(String s) {
    if (s == null) {
      return null;
    }
    for (int i = 0; i < s.length(); i++) {
      if (Character.isSurrogate(s.charAt(i))) {
        return replaceLoneSurrogates(s, i);
      }
    }
    return s;
  }

  private static String replaceLoneSurrogates(String s, int from) {
    StringBuilder b = null;
    for (int i = from; i < s.length(); i++) {
      char c = s.charAt(i);
      if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
        i++;
      } else if (Character.isSurrogate(c)) {
        if (b == null) {
          b = new StringBuilder(s);
        }
        b.setCharAt(i, '?');
      }
    }
    return b == null ? s : b.toString();
  }
}

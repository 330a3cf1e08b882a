package io.keywarden.services.audit;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonFactoryBuilder;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.io.IOContext;
import com.fasterxml.jackson.core.json.UTF8JsonGenerator;
import java.io.IOException;
import java.io.OutputStream;

/**
 * Jackson's UTF-8 generator, writing every string as {@link String#getBytes} encodes it to UTF-8: a
 * surrogate that is not half of a pair becomes {@code ?}. Records were built as text and encoded that
 * way before issue 5; Jackson's UTF-8 generator would write such a surrogate as an escape, or, combining
 * pairs, join it with the next character. Pairs are written as one four-byte character (the factory must
 * enable {@code COMBINE_UNICODE_SURROGATES_IN_UTF8}), so records are byte for byte what they were.
 *
 * <p>A subclass rather than a delegating wrapper: a record takes some forty generator calls, and each
 * wrapper call cost a dispatch (issue 5). {@code writeStringField}, {@code writeObjectFieldStart} and
 * the like go through {@link #writeFieldName(String)} and {@link #writeString(String)}.
 */
final class WellFormedGenerator extends UTF8JsonGenerator {
  private WellFormedGenerator(IOContext context, int features, OutputStream out, char quote) {
    super(context, features, null, out, quote);
  }

  @Override
  public void writeString(String text) throws IOException {
    super.writeString(wellFormed(text));
  }

  @Override
  public void writeFieldName(String name) throws IOException {
    super.writeFieldName(wellFormed(name));
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

  /** A factory whose UTF-8 generators are {@link WellFormedGenerator}s, set up as Jackson sets up its own. */
  static final class Factory extends JsonFactory {
    private static final long serialVersionUID = 1L;

    Factory(JsonFactoryBuilder builder) {
      super(builder);
    }

    @Override
    protected JsonGenerator _createUTF8Generator(OutputStream out, IOContext context) {
      WellFormedGenerator generator = new WellFormedGenerator(context, _generatorFeatures, out, _quoteChar);
      if (_maximumNonEscapedChar > 0) {
        generator.setHighestNonEscapedChar(_maximumNonEscapedChar);
      }
      if (_characterEscapes != null) {
        generator.setCharacterEscapes(_characterEscapes);
      }
      if (_rootValueSeparator != DEFAULT_ROOT_VALUE_SEPARATOR) {
        generator.setRootValueSeparator(_rootValueSeparator);
      }
      return _decorate(generator);
    }
  }
}

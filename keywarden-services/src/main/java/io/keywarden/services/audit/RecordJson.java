package io.keywarden.services.audit;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonFactoryBuilder;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * How audit records are generated: straight into UTF-8 bytes (issue 5), by Jackson's UTF-8 generator
 * through {@link WellFormedGenerator}, so that the bytes are exactly those of the text the records were
 * built as before (a character generator's output, encoded with {@link String#getBytes}).
 */
final class RecordJson {
  private static final JsonFactory JSON = new WellFormedGenerator.Factory(
      (JsonFactoryBuilder) JsonFactory.builder().enable(JsonWriteFeature.COMBINE_UNICODE_SURROGATES_IN_UTF8));

  /**
   * Each thread's record generator, kept from record to record: creating a generator, and closing it
   * (releasing its buffers), cost about a tenth of building a record (issue 5).
   */
  private static final ThreadLocal<ThreadGenerator> THREAD_GENERATOR = new ThreadLocal<>();

  private RecordJson() {}

  /** What writes one JSON value. */
  interface Writer {
    void write(JsonGenerator out) throws IOException;
  }

  /** A generator that writes into {@code sink}; closing it passes the bytes on. */
  static JsonGenerator generator(RecordBytes sink) throws IOException {
    return JSON.createGenerator(sink, JsonEncoding.UTF8);
  }

  /**
   * The UTF-8 bytes of the record {@code writer} writes, written with the thread's generator. The
   * generator writes the thread's records one after the other as root values, with nothing between them,
   * and passes each on when it is flushed. {@code writer} must write one whole JSON value, and must not
   * build another record meanwhile (the pieces it renders for reuse take a generator of their own).
   */
  static byte[] record(Writer writer) {
    ThreadGenerator g = THREAD_GENERATOR.get();
    if (g == null) {
      g = new ThreadGenerator();
      THREAD_GENERATOR.set(g);
    }
    try {
      writer.write(g.out);
      g.out.flush();
      return g.sink.take();
    } catch (IOException | RuntimeException e) {
      THREAD_GENERATOR.remove(); // left in the middle of a value: never reused
      if (e instanceof IOException io) {
        throw new UncheckedIOException(io);
      }
      throw (RuntimeException) e;
    }
  }

  /** A generator and where it puts its bytes. */
  private static final class ThreadGenerator {
    final RecordBytes sink = new RecordBytes();
    final JsonGenerator out;

    ThreadGenerator() {
      try {
        out = generator(sink);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      out.setRootValueSeparator(null);
    }
  }

  /** The UTF-8 bytes of the JSON value {@code writer} writes, with a generator of its own. */
  static byte[] bytes(Writer writer) {
    RecordBytes sink = new RecordBytes();
    try (JsonGenerator out = generator(sink)) {
      writer.write(out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return sink.take();
  }

  /**
   * A JSON value rendered once, to be written again with {@link JsonGenerator#writeRawValue(
   * com.fasterxml.jackson.core.SerializableString)} as its bytes. Its text is decoded from well-formed
   * UTF-8, so the bytes Jackson encodes from it (once, when first written) are the same.
   */
  static SerializedString rendered(Writer writer) {
    return new SerializedString(new String(bytes(writer), StandardCharsets.UTF_8));
  }

  /** A member name or string value, its quoted UTF-8 form encoded once. */
  static SerializedString name(String text) {
    return new SerializedString(text);
  }
}

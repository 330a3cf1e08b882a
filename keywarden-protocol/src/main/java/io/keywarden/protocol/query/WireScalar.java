package io.keywarden.protocol.query;

/** A scalar shape: a form value, an XML element's text. */
final class WireScalar extends WireShape {

  /** The scalar types of the models, as the Query protocol writes them. */
  enum Kind {
    STRING,
    INTEGER,
    LONG,
    FLOAT,
    DOUBLE,
    BOOLEAN,
    /** ISO 8601 on the wire unless the model's {@code timestampFormat} says otherwise. */
    TIMESTAMP,
    /** Base64 on the wire and in the JSON services see. */
    BLOB,
    /** A type this layer passes through as text. */
    OTHER
  }

  /** A timestamp's wire format: the model's {@code timestampFormat}, {@code iso8601} by default. */
  enum TimestampFormat {
    ISO_8601,
    EPOCH_SECONDS,
    RFC_822
  }

  private final Kind kind;
  private final TimestampFormat timestampFormat;
  private final boolean sensitive;

  WireScalar(String name, Kind kind, TimestampFormat timestampFormat, boolean sensitive) {
    super(name);
    this.kind = kind;
    this.timestampFormat = timestampFormat;
    this.sensitive = sensitive;
  }

  Kind kind() {
    return kind;
  }

  TimestampFormat timestampFormat() {
    return timestampFormat;
  }

  /** Whether the model marks the shape {@code sensitive}: its values never appear in messages. */
  boolean sensitive() {
    return sensitive;
  }
}

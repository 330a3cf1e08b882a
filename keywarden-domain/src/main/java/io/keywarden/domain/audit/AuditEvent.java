package io.keywarden.domain.audit;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Objects;

/**
 * One audit event: a CloudTrail record, already redacted (no plaintext, ciphertext, key material or
 * secret value), one JSON object on one line, as LookupEvents returns it as {@code CloudTrailEvent}.
 *
 * <p>An event holds its record as text ({@link #AuditEvent(String, Instant, String)}, for readers and
 * tests) or as the UTF-8 bytes it was built in ({@link #ofUtf8}, the way records are made on the request
 * path, so that the log writes them without encoding them again; docs/PERFORMANCE.md, issue 5). Either
 * form gives the other on demand, once: {@link #json()} decodes the bytes, {@link #utf8Length()} and
 * {@link #copyUtf8} encode the text (as {@link String#getBytes} with UTF-8 does). Immutable and
 * thread-safe.
 */
public final class AuditEvent {
  /** The record's bytes read eight at a time, to look for a newline or NUL quickly. */
  private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
  private static final long ONES = 0x0101010101010101L;
  private static final long HIGHS = 0x8080808080808080L;
  private static final long NEWLINES = ONES * '\n';

  private final String eventId;
  private final Instant eventTime;
  /** The record's UTF-8 bytes; computed at most once per thread that finds it unset, all alike. */
  private volatile byte[] utf8;
  /** The record's text; likewise (a {@code String} is safely published without {@code volatile}). */
  private String json;

  /**
   * @param eventId the record's {@code eventID} (a UUID)
   * @param eventTime the record's {@code eventTime}
   * @param json the whole CloudTrail record, one JSON object on one line (no newline, no NUL)
   */
  public AuditEvent(String eventId, Instant eventTime, String json) {
    this(eventId, eventTime, null, Objects.requireNonNull(json, "json"));
    if (json.indexOf('\n') >= 0 || json.indexOf('\0') >= 0) { // as ofUtf8: the log's data ends at a NUL
      throw new IllegalArgumentException("an audit event is one line of JSON");
    }
  }

  private AuditEvent(String eventId, Instant eventTime, byte[] utf8, String json) {
    this.eventId = Objects.requireNonNull(eventId, "eventId");
    this.eventTime = Objects.requireNonNull(eventTime, "eventTime");
    this.utf8 = utf8;
    this.json = json;
  }

  /**
   * An event whose record is given as its UTF-8 bytes. The array is taken over, not copied: the caller
   * must not change it afterwards.
   *
   * @param json the whole CloudTrail record in UTF-8, one JSON object on one line (no newline, no NUL)
   */
  public static AuditEvent ofUtf8(String eventId, Instant eventTime, byte[] json) {
    Objects.requireNonNull(json, "json");
    if (hasNewlineOrNul(json)) {
      throw new IllegalArgumentException("an audit event is one line of JSON");
    }
    return new AuditEvent(eventId, eventTime, json, null);
  }

  /**
   * Whether {@code b} has a newline (in UTF-8 a 0x0A byte is a newline and nothing else) or a NUL (which
   * JSON escapes; the log's files end their data at the first zero byte). Eight bytes per step: this runs
   * for every record on the request path (issue 5).
   */
  private static boolean hasNewlineOrNul(byte[] b) {
    int i = 0;
    for (; i + 4 * Long.BYTES <= b.length; i += 4 * Long.BYTES) {
      long zeroBytes = zeroOrNewline(b, i) | zeroOrNewline(b, i + 8) | zeroOrNewline(b, i + 16) | zeroOrNewline(b, i + 24);
      if ((zeroBytes & HIGHS) != 0) {
        return true;
      }
    }
    for (; i < b.length; i++) {
      if (b[i] == '\n' || b[i] == 0) {
        return true;
      }
    }
    return false;
  }

  /**
   * The eight bytes from {@code i} on, with the high bit set in each that is 0 or a newline (and maybe
   * in bytes after such a one: the bits say whether there is one, not always which).
   */
  private static long zeroOrNewline(byte[] b, int i) {
    long v = (long) LONGS.get(b, i);
    long n = v ^ NEWLINES;
    return ((v - ONES) & ~v) | ((n - ONES) & ~n);
  }

  /** The record's {@code eventID} (a UUID). */
  public String eventId() {
    return eventId;
  }

  /** The record's {@code eventTime}, to the instant (the record's text has it to the second). */
  public Instant eventTime() {
    return eventTime;
  }

  /** The whole CloudTrail record as text. */
  public String json() {
    String text = json;
    if (text == null) {
      text = new String(utf8, StandardCharsets.UTF_8);
      json = text;
    }
    return text;
  }

  /** How many bytes the record has in UTF-8. */
  public int utf8Length() {
    return utf8().length;
  }

  /** Copies the record's UTF-8 bytes into {@code dst} from {@code offset} on ({@link #utf8Length} of them). */
  public void copyUtf8(byte[] dst, int offset) {
    byte[] b = utf8();
    System.arraycopy(b, 0, dst, offset, b.length);
  }

  /** The record's UTF-8 byte at {@code index} (from 0 to {@link #utf8Length} - 1). */
  public byte utf8At(int index) {
    return utf8()[index];
  }

  private byte[] utf8() {
    byte[] b = utf8;
    if (b == null) {
      b = json.getBytes(StandardCharsets.UTF_8);
      utf8 = b;
    }
    return b;
  }

  /** Equal events have the same id, time and record text. */
  @Override
  public boolean equals(Object o) {
    return o instanceof AuditEvent e
        && eventId.equals(e.eventId) && eventTime.equals(e.eventTime) && json().equals(e.json());
  }

  @Override
  public int hashCode() {
    return Objects.hash(eventId, eventTime, json());
  }

  @Override
  public String toString() {
    return "AuditEvent[eventId=" + eventId + ", eventTime=" + eventTime + ", json=" + json() + "]";
  }
}

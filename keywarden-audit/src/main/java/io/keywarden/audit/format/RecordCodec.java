package io.keywarden.audit.format;

import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * Encodes and parses record lines. The layout is fixed (fields in this order, no spaces), so that a
 * line's hash is well defined and a line parses only if it is exactly what the writer wrote:
 *
 * <pre>
 * {"seq":7,"prev":"&lt;64 hex&gt;","type":"event","time":"2025-01-01T00:00:00Z","id":"&lt;eventID&gt;","event":{...CloudTrail record...}}
 * {"seq":8,"prev":"&lt;64 hex&gt;","type":"digest","time":"...","from":0,"prevDigest":"&lt;64 hex&gt;","chainStart":0,
 *  "chainStartPrev":"&lt;64 hex&gt;","interval":60,"final":false,"afterUncleanStop":false,"keyId":"&lt;hex&gt;","sig":"&lt;base64&gt;"}
 * </pre>
 *
 * (a digest is one line; it is wrapped here for reading).
 */
public final class RecordCodec {
  private static final String SIG_FIELD = ",\"sig\":";
  private static final String TIME_FIELD = ",\"time\":\"";

  /** What follows the CloudTrail record on an event line: {@code eventLineHead + eventJson + this}. */
  public static final String EVENT_LINE_END = "}";

  private RecordCodec() {}

  /**
   * An event line up to its CloudTrail record, i.e. up to and including {@code ,"event":}: writers
   * that encode the record's text themselves put it and {@link #EVENT_LINE_END} after this.
   */
  public static String eventLineHead(EventRecord e) {
    return eventLineHead(e.seq(), e.prev(), e.time(), e.eventId());
  }

  /** {@link #eventLineHead(EventRecord)} from the record's parts. */
  public static String eventLineHead(long seq, String prev, Instant time, String eventId) {
    StringBuilder b = new StringBuilder(200);
    head(b, seq, prev, "event", time);
    b.append(",\"id\":");
    JsonStrings.quote(b, eventId);
    return b.append(",\"event\":").toString();
  }

  public static String encode(AuditRecord record) {
    if (record instanceof EventRecord e) {
      return eventLineHead(e) + e.eventJson() + EVENT_LINE_END;
    }
    DigestRecord d = (DigestRecord) record;
    StringBuilder b = new StringBuilder(unsignedPrefix(d));
    b.append(SIG_FIELD);
    JsonStrings.quote(b, d.signature());
    return b.append('}').toString();
  }

  /** A digest line up to, and without, its {@code ,"sig":...} field: what the signature covers. */
  static String unsignedPrefix(DigestRecord d) {
    StringBuilder b = new StringBuilder(400);
    head(b, d.seq(), d.prev(), "digest", d.time());
    b.append(",\"from\":").append(d.from());
    b.append(",\"prevDigest\":");
    JsonStrings.quote(b, d.prevDigest());
    b.append(",\"chainStart\":").append(d.chainStart());
    b.append(",\"chainStartPrev\":");
    JsonStrings.quote(b, d.chainStartPrev());
    b.append(",\"interval\":").append(d.intervalSeconds());
    b.append(",\"final\":").append(d.finalDigest());
    b.append(",\"afterUncleanStop\":").append(d.afterUncleanStop());
    b.append(",\"keyId\":");
    JsonStrings.quote(b, d.keyId());
    return b.toString();
  }

  private static void head(StringBuilder b, long seq, String prev, String type, Instant time) {
    b.append("{\"seq\":").append(seq).append(",\"prev\":");
    JsonStrings.quote(b, prev);
    b.append(",\"type\":\"").append(type).append("\",\"time\":\"").append(time).append('"');
  }

  /** Parses a line (without its newline). */
  public static AuditRecord parse(String line) throws MalformedRecordException {
    Cursor c = new Cursor(line);
    c.expect("{\"seq\":");
    long seq = c.readLong();
    c.expect(",\"prev\":");
    String prev = c.readHash();
    c.expect(",\"type\":");
    String type = c.readString();
    c.expect(",\"time\":");
    Instant time = c.readInstant();
    AuditRecord record;
    if (type.equals("event")) {
      c.expect(",\"id\":");
      String id = c.readString();
      c.expect(",\"event\":");
      String json = c.rest();
      if (json.length() < 3 || json.charAt(0) != '{' || json.charAt(json.length() - 2) != '}') {
        throw new MalformedRecordException("the event is not a JSON object");
      }
      record = new EventRecord(seq, prev, time, id, json.substring(0, json.length() - 1));
    } else if (type.equals("digest")) {
      c.expect(",\"from\":");
      long from = c.readLong();
      c.expect(",\"prevDigest\":");
      String prevDigest = c.readHash();
      c.expect(",\"chainStart\":");
      long chainStart = c.readLong();
      c.expect(",\"chainStartPrev\":");
      String chainStartPrev = c.readHash();
      c.expect(",\"interval\":");
      long interval = c.readLong();
      c.expect(",\"final\":");
      boolean fin = c.readBoolean();
      c.expect(",\"afterUncleanStop\":");
      boolean unclean = c.readBoolean();
      c.expect(",\"keyId\":");
      String keyId = c.readString();
      c.expect(SIG_FIELD);
      String sig = c.readString();
      c.expect("}");
      c.expectEnd();
      record = new DigestRecord(seq, prev, time, from, prevDigest, chainStart, chainStartPrev,
          interval, fin, unclean, keyId, sig);
    } else {
      throw new MalformedRecordException("unknown record type");
    }
    if (!encode(record).equals(line)) {
      throw new MalformedRecordException("not in canonical form");
    }
    return record;
  }

  /**
   * The {@code time} of a line without parsing all of it (for choosing which segments to read);
   * {@code null} if the line has none.
   */
  public static Instant peekTime(byte[] line) {
    String head = new String(line, 0, Math.min(line.length, 200), java.nio.charset.StandardCharsets.ISO_8859_1);
    int i = head.indexOf(TIME_FIELD);
    if (i < 0) {
      return null;
    }
    int start = i + TIME_FIELD.length();
    int end = head.indexOf('"', start);
    if (end < 0) {
      return null;
    }
    try {
      return Instant.parse(head.substring(start, end));
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  /** A strict left-to-right reader of the fixed layout. */
  private static final class Cursor {
    private final String s;
    private int pos;

    Cursor(String s) {
      this.s = s;
    }

    void expect(String literal) throws MalformedRecordException {
      if (!s.startsWith(literal, pos)) {
        throw new MalformedRecordException("expected " + literal + " at offset " + pos);
      }
      pos += literal.length();
    }

    void expectEnd() throws MalformedRecordException {
      if (pos != s.length()) {
        throw new MalformedRecordException("trailing characters at offset " + pos);
      }
    }

    long readLong() throws MalformedRecordException {
      int start = pos;
      while (pos < s.length() && pos - start < 19 && Character.isDigit(s.charAt(pos))) {
        pos++;
      }
      if (pos == start) {
        throw new MalformedRecordException("expected a number at offset " + start);
      }
      return Long.parseLong(s, start, pos, 10);
    }

    boolean readBoolean() throws MalformedRecordException {
      if (s.startsWith("true", pos)) {
        pos += 4;
        return true;
      }
      expect("false");
      return false;
    }

    String readString() throws MalformedRecordException {
      int[] end = new int[1];
      String v = JsonStrings.unquote(s, pos, end);
      if (v == null) {
        throw new MalformedRecordException("expected a string at offset " + pos);
      }
      pos = end[0];
      return v;
    }

    String readHash() throws MalformedRecordException {
      String h = readString();
      if (!ChainHash.isHash(h)) {
        throw new MalformedRecordException("expected a SHA-256 hex hash");
      }
      return h;
    }

    Instant readInstant() throws MalformedRecordException {
      try {
        return Instant.parse(readString());
      } catch (DateTimeParseException e) {
        throw new MalformedRecordException("expected an ISO-8601 instant");
      }
    }

    String rest() {
      String r = s.substring(pos);
      pos = s.length();
      return r;
    }
  }
}

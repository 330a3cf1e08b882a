package io.keywarden.services.cloudtrail;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Base64;

/**
 * LookupEvents' {@code NextToken}: where the next page starts (after the last event returned), the
 * time range the first page fixed (so that "now" does not move between pages), and a hash of the
 * request's parameters (a token is valid only with the parameters it was returned for). Opaque to
 * callers: URL-safe base64 of a versioned binary layout with a check sum, so that a damaged or
 * made-up token is refused rather than misread. It holds nothing secret: whatever it says, a caller
 * sees only its own account's events.
 *
 * @param parameters hash of the request's parameters ({@link LookupQuery#parametersHash})
 * @param fromSecond start of the range, epoch seconds, inclusive
 * @param toSecond end of the range, epoch seconds, exclusive
 * @param lastTimeMillis the last returned event's time
 * @param lastEventId the last returned event's id
 */
record PageToken(long parameters, long fromSecond, long toSecond, long lastTimeMillis, String lastEventId) {
  private static final byte VERSION = 1;
  private static final int CHECK = 8;
  private static final int FIXED = 1 + 8 * 4;
  private static final int MAX_EVENT_ID = 128;

  String encode() {
    byte[] id = lastEventId.getBytes(StandardCharsets.UTF_8);
    ByteBuffer b = ByteBuffer.allocate(FIXED + id.length + CHECK);
    b.put(VERSION).putLong(parameters).putLong(fromSecond).putLong(toSecond).putLong(lastTimeMillis).put(id);
    b.put(check(b.array(), FIXED + id.length));
    return Base64.getUrlEncoder().withoutPadding().encodeToString(b.array());
  }

  /** The token, or {@code null} if {@code text} is not one this server wrote. */
  static PageToken decode(String text) {
    if (text == null || text.isEmpty() || text.length() > 512) {
      return null;
    }
    byte[] raw;
    try {
      raw = Base64.getUrlDecoder().decode(text);
    } catch (IllegalArgumentException e) {
      return null;
    }
    int idLength = raw.length - FIXED - CHECK;
    if (idLength <= 0 || idLength > MAX_EVENT_ID || raw[0] != VERSION) {
      return null;
    }
    byte[] expected = check(raw, raw.length - CHECK);
    if (!MessageDigest.isEqual(expected, Arrays.copyOfRange(raw, raw.length - CHECK, raw.length))) {
      return null;
    }
    ByteBuffer b = ByteBuffer.wrap(raw, 1, raw.length - 1);
    long parameters = b.getLong();
    long from = b.getLong();
    long to = b.getLong();
    long last = b.getLong();
    String id = new String(raw, FIXED, idLength, StandardCharsets.UTF_8);
    return from < to ? new PageToken(parameters, from, to, last, id) : null;
  }

  private static byte[] check(byte[] bytes, int length) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      sha.update("Keywarden LookupEvents token v1\0".getBytes(StandardCharsets.US_ASCII));
      sha.update(bytes, 0, length);
      return Arrays.copyOf(sha.digest(), CHECK);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}

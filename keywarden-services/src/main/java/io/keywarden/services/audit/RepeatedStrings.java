package io.keywarden.services.audit;

import com.fasterxml.jackson.core.io.SerializedString;

/**
 * Strings that a thread's records repeat from call to call — a client's user agent and address, the
 * region, the operation, the recipient account — each kept with its JSON string encoded once, so that
 * a repeated value is copied as bytes instead of escaped and encoded again (issue 5). One per thread;
 * each member remembers its last value only, which a change simply replaces.
 */
final class RepeatedStrings {
  private static final ThreadLocal<RepeatedStrings> OF_THREAD = ThreadLocal.withInitial(RepeatedStrings::new);

  final Last userAgent = new Last();
  final Last sourceIp = new Last();
  final Last region = new Last();
  final Last eventName = new Last();
  final Last recipient = new Last();

  private RepeatedStrings() {}

  /** The calling thread's. */
  static RepeatedStrings ofThread() {
    return OF_THREAD.get();
  }

  /** The last value one member had, and its JSON string. */
  static final class Last {
    private String text;
    private SerializedString json;

    /** {@code s} as a JSON string, written as {@link WellFormedGenerator} would write it. */
    SerializedString json(String s) {
      if (s != text && !s.equals(text)) {
        json = RecordJson.name(WellFormedGenerator.wellFormed(s));
        text = s;
      }
      return json;
    }
  }
}

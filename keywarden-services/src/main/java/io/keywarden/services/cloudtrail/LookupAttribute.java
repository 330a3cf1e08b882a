package io.keywarden.services.cloudtrail;

import java.util.Locale;
import java.util.Objects;

/**
 * The one attribute a LookupEvents request may filter on, and whether an event has it. Values are
 * compared exactly, as CloudTrail compares them.
 *
 * @param key which attribute
 * @param value the value the event must have
 */
record LookupAttribute(Key key, String value) {
  /** Longest value, counting {@code _}, space, comma and newline twice (the model's rule). */
  static final int MAX_VALUE_LENGTH = 2000;

  /** CloudTrail's lookup attribute keys. */
  enum Key {
    EventId,
    EventName,
    ReadOnly,
    Username,
    ResourceType,
    ResourceName,
    EventSource,
    AccessKeyId;

    /** The key of that name, or {@code null}. */
    static Key of(String name) {
      for (Key k : values()) {
        if (k.name().equals(name)) {
          return k;
        }
      }
      return null;
    }
  }

  LookupAttribute {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(value, "value");
  }

  /**
   * A request's attribute, checked.
   *
   * @throws io.keywarden.services.api.ApiException InvalidLookupAttributesException
   */
  static LookupAttribute of(String key, String value) {
    if (key == null) {
      throw CloudTrailErrors.lookupAttributes("A lookup attribute needs an AttributeKey.");
    }
    Key k = Key.of(key);
    if (k == null) {
      throw CloudTrailErrors.lookupAttributes("The lookup attribute key '" + CloudTrailErrors.shown(key)
          + "' is not valid. Valid keys: EventId, EventName, ReadOnly, Username, ResourceType,"
          + " ResourceName, EventSource, AccessKeyId.");
    }
    if (value == null || value.isEmpty()) {
      throw CloudTrailErrors.lookupAttributes("The lookup attribute " + key + " needs an AttributeValue.");
    }
    if (weightedLength(value) > MAX_VALUE_LENGTH) {
      throw CloudTrailErrors.lookupAttributes("The value of the lookup attribute " + key
          + " is longer than " + MAX_VALUE_LENGTH + " characters ('_', ' ', ',' and newlines count twice).");
    }
    if (k == Key.ReadOnly) {
      String lower = value.toLowerCase(Locale.ROOT);
      if (!lower.equals("true") && !lower.equals("false")) {
        throw CloudTrailErrors.lookupAttributes(
            "The value of the lookup attribute ReadOnly must be true or false.");
      }
      return new LookupAttribute(k, lower);
    }
    return new LookupAttribute(k, value);
  }

  /** The length the model's limit counts: {@code _}, space, comma and newline count twice. */
  static int weightedLength(String value) {
    int n = value.length();
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c == '_' || c == ' ' || c == ',' || c == '\n') {
        n++;
      }
    }
    return n;
  }

  /** Whether {@code event} has this attribute. */
  boolean matches(EventView event) {
    switch (key) {
      case EventId:
        return value.equals(event.eventId());
      case EventName:
        return value.equals(event.eventName());
      case ReadOnly:
        return value.equals(event.readOnly());
      case Username:
        return value.equals(event.username());
      case EventSource:
        return value.equals(event.eventSource());
      case AccessKeyId:
        return value.equals(event.accessKeyId());
      case ResourceType:
        return event.resources().stream().anyMatch(r -> value.equals(r.type()));
      case ResourceName:
        return event.resources().stream().anyMatch(r -> value.equals(r.name()));
      default:
        throw new IllegalStateException(key.name());
    }
  }

  /**
   * A text that the raw JSON of every matching event contains, to skip most others without parsing
   * them; {@code null} when there is none that is safe to use (values that JSON would escape).
   */
  String rawHint() {
    if (key == Key.ReadOnly) {
      return "\"readOnly\":" + value;
    }
    if (key == Key.Username) {
      return null; // derived from userIdentity ("root" for the root user), not always a raw value
    }
    return plain(value) ? value : null;
  }

  /** Whether JSON writes {@code text} as it is (printable ASCII without quotes and backslashes). */
  static boolean plain(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c < 0x20 || c > 0x7e || c == '"' || c == '\\') {
        return false;
      }
    }
    return true;
  }
}

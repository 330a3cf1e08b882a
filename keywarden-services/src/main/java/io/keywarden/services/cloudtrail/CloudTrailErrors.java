package io.keywarden.services.cloudtrail;

import io.keywarden.services.api.ApiException;

/**
 * CloudTrail's errors. CloudTrail's model declares no {@code ValidationException}: LookupEvents
 * answers a bad request with the exception its model lists for the member at fault. AWS's messages
 * for them are not recorded in the reference material; these say what is wrong and how to fix it.
 */
final class CloudTrailErrors {
  static final String INVALID_LOOKUP_ATTRIBUTES = "InvalidLookupAttributesException";
  static final String INVALID_TIME_RANGE = "InvalidTimeRangeException";
  static final String INVALID_MAX_RESULTS = "InvalidMaxResultsException";
  static final String INVALID_NEXT_TOKEN = "InvalidNextTokenException";
  static final String INVALID_EVENT_CATEGORY = "InvalidEventCategoryException";
  static final String UNSUPPORTED_OPERATION = "UnsupportedOperationException";

  private CloudTrailErrors() {}

  static ApiException lookupAttributes(String message) {
    return new ApiException(INVALID_LOOKUP_ATTRIBUTES, message);
  }

  static ApiException timeRange(String message) {
    return new ApiException(INVALID_TIME_RANGE, message);
  }

  static ApiException maxResults(long value) {
    return new ApiException(INVALID_MAX_RESULTS,
        "MaxResults must be between 1 and 50; " + value + " is not.");
  }

  static ApiException nextToken() {
    return new ApiException(INVALID_NEXT_TOKEN,
        "The NextToken is not valid, or was returned for a request with other parameters.");
  }

  static ApiException eventCategory(String value) {
    return new ApiException(INVALID_EVENT_CATEGORY,
        "EventCategory '" + shown(value) + "' is not valid; the only valid value is 'insight'.");
  }

  static ApiException unsupported(String operation) {
    return new ApiException(UNSUPPORTED_OPERATION, "Keywarden does not implement " + operation
        + ": it keeps one audit log, always on; read it with LookupEvents.");
  }

  /** A caller's value in a message: at most 100 characters. */
  static String shown(String value) {
    return value.length() <= 100 ? value : value.substring(0, 100) + "...";
  }
}

package io.keywarden.services.sts;

import io.keywarden.services.api.ApiException;

/**
 * STS's errors, with AWS's codes and messages (those recorded from AWS where there are recordings:
 * the ARN, tag and transitive-key messages, as LocalStack's AWS-validated snapshots show them).
 */
final class StsErrors {
  static final String ACCESS_DENIED = "AccessDenied";
  static final String VALIDATION_ERROR = "ValidationError";
  static final String INVALID_PARAMETER_VALUE = "InvalidParameterValue";

  private StsErrors() {}

  /** {@code User: <caller> is not authorized to perform: sts:AssumeRole on resource: <role>}. */
  static ApiException notAuthorized(String callerArn, String action, String resource) {
    return new ApiException(ACCESS_DENIED,
        "User: " + callerArn + " is not authorized to perform: " + action + " on resource: " + resource);
  }

  static ApiException rootCannotAssumeRoles() {
    return new ApiException(ACCESS_DENIED, "Roles may not be assumed by root accounts.");
  }

  static ApiException invalidArn(String arn) {
    return new ApiException(VALIDATION_ERROR, arn + " is invalid");
  }

  static ApiException durationExceedsMax() {
    return new ApiException(VALIDATION_ERROR,
        "The requested DurationSeconds exceeds the MaxSessionDuration set for this role.");
  }

  static ApiException durationExceedsChainingLimit() {
    return new ApiException(VALIDATION_ERROR,
        "The requested DurationSeconds exceeds the 1 hour session limit for roles assumed by role chaining.");
  }

  static ApiException duplicateTagKeys() {
    return new ApiException(INVALID_PARAMETER_VALUE,
        "Duplicate tag keys found. Please note that Tag keys are case insensitive.");
  }

  static ApiException transitiveKeyNotInTags() {
    return new ApiException(INVALID_PARAMETER_VALUE,
        "The specified transitive tag key must be included in the requested tags.");
  }

  static ApiException conflictsWithInheritedTag() {
    return new ApiException(INVALID_PARAMETER_VALUE,
        "One of the specified transitive tag keys can't be set because it conflicts with a transitive"
            + " tag key from the calling session.");
  }

  /** Keywarden's own: session policies would narrow the session, and are not supported yet. */
  static ApiException sessionPoliciesUnsupported() {
    return new ApiException(INVALID_PARAMETER_VALUE,
        "Keywarden does not support session policies (Policy, PolicyArns) yet.");
  }

  /** For operations of the model that Keywarden does not implement. */
  static ApiException notImplemented(String operation) {
    return new ApiException("InvalidAction", "Keywarden does not implement " + operation + " yet.");
  }
}

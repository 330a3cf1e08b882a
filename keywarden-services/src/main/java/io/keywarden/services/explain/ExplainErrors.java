package io.keywarden.services.explain;

import io.keywarden.services.api.ApiException;

/** The errors of the explain API that are its own (KMS's come from the KMS service). */
final class ExplainErrors {
  private ExplainErrors() {}

  static ApiException validation(String message) {
    return new ApiException("ValidationException", message);
  }

  /** In AWS's form: "User: ARN is not authorized to perform: ACTION on resource: R: why". */
  static ApiException accessDenied(String callerArn, String resource, String why) {
    return new ApiException(
        "AccessDeniedException",
        "User: " + callerArn + " is not authorized to perform: " + ExplainService.ACTION
            + " on resource: " + resource + " because " + why);
  }
}

package io.keywarden.protocol.query;

import io.keywarden.services.api.ApiException;
import java.util.Map;

/**
 * The errors common to AWS's Query services (the "Common Errors" pages of the STS and IAM API
 * references), and the Query names of errors that the rest of the protocol layer raises in AWS JSON
 * 1.1's terms: SigV4 failures, validation, throttling, the sealed gate.
 */
public final class QueryErrors {
  public static final String VALIDATION_ERROR = "ValidationError";
  public static final String MISSING_ACTION = "MissingAction";
  public static final String INVALID_ACTION = "InvalidAction";
  public static final String INTERNAL_FAILURE = "InternalFailure";

  /** AWS's status for each common code; 400 for the caller's others, 500 for ours. */
  private static final Map<String, Integer> STATUS = Map.ofEntries(
      Map.entry("AccessDenied", 403),
      Map.entry("ExpiredToken", 403),
      Map.entry("IncompleteSignature", 400),
      Map.entry(INTERNAL_FAILURE, 500),
      Map.entry(INVALID_ACTION, 400),
      Map.entry("InvalidClientTokenId", 403),
      Map.entry("InvalidParameterCombination", 400),
      Map.entry("InvalidParameterValue", 400),
      Map.entry("InvalidQueryParameter", 400),
      Map.entry("MalformedQueryString", 404),
      Map.entry(MISSING_ACTION, 400),
      Map.entry("MissingAuthenticationToken", 403),
      Map.entry("MissingParameter", 400),
      Map.entry("NotAuthorized", 400),
      Map.entry("OptInRequired", 403),
      Map.entry("RequestExpired", 400),
      Map.entry("ServiceUnavailable", 503),
      Map.entry("SignatureDoesNotMatch", 403),
      Map.entry("Throttling", 400),
      Map.entry(VALIDATION_ERROR, 400));

  /** AWS JSON 1.1 names of the protocol layer's own errors, and their Query names. */
  private static final Map<String, String> FROM_JSON = Map.of(
      "MissingAuthenticationTokenException", "MissingAuthenticationToken",
      "IncompleteSignatureException", "IncompleteSignature",
      "InvalidSignatureException", "SignatureDoesNotMatch",
      "UnrecognizedClientException", "InvalidClientTokenId",
      "ExpiredTokenException", "ExpiredToken",
      "ValidationException", VALIDATION_ERROR,
      "ThrottlingException", "Throttling",
      "ServiceUnavailableException", "ServiceUnavailable");

  /** JSON's wording where the Query services word it differently. */
  private static final Map<String, String> MESSAGES = Map.of(
      "MissingAuthenticationToken", "Request is missing Authentication Token");

  private QueryErrors() {}

  /**
   * An error of the protocol layer (authentication, validation, throttling, the sealed gate), raised
   * in JSON's terms, as the Query protocol names it: {@code InvalidSignatureException} becomes {@code
   * SignatureDoesNotMatch}, {@code UnrecognizedClientException} {@code InvalidClientTokenId}, {@code
   * ExpiredTokenException} {@code ExpiredToken}, {@code ValidationException} {@code
   * ValidationError}. Other errors are returned as they are. Never apply this to a service's own
   * errors: STS models an {@code ExpiredTokenException} of its own.
   */
  public static ApiException fromJsonProtocol(ApiException e) {
    String code = FROM_JSON.get(e.code());
    if (code == null) {
      return e;
    }
    String message = MESSAGES.getOrDefault(code, e.getMessage());
    return new ApiException(code, message, e.fault());
  }

  /** {@code MissingAction}: the form has no {@code Action}. */
  public static ApiException missingAction() {
    return new ApiException(MISSING_ACTION, "Missing Action");
  }

  /**
   * {@code InvalidAction}: the service has no such operation in that version.
   *
   * @param version the form's {@code Version}, or {@code null}
   */
  public static ApiException invalidAction(String action, String version) {
    return new ApiException(INVALID_ACTION, "Could not find operation " + shorten(action) + " for version "
        + (version == null ? "NO_VERSION_SPECIFIED" : shorten(version)));
  }

  /** Request text quoted in a message, cut to a length that no real action or version reaches. */
  private static String shorten(String text) {
    return text.length() <= 128 ? text : text.substring(0, 128) + "...";
  }

  /** The status of a common code, or 0 when it is not one. */
  static int commonStatus(String code) {
    Integer status = STATUS.get(code);
    return status == null ? 0 : status;
  }
}

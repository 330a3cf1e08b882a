package io.keywarden.protocol.sigv4;

import io.keywarden.services.api.ApiException;

/** The authentication errors of AWS's JSON services, with AWS's messages. All are the caller's. */
final class SigV4Errors {
  static final String SIGNATURE_MISMATCH =
      "The request signature we calculated does not match the signature you provided. Check your "
          + "AWS Secret Access Key and signing method. Consult the service documentation for details.";
  static final String HOST_NOT_SIGNED =
      "'Host' or ':authority' must be a 'SignedHeader' in the AWS Authorization.";
  static final String CONTENT_SHA256_MISMATCH =
      "The provided 'x-amz-content-sha256' header does not match what was computed.";

  private SigV4Errors() {}

  static ApiException missingToken() {
    return new ApiException("MissingAuthenticationTokenException", "Missing Authentication Token");
  }

  static ApiException incomplete(String message) {
    return new ApiException("IncompleteSignatureException", message);
  }

  static ApiException invalidSignature(String message) {
    return new ApiException("InvalidSignatureException", message);
  }

  static ApiException unrecognizedClient() {
    return new ApiException(
        "UnrecognizedClientException", "The security token included in the request is invalid.");
  }

  static ApiException expiredToken() {
    return new ApiException(
        "ExpiredTokenException", "The security token included in the request is expired");
  }

  static ApiException badDate(String value) {
    return incomplete(
        "Date must be in ISO-8601 'basic format'. Got '"
            + value
            + "'. See http://en.wikipedia.org/wiki/ISO_8601");
  }
}

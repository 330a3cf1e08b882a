package io.keywarden.services.kms;

import io.keywarden.services.api.ApiException;

/**
 * KMS's errors, with the messages AWS sends where they are recorded
 * (../shared/reference/aws-recorded/kms.snapshot.json) or documented.
 */
public final class KmsErrors {
  private KmsErrors() {}

  public static ApiException notFound(String message) {
    return new ApiException("NotFoundException", message);
  }

  /** Recorded: {@code Key 'arn:aws:kms:...:key/<id>' does not exist}. */
  public static ApiException keyDoesNotExist(String keyArn) {
    return notFound("Key '" + keyArn + "' does not exist");
  }

  /** Recorded: {@code Invalid keyId 'fake-key-id'}. */
  public static ApiException invalidKeyId(String keyId) {
    return notFound("Invalid keyId '" + keyId + "'");
  }

  /** Recorded (describe-key-diff-region-with-arn): {@code Invalid arn <region>}. */
  public static ApiException invalidArnRegion(String region) {
    return notFound("Invalid arn " + region);
  }

  public static ApiException aliasNotFound(String aliasArn) {
    return notFound("Alias " + aliasArn + " is not found.");
  }

  public static ApiException invalidArn(String message) {
    return new ApiException("InvalidArnException", message);
  }

  /** Recorded: {@code <arn> is disabled.} */
  public static ApiException disabled(String keyArn) {
    return new ApiException("DisabledException", keyArn + " is disabled.");
  }

  public static ApiException invalidState(String message) {
    return new ApiException("KMSInvalidStateException", message);
  }

  /** Recorded for the data plane on a key in {@code PendingImport}: {@code <arn> is pending import.} */
  public static ApiException pendingImport(String keyArn) {
    return invalidState(keyArn + " is pending import.");
  }

  public static ApiException pendingDeletion(String keyArn) {
    return invalidState(keyArn + " is pending deletion.");
  }

  public static ApiException validation(String message) {
    return new ApiException("ValidationException", message);
  }

  /** Decryption failures of every kind. Recorded with an empty message. */
  public static ApiException invalidCiphertext() {
    return new ApiException("InvalidCiphertextException", null);
  }

  /** Recorded: IncorrectKeyException's fixed message. */
  public static ApiException incorrectKey() {
    return new ApiException(
        "IncorrectKeyException",
        "The key ID in the request does not identify a CMK that can perform this operation.");
  }

  /** Recorded: {@code <arn> key usage is SIGN_VERIFY which is not valid for Encrypt.} */
  public static ApiException invalidKeyUsage(String keyArn, String usage, String operation) {
    return new ApiException(
        "InvalidKeyUsageException",
        keyArn + " key usage is " + usage + " which is not valid for " + operation + ".");
  }

  public static ApiException invalidKeyUsage(String message) {
    return new ApiException("InvalidKeyUsageException", message);
  }

  /** Recorded: DryRunOperationException's fixed message. */
  public static ApiException dryRun() {
    return new ApiException(
        "DryRunOperationException", "The request would have succeeded, but the DryRun option is set.");
  }

  public static ApiException unsupported(String message) {
    return new ApiException("UnsupportedOperationException", message);
  }

  public static ApiException alreadyExists(String message) {
    return new ApiException("AlreadyExistsException", message);
  }

  public static ApiException invalidAliasName(String message) {
    return new ApiException("InvalidAliasNameException", message);
  }

  public static ApiException tag(String message) {
    return new ApiException("TagException", message);
  }

  public static ApiException limitExceeded(String message) {
    return new ApiException("LimitExceededException", message);
  }

  public static ApiException malformedPolicy(String message) {
    return new ApiException("MalformedPolicyDocumentException", message);
  }

  public static ApiException invalidMarker() {
    return new ApiException("InvalidMarkerException", "Invalid marker");
  }

  /** A grant token that is malformed or was not issued by this installation. */
  public static ApiException invalidGrantToken() {
    return new ApiException("InvalidGrantTokenException", "Invalid grant token");
  }

  /** A GrantId that cannot be a grant id (64 hex digits). */
  public static ApiException invalidGrantId(String grantId) {
    return new ApiException("InvalidGrantIdException", "Invalid grant ID " + grantId);
  }

  /** A well-formed grant id that names no grant of the key. */
  public static ApiException grantNotFound(String grantId) {
    return notFound("Grant ID " + grantId + " not found");
  }

  /** As AWS answers CreateGrant for a grantee or retiring principal it cannot resolve. */
  public static ApiException invalidPrincipal(String principal) {
    return invalidArn("ARN does not refer to a valid principal: " + principal);
  }

  public static ApiException accessDenied(String message) {
    return new ApiException("AccessDeniedException", message);
  }

  public static ApiException internal() {
    return new ApiException(
        "KMSInternalException", "An internal error occurred.", ApiException.Fault.SERVER);
  }
}

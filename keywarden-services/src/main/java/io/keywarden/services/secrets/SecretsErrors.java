package io.keywarden.services.secrets;

import io.keywarden.services.api.ApiException;

/** Secrets Manager's errors, with the codes and messages AWS answers. */
final class SecretsErrors {
  private SecretsErrors() {}

  static ApiException notFound() {
    return new ApiException("ResourceNotFoundException", "Secrets Manager can't find the specified secret.");
  }

  static ApiException noValueForStage(String stage) {
    return new ApiException("ResourceNotFoundException",
        "Secrets Manager can't find the specified secret value for staging label: " + stage);
  }

  static ApiException noValueForVersion(String versionId) {
    return new ApiException("ResourceNotFoundException",
        "Secrets Manager can't find the specified secret value for VersionId: " + versionId);
  }

  static ApiException markedForDeletion() {
    return invalidRequest(
        "You can't perform this operation on the secret because it was marked for deletion.");
  }

  /** A write to a replica (as AWS answers it: InvalidParameterException, not InvalidRequest). */
  static ApiException replicaReadOnly() {
    return invalidParameter(
        "Operation not permitted on a replica secret. Call must be made in primary secret's region.");
  }

  static ApiException nameScheduledForDeletion() {
    return invalidRequest(
        "You can't create this secret because a secret with this name is already scheduled for deletion.");
  }

  static ApiException exists(String name) {
    return new ApiException("ResourceExistsException",
        "The operation failed because the secret " + name + " already exists.");
  }

  static ApiException versionExists() {
    return new ApiException("ResourceExistsException",
        "You can't modify an existing version, you can only create a new version.");
  }

  static ApiException stageNotOnVersion() {
    return invalidRequest(
        "You provided a VersionStage that is not associated to the provided VersionId.");
  }

  static ApiException invalidName() {
    return new ApiException("ValidationException",
        "Invalid name. Must be a valid name containing alphanumeric characters, or any of the"
            + " following: -/_+=.@!");
  }

  static ApiException invalidParameter(String message) {
    return new ApiException("InvalidParameterException", message);
  }

  static ApiException invalidRequest(String message) {
    return new ApiException("InvalidRequestException", message);
  }

  static ApiException invalidNextToken() {
    return new ApiException("InvalidNextTokenException", "The NextToken value is not valid.");
  }

  static ApiException decryptionFailure() {
    return new ApiException("DecryptionFailure",
        "Secrets Manager can't decrypt the protected secret text using the provided KMS key.");
  }

  static ApiException encryptionFailure() {
    return new ApiException("EncryptionFailure",
        "Secrets Manager can't encrypt the protected secret text using the provided KMS key. Check"
            + " that the KMS key is available, enabled, and not in an invalid state.");
  }

  static ApiException kmsAccessDenied() {
    return new ApiException("AccessDeniedException", "Access to KMS is not allowed");
  }

  static ApiException unsupported(String what) {
    return new ApiException("UnsupportedOperationException", "Keywarden does not implement " + what + " yet.");
  }
}

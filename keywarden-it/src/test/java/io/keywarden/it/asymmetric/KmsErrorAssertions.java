package io.keywarden.it.asymmetric;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.function.Executable;
import software.amazon.awssdk.services.kms.model.KmsException;

/**
 * AWS error assertions (the SDK's exception type, {@code __type}, HTTP status, message), copied from
 * io.keywarden.it.sdk.SdkAssertions (package-private there), with the recorded messages this package
 * compares against.
 */
final class KmsErrorAssertions {
  /** Recorded: test_generate_data_key_pair_dry_run. */
  static final String DRY_RUN = "The request would have succeeded, but the DryRun option is set.";
  /** Recorded: test_error_messaging_for_invalid_keys (decrypt-invalid-key-id). */
  static final String INCORRECT_KEY =
      "The key ID in the request does not identify a CMK that can perform this operation.";

  private KmsErrorAssertions() {}

  /** Expects a 400 AWS error of exactly the SDK type {@code type}, with {@code code} and, unless null, {@code message}. */
  static <E extends KmsException> E assertKmsError(
      Class<E> type, String code, String message, Executable call) {
    E e = assertThrows(type, call);
    assertEquals(type, e.getClass(), () -> "SDK exception type of " + e);
    assertEquals(code, e.awsErrorDetails().errorCode(), () -> "error code of " + e);
    assertEquals(400, e.statusCode(), () -> "HTTP status of " + e);
    assertNotNull(e.requestId(), "x-amzn-RequestId of an error");
    if (message != null) {
      assertEquals(message, e.awsErrorDetails().errorMessage(), () -> "message of " + code);
    }
    return e;
  }

  /** {@link #assertKmsError(Class, String, String, Executable)}, naming the case in a failure. */
  static <E extends KmsException> E assertKmsErrorOf(
      String what, Class<E> type, String code, String message, Executable call) {
    try {
      return assertKmsError(type, code, message, call);
    } catch (AssertionError e) {
      throw new AssertionError(what + ": " + e.getMessage(), e);
    }
  }

  /** An error the SDK does not model (ValidationException...): a plain KmsException. */
  static KmsException assertKmsError(String code, String message, Executable call) {
    return assertKmsError(KmsException.class, code, message, call);
  }

  /** Recorded for KMSInvalidSignatureException, KMSInvalidMacException, InvalidCiphertextException: no message. */
  static void assertNoMessage(KmsException e) {
    String m = e.awsErrorDetails().errorMessage();
    assertTrue(m == null || m.isEmpty(), () -> "expected no message, got: " + m);
  }

  /** Recorded (test_error_messaging_for_invalid_keys, test_derive_shared_secret). */
  static String usageNotValid(String keyArn, String usage, String operation) {
    return keyArn + " key usage is " + usage + " which is not valid for " + operation + ".";
  }

  /** The model's length constraint on a sensitive blob, as recorded for Plaintext (test_plaintext_size_for_encrypt). */
  static String tooLong(String member, int max) {
    return "1 validation error detected: Value at '" + member
        + "' failed to satisfy constraint: Member must have length less than or equal to " + max;
  }
}

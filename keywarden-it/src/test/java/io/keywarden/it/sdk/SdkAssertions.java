package io.keywarden.it.sdk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.keywarden.it.TestServer;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.function.Executable;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.model.KeyMetadata;
import software.amazon.awssdk.services.kms.model.KmsException;

/**
 * What the SDK tests share: AWS error assertions (the SDK's exception type, {@code __type}, HTTP status
 * and message) and small builders. Messages compared here are the ones recorded from real AWS
 * (../shared/reference/aws-recorded/kms.snapshot.json) where a recording exists.
 */
final class SdkAssertions {
  static final String ACCOUNT = TestServer.DEV_ACCOUNT;
  static final String REGION = TestServer.REGION.id();

  private SdkAssertions() {}

  /**
   * Runs {@code call}, expecting a 400 AWS error of exactly the SDK type {@code type}, with the
   * {@code code} and, unless {@code message} is {@code null}, that message.
   */
  static <E extends KmsException> E assertKmsError(
      Class<E> type, String code, String message, Executable call) {
    return assertKmsError(type, 400, code, message, call);
  }

  static <E extends KmsException> E assertKmsError(
      Class<E> type, int status, String code, String message, Executable call) {
    E e = assertThrows(type, call);
    assertEquals(code, e.awsErrorDetails().errorCode(), () -> "error code of " + e);
    assertEquals(status, e.statusCode(), () -> "HTTP status of " + e);
    assertNotNull(e.requestId(), "x-amzn-RequestId of an error");
    if (message != null) {
      assertEquals(message, e.awsErrorDetails().errorMessage(), () -> "message of " + code);
    }
    return e;
  }

  /** {@link #assertKmsError(Class, String, String, Executable)}, naming the call in a failure. */
  static <E extends KmsException> E assertKmsErrorOf(
      String call, Class<E> type, String code, String message, Executable executable) {
    try {
      return assertKmsError(type, code, message, executable);
    } catch (AssertionError e) {
      throw new AssertionError(call + ": " + e.getMessage(), e);
    }
  }

  /** An error the SDK does not model (ValidationException, AccessDeniedException, ...). */
  static KmsException assertKmsError(String code, String message, Executable call) {
    return assertKmsError(KmsException.class, code, message, call);
  }

  /** AWS sends InvalidCiphertextException with an empty message (recorded): no decryption oracle. */
  static void assertNoMessage(KmsException e) {
    String m = e.awsErrorDetails().errorMessage();
    assertTrue(m == null || m.isEmpty(), () -> "expected no message, got: " + m);
  }

  static KeyMetadata newKey(KmsClient kms) {
    return kms.createKey(r -> r.description("sdk test key")).keyMetadata();
  }

  static KeyMetadata newDisabledKey(KmsClient kms) {
    KeyMetadata key = newKey(kms);
    kms.disableKey(r -> r.keyId(key.keyId()));
    return key;
  }

  static KeyMetadata newKeyPendingDeletion(KmsClient kms) {
    KeyMetadata key = newKey(kms);
    kms.scheduleKeyDeletion(r -> r.keyId(key.keyId()).pendingWindowInDays(7));
    return key;
  }

  static String keyArn(String keyId) {
    return "arn:aws:kms:" + REGION + ":" + ACCOUNT + ":key/" + keyId;
  }

  static String aliasArn(String aliasName) {
    return "arn:aws:kms:" + REGION + ":" + ACCOUNT + ":" + aliasName;
  }

  /** An alias name no other test uses. */
  static String uniqueAlias(String prefix) {
    return "alias/" + prefix + "-" + System.nanoTime();
  }

  static SdkBytes utf8(String s) {
    return SdkBytes.fromString(s, StandardCharsets.UTF_8);
  }

  static Map<String, String> context(String... keyValues) {
    if (keyValues.length % 2 != 0) {
      throw new IllegalArgumentException("key, value, key, value, ...");
    }
    java.util.LinkedHashMap<String, String> m = new java.util.LinkedHashMap<>();
    for (int i = 0; i < keyValues.length; i += 2) {
      m.put(keyValues[i], keyValues[i + 1]);
    }
    return m;
  }
}

package io.keywarden.it.authz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.function.Executable;
import software.amazon.awssdk.services.kms.model.KmsException;

/**
 * AWS KMS's AccessDeniedException as the SDK sees it: HTTP 400, {@code __type} AccessDeniedException
 * (a code the KMS model does not declare, so a plain {@link KmsException}), and IAM's message forms
 * (IAM User Guide, "Troubleshoot access denied error messages"), written out here independently of
 * the server's code.
 */
final class Denials {
  private Denials() {}

  /** Why IAM denied, as the message ends. */
  enum Because {
    NO_RESOURCE_POLICY_ALLOWS,
    NO_IDENTITY_POLICY_ALLOWS,
    EXPLICIT_DENY_IN_RESOURCE_POLICY,
    EXPLICIT_DENY_IN_IDENTITY_POLICY;

    String message(String principalArn, String action, String resource) {
      String head = "User: " + principalArn + " is not authorized to perform: " + action
          + " on resource: " + resource;
      switch (this) {
        case NO_RESOURCE_POLICY_ALLOWS:
          return head + " because no resource-based policy allows the " + action + " action";
        case NO_IDENTITY_POLICY_ALLOWS:
          return head + " because no identity-based policy allows the " + action + " action";
        case EXPLICIT_DENY_IN_RESOURCE_POLICY:
          return head + " with an explicit deny in a resource-based policy";
        default:
          return head + " with an explicit deny in an identity-based policy";
      }
    }
  }

  /** {@code call} must be denied to {@code principalArn} with exactly AWS's message. */
  static KmsException assertDenied(
      String principalArn, String action, String resource, Because because, Executable call) {
    KmsException e = assertThrows(KmsException.class, call, () -> action + " by " + principalArn);
    assertEquals("AccessDeniedException", e.awsErrorDetails().errorCode(), () -> "error code of " + e);
    assertEquals(400, e.statusCode(), () -> "HTTP status of " + e);
    assertNotNull(e.requestId(), "x-amzn-RequestId of an error");
    assertEquals(because.message(principalArn, action, resource), e.awsErrorDetails().errorMessage(),
        "message of the AccessDeniedException");
    return e;
  }

  /** As {@link #assertDenied(String, String, String, Because, Executable)} for an IAM user. */
  static KmsException assertDenied(
      Who who, String action, String resource, Because because, Executable call) {
    return assertDenied(who.arn(), action, resource, because, call);
  }
}

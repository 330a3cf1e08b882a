package io.keywarden.it.authz;

import static io.keywarden.it.authz.Denials.assertDenied;
import static io.keywarden.it.authz.KeyPolicies.ENABLE_IAM_POLICIES;
import static io.keywarden.it.authz.KeyPolicies.KEY_USERS;
import static io.keywarden.it.authz.KeyPolicies.policy;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.keywarden.it.authz.Denials.Because;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.model.KeyMetadata;
import software.amazon.awssdk.services.kms.model.MalformedPolicyDocumentException;

/**
 * The policy lockout safety check of CreateKey and PutKeyPolicy: a new key policy must let the caller
 * call PutKeyPolicy later (itself or through its IAM policies), unless the caller passes
 * BypassPolicyLockoutSafetyCheck — after which it may well be locked out. And the principals a key
 * policy names must exist.
 */
class KeyPolicyLockoutSdkTest {
  private static final String LOCKOUT =
      "The new key policy will not allow you to update the key policy in the future.";
  /** Names key-user only: key-admin could not change it again. */
  private static final String USERS_ONLY = policy(KEY_USERS);

  private static AuthzServer server;
  private static KmsClient keyAdmin;
  private static KmsClient keyUser;

  @BeforeAll
  static void start() {
    server = AuthzServer.start();
    keyAdmin = server.kms(Who.KEY_ADMIN);
    keyUser = server.kms(Who.KEY_USER);
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  private static void assertMalformed(String message, Executable call) {
    MalformedPolicyDocumentException e = assertThrows(MalformedPolicyDocumentException.class, call);
    assertEquals("MalformedPolicyDocumentException", e.awsErrorDetails().errorCode());
    assertEquals(400, e.statusCode());
    assertEquals(message, e.awsErrorDetails().errorMessage());
  }


  @Test
  void createKey_withBypass_createsAKeyItsCreatorCannotAdminister() {
    KeyMetadata key = keyAdmin.createKey(r -> r.policy(USERS_ONLY).bypassPolicyLockoutSafetyCheck(true))
        .keyMetadata();

    keyUser.encrypt(r -> r.keyId(key.keyId()).plaintext(SdkBytes.fromString("x", StandardCharsets.UTF_8)));
    assertDenied(Who.KEY_ADMIN, "kms:PutKeyPolicy", key.arn(), Because.NO_RESOURCE_POLICY_ALLOWS,
        () -> keyAdmin.putKeyPolicy(r -> r.keyId(key.keyId()).policyName("default")
            .policy(KeyPolicies.administratorsAndUsers())));
    assertDenied(Who.KEY_ADMIN, "kms:DescribeKey", key.arn(), Because.NO_RESOURCE_POLICY_ALLOWS,
        () -> keyAdmin.describeKey(r -> r.keyId(key.keyId())));
    // Its IAM policy allows kms:CreateAlias on the alias; the key's policy does not on the key.
    assertDenied(Who.KEY_ADMIN, "kms:CreateAlias", key.arn(), Because.NO_RESOURCE_POLICY_ALLOWS,
        () -> keyAdmin.createAlias(r -> r.aliasName("alias/locked-out-" + System.nanoTime())
            .targetKeyId(key.keyId())));
  }

  @Test
  void putKeyPolicy_thatLocksTheCallerOut_isRefused_thenBypassed() {
    KeyMetadata key = server.createKey(keyAdmin, null, Map.of());

    assertMalformed(LOCKOUT, () -> keyAdmin.putKeyPolicy(r -> r.keyId(key.keyId())
        .policyName("default").policy(USERS_ONLY)));
    keyAdmin.getKeyPolicy(r -> r.keyId(key.keyId())); // unchanged: still administered

    keyAdmin.putKeyPolicy(r -> r.keyId(key.keyId()).policyName("default").policy(USERS_ONLY)
        .bypassPolicyLockoutSafetyCheck(true));

    assertDenied(Who.KEY_ADMIN, "kms:GetKeyPolicy", key.arn(), Because.NO_RESOURCE_POLICY_ALLOWS,
        () -> keyAdmin.getKeyPolicy(r -> r.keyId(key.keyId())));
  }

  /** Root delegation plus key-admin's IAM allow of kms:Put* pass the check. */
  @Test
  void putKeyPolicy_delegatingToIam_passesForAnIamAdministrator() {
    KeyMetadata key = server.createKey(keyAdmin, null, Map.of());

    keyAdmin.putKeyPolicy(r -> r.keyId(key.keyId()).policyName("default")
        .policy(policy(ENABLE_IAM_POLICIES, KEY_USERS)));

    keyAdmin.describeKey(r -> r.keyId(key.keyId()));
    // key-user, named by the new policy for cryptography only, may not put it back.
    assertDenied(Who.KEY_USER, "kms:PutKeyPolicy", key.arn(), Because.NO_IDENTITY_POLICY_ALLOWS,
        () -> keyUser.putKeyPolicy(r -> r.keyId(key.keyId()).policyName("default")
            .policy(policy(ENABLE_IAM_POLICIES, KEY_USERS))));
  }

  @Test
  void createKey_withAPolicyThatLocksTheCallerOut_orNamesNoSuchPrincipal_isRefused() {
    assertMalformed(LOCKOUT, () -> keyAdmin.createKey(r -> r.policy(USERS_ONLY)));

    String ghost =
        """
        {"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::111122223333:user/ghost"},
         "Action": "kms:Encrypt", "Resource": "*"}""";

    assertMalformed("Policy contains a statement with one or more invalid principals.",
        () -> keyAdmin.createKey(r -> r.policy(policy(ENABLE_IAM_POLICIES, ghost))));
  }
}

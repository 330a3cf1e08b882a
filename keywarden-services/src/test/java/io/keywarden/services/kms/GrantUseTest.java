package io.keywarden.services.kms;

import static io.keywarden.services.kms.GrantFixture.ACCOUNT;
import static io.keywarden.services.kms.GrantFixture.OTHER;
import static io.keywarden.services.kms.GrantFixture.keyArn;
import static io.keywarden.services.kms.GrantFixture.root;
import static io.keywarden.services.kms.GrantFixture.roleArn;
import static io.keywarden.services.kms.GrantFixture.session;
import static io.keywarden.services.kms.GrantFixture.user;
import static io.keywarden.services.kms.GrantFixture.userArn;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.keywarden.domain.identity.Principal;
import io.keywarden.services.api.ApiException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * KMS operations allowed through grants to principals whose policies allow nothing, and refused
 * outside the grants' operations and constraints, with AWS's messages.
 */
class GrantUseTest {
  private static final String ALLOW_KMS =
      "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"kms:*\",\"Resource\":\"*\"}]}";
  private static final String DENY_DECRYPT =
      "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Deny\",\"Action\":\"kms:Decrypt\",\"Resource\":\"*\"}]}";

  private final GrantFixture f = new GrantFixture(null);
  private final String keyId;
  private final String arn;

  GrantUseTest() {
    f.identities
        .add(userArn(ACCOUNT, "nobody"))
        .add(userArn(ACCOUNT, "denied"), DENY_DECRYPT)
        .add(roleArn(ACCOUNT, "app"))
        .add(userArn(OTHER, "carol"))
        .add(userArn(OTHER, "dave"), ALLOW_KMS);
    keyId = f.createKey(ACCOUNT);
    arn = keyArn(ACCOUNT, keyId);
  }

  @AfterEach
  void close() {
    f.close();
  }

  private String grant(String grantee, String operations, String constraints) {
    return f.call(root(ACCOUNT), "CreateGrant", "{\"KeyId\":\"" + keyId + "\",\"GranteePrincipal\":\""
            + grantee + "\",\"Operations\":" + operations
            + (constraints == null ? "" : ",\"Constraints\":" + constraints) + "}")
        .get("GrantToken").asText();
  }

  private String encrypt(Principal p, String context) {
    return f.call(p, "Encrypt", "{\"KeyId\":\"" + arn + "\",\"Plaintext\":\"" + KmsHarness.b64("secret")
            + "\"" + (context == null ? "" : ",\"EncryptionContext\":" + context) + "}")
        .get("CiphertextBlob").asText();
  }

  private ApiException encryptError(Principal p, String context) {
    return f.error(p, "Encrypt", "{\"KeyId\":\"" + arn + "\",\"Plaintext\":\"" + KmsHarness.b64("secret")
        + "\"" + (context == null ? "" : ",\"EncryptionContext\":" + context) + "}");
  }

  private static String denial(Principal p, String action, String arn, String reason) {
    return "User: " + p.arn() + " is not authorized to perform: kms:" + action + " on resource: " + arn
        + " because no " + reason + "-based policy allows the kms:" + action + " action";
  }

  @Test
  void grantee_withoutPolicies_usesExactlyTheGrantedOperations() {
    Principal nobody = user(ACCOUNT, "nobody");
    assertEquals(denial(nobody, "Encrypt", arn, "identity"), encryptError(nobody, null).getMessage());
    grant(userArn(ACCOUNT, "nobody"), "[\"Encrypt\",\"Decrypt\"]", null);
    String blob = encrypt(nobody, null);
    assertEquals(KmsHarness.b64("secret"),
        f.call(nobody, "Decrypt", "{\"CiphertextBlob\":\"" + blob + "\"}").get("Plaintext").asText());
    ApiException e = f.error(nobody, "GenerateDataKey", "{\"KeyId\":\"" + keyId + "\",\"KeySpec\":\"AES_256\"}");
    assertEquals(denial(nobody, "GenerateDataKey", arn, "identity"), e.getMessage());
    assertEquals("AccessDeniedException",
        f.error(nobody, "ScheduleKeyDeletion", "{\"KeyId\":\"" + keyId + "\"}").code());
  }

  @Test
  void constraints_limitTheGrantToItsEncryptionContext() {
    Principal nobody = user(ACCOUNT, "nobody");
    grant(userArn(ACCOUNT, "nobody"), "[\"Encrypt\"]", "{\"EncryptionContextSubset\":{\"tenant\":\"a\"}}");
    encrypt(nobody, "{\"tenant\":\"a\",\"purpose\":\"test\"}");
    assertEquals("AccessDeniedException", encryptError(nobody, "{\"tenant\":\"b\"}").code());
    assertEquals("AccessDeniedException", encryptError(nobody, null).code());
  }

  @Test
  void roleGrant_servesItsSessions_explicitDenyBeatsAGrant() {
    grant(roleArn(ACCOUNT, "app"), "[\"Encrypt\"]", null);
    encrypt(session(ACCOUNT, "app", "worker-1"), null);

    Principal denied = user(ACCOUNT, "denied");
    grant(userArn(ACCOUNT, "denied"), "[\"Encrypt\",\"Decrypt\"]", null);
    String blob = encrypt(denied, null);
    ApiException e = f.error(denied, "Decrypt", "{\"CiphertextBlob\":\"" + blob + "\"}");
    assertEquals("User: " + denied.arn() + " is not authorized to perform: kms:Decrypt on resource: " + arn
        + " with an explicit deny in an identity-based policy", e.getMessage());
  }

  @Test
  void crossAccount_grantToUser_needsNoPolicy_grantToAccount_needsItsIamPolicy() {
    Principal carol = user(OTHER, "carol");
    assertEquals(denial(carol, "Encrypt", arn, "resource"), encryptError(carol, null).getMessage());
    grant(userArn(OTHER, "carol"), "[\"Encrypt\"]", null);
    encrypt(carol, null);

    grant("arn:aws:iam::" + OTHER + ":root", "[\"Decrypt\"]", null);
    String blob = encrypt(carol, null);
    assertEquals(denial(carol, "Decrypt", arn, "identity"),
        f.error(carol, "Decrypt", "{\"CiphertextBlob\":\"" + blob + "\"}").getMessage());
    f.call(user(OTHER, "dave"), "Decrypt", "{\"CiphertextBlob\":\"" + blob + "\"}");
    f.call(root(OTHER), "Decrypt", "{\"CiphertextBlob\":\"" + blob + "\"}");
  }

  @Test
  void grantTokens_areCheckedOnEveryOperation() {
    ApiException e = f.error(root(ACCOUNT), "Encrypt", "{\"KeyId\":\"" + keyId + "\",\"Plaintext\":\""
        + KmsHarness.b64("x") + "\",\"GrantTokens\":[\"forged\"]}");
    assertEquals("InvalidGrantTokenException", e.code());
    String token = grant(userArn(ACCOUNT, "nobody"), "[\"DescribeKey\"]", null);
    f.call(user(ACCOUNT, "nobody"), "DescribeKey", "{\"KeyId\":\"" + keyId + "\",\"GrantTokens\":[\"" + token + "\"]}");
  }
}

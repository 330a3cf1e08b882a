package io.keywarden.it.sdk;

import static io.keywarden.it.sdk.SdkAssertions.ACCOUNT;
import static io.keywarden.it.sdk.SdkAssertions.assertKmsError;
import static io.keywarden.it.sdk.SdkAssertions.newKey;
import static io.keywarden.it.sdk.SdkAssertions.newKeyPendingDeletion;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.keywarden.it.TestServer;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.model.GetKeyPolicyResponse;
import software.amazon.awssdk.services.kms.model.KeyMetadata;
import software.amazon.awssdk.services.kms.model.ListKeyPoliciesResponse;
import software.amazon.awssdk.services.kms.model.MalformedPolicyDocumentException;

/**
 * GetKeyPolicy, PutKeyPolicy and ListKeyPolicies: a key has one policy named {@code default}, stored
 * and returned (evaluating it is a later issue's work).
 */
class KeyPolicySdkTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String ROOT = "arn:aws:iam::" + ACCOUNT + ":root";

  private static TestServer server;
  private static KmsClient kms;

  @BeforeAll
  static void start() {
    server = TestServer.dev();
    kms = server.kms();
  }

  @AfterAll
  static void stop() {
    kms.close();
    server.close();
  }

  /** AWS's default key policy: the account root may do kms:*, delegating to IAM policies. */
  @Test
  void createKey_withoutPolicy_getsTheDefaultKeyPolicy() throws Exception {
    KeyMetadata key = newKey(kms);

    GetKeyPolicyResponse r = kms.getKeyPolicy(b -> b.keyId(key.keyId()).policyName("default"));

    assertEquals("default", r.policyName());
    JsonNode policy = JSON.readTree(r.policy());
    assertEquals("2012-10-17", policy.path("Version").asText());
    assertEquals("key-default-1", policy.path("Id").asText());
    JsonNode statement = policy.path("Statement").get(0);
    assertEquals("Enable IAM User Permissions", statement.path("Sid").asText());
    assertEquals("Allow", statement.path("Effect").asText());
    assertEquals(ROOT, statement.path("Principal").path("AWS").asText());
    assertEquals("kms:*", statement.path("Action").asText());
    assertEquals("*", statement.path("Resource").asText());
    assertEquals(r.policy(), kms.getKeyPolicy(b -> b.keyId(key.arn())).policy(), "PolicyName is optional");
  }

  @Test
  void createKey_withPolicy_returnsThatPolicy() throws Exception {
    String policy = policy("create-time");
    KeyMetadata key = kms.createKey(r -> r.policy(policy)).keyMetadata();

    assertEquals(JSON.readTree(policy), JSON.readTree(kms.getKeyPolicy(b -> b.keyId(key.keyId())).policy()));
  }

  @Test
  void putKeyPolicy_replacesThePolicy() throws Exception {
    KeyMetadata key = newKey(kms);
    String policy = policy("replaced");

    kms.putKeyPolicy(r -> r.keyId(key.arn()).policyName("default").policy(policy));

    assertEquals(JSON.readTree(policy), JSON.readTree(kms.getKeyPolicy(b -> b.keyId(key.keyId())).policy()));
  }

  @Test
  void putKeyPolicy_onAKeyPendingDeletion_isAllowed() throws Exception {
    KeyMetadata key = newKeyPendingDeletion(kms);
    String policy = policy("pending");

    kms.putKeyPolicy(r -> r.keyId(key.keyId()).policy(policy));

    assertEquals(JSON.readTree(policy), JSON.readTree(kms.getKeyPolicy(b -> b.keyId(key.keyId())).policy()));
  }

  @Test
  void putKeyPolicyAndCreateKey_policyThatIsNotJsonOrHasNoStatement_isMalformedPolicyDocument() throws Exception {
    KeyMetadata key = newKey(kms);
    String before = kms.getKeyPolicy(b -> b.keyId(key.keyId())).policy();

    for (String bad : List.of("{not json", "[]", "{\"Version\":\"2012-10-17\"}")) {
      assertKmsError(MalformedPolicyDocumentException.class, "MalformedPolicyDocumentException", null,
          () -> kms.putKeyPolicy(r -> r.keyId(key.keyId()).policy(bad)));
      assertKmsError(MalformedPolicyDocumentException.class, "MalformedPolicyDocumentException", null,
          () -> kms.createKey(r -> r.policy(bad)));
    }
    assertEquals(before, kms.getKeyPolicy(b -> b.keyId(key.keyId())).policy());
  }

  @Test
  void listKeyPolicies_namesTheOnePolicy() {
    KeyMetadata key = newKey(kms);

    ListKeyPoliciesResponse r = kms.listKeyPolicies(b -> b.keyId(key.keyId()));

    assertEquals(List.of("default"), r.policyNames());
    assertFalse(r.truncated());
  }

  @Test
  void getKeyPolicy_policyNameOtherThanDefault_isNotFound() {
    KeyMetadata key = newKey(kms);

    assertKmsError(software.amazon.awssdk.services.kms.model.NotFoundException.class, "NotFoundException", null,
        () -> kms.getKeyPolicy(b -> b.keyId(key.keyId()).policyName("other")));
  }

  private static String policy(String sid) {
    return "{\"Version\":\"2012-10-17\",\"Id\":\"custom\",\"Statement\":[{\"Sid\":\"" + sid + "\","
        + "\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"" + ROOT + "\"},\"Action\":\"kms:*\","
        + "\"Resource\":\"*\"}]}";
  }
}

package io.keywarden.services.kms;

import static io.keywarden.services.kms.KmsHarness.arn;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.keywarden.services.api.ApiException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class KeyLifecycleTest {
  private final KmsHarness h = new KmsHarness();

  @Test
  void createKey_returnsMetadataAsAwsDoes() {
    JsonNode m = h.call("CreateKey", "{\"Description\":\"orders\"}").get("KeyMetadata");
    assertEquals(KmsHarness.ACCOUNT, m.get("AWSAccountId").asText());
    assertEquals(arn(m.get("KeyId").asText()), m.get("Arn").asText());
    assertEquals("orders", m.get("Description").asText());
    assertEquals("Enabled", m.get("KeyState").asText());
    assertTrue(m.get("Enabled").asBoolean());
    assertEquals("SYMMETRIC_DEFAULT", m.get("KeySpec").asText());
    assertEquals("SYMMETRIC_DEFAULT", m.get("CustomerMasterKeySpec").asText());
    assertEquals("ENCRYPT_DECRYPT", m.get("KeyUsage").asText());
    assertEquals("CUSTOMER", m.get("KeyManager").asText());
    assertEquals("AWS_KMS", m.get("Origin").asText());
    assertEquals("[\"SYMMETRIC_DEFAULT\"]", m.get("EncryptionAlgorithms").toString());
    assertFalse(m.get("MultiRegion").asBoolean());
    assertEquals(64, m.get("CurrentKeyMaterialId").asText().length());
  }

  @Test
  void describeKey_findsByIdArnAliasAndAliasArn() {
    String id = h.createKey();
    h.call("CreateAlias", "{\"AliasName\":\"alias/orders\",\"TargetKeyId\":\"" + id + "\"}");
    for (String ref :
        new String[] {
          id, arn(id), "alias/orders", "arn:aws:kms:us-east-1:111122223333:alias/orders"
        }) {
      assertEquals(
          id,
          h.call("DescribeKey", "{\"KeyId\":\"" + ref + "\"}").get("KeyMetadata").get("KeyId").asText(),
          ref);
    }
  }

  @Test
  void describeKey_unknownIdsAnswerAwsMessages() {
    assertEquals(
        "Invalid keyId 'fake-key-id'", h.error("DescribeKey", "{\"KeyId\":\"fake-key-id\"}").getMessage());
    String missing = "0b0e3b5c-1d2f-4e5a-8b9c-0d1e2f3a4b5c";
    ApiException e = h.error("DescribeKey", "{\"KeyId\":\"" + missing + "\"}");
    assertEquals("NotFoundException", e.code());
    assertEquals("Key '" + arn(missing) + "' does not exist", e.getMessage());
    assertEquals(
        "Alias arn:aws:kms:us-east-1:111122223333:alias/none is not found.",
        h.error("DescribeKey", "{\"KeyId\":\"alias/none\"}").getMessage());
  }

  @Test
  void keyArnOfAnotherRegion_isInvalidArn() {
    String id = h.createKey();
    String otherRegion = "arn:aws:kms:eu-west-1:111122223333:key/" + id;
    assertEquals(
        "Invalid arn eu-west-1",
        h.error("DescribeKey", "{\"KeyId\":\"" + otherRegion + "\"}").getMessage());
  }

  @Test
  void keyOfAnotherAccount_isAccessDenied() {
    String id = h.createKey();
    ApiException e =
        assertThrowsApi(() -> h.call("222233334444", KmsHarness.REGION, "Encrypt",
            "{\"KeyId\":\"" + arn(id) + "\",\"Plaintext\":\"YQ==\"}"));
    assertEquals("AccessDeniedException", e.code());
    assertEquals(
        "User: arn:aws:iam::222233334444:root is not authorized to perform: kms:Encrypt on resource: "
            + arn(id)
            + " because no resource-based policy allows the kms:Encrypt action",
        e.getMessage());
    // By bare id, another account's key does not exist.
    assertEquals(
        "NotFoundException",
        assertThrowsApi(() -> h.call("222233334444", KmsHarness.REGION, "DescribeKey",
            "{\"KeyId\":\"" + id + "\"}")).code());
  }

  @Test
  void disableThenEncrypt_isDisabledException() {
    String id = h.createKey();
    h.call("DisableKey", "{\"KeyId\":\"" + id + "\"}");
    ApiException e = h.error("Encrypt", "{\"KeyId\":\"" + id + "\",\"Plaintext\":\"YQ==\"}");
    assertEquals("DisabledException", e.code());
    assertEquals(arn(id) + " is disabled.", e.getMessage());
    h.call("EnableKey", "{\"KeyId\":\"" + id + "\"}");
    h.encrypt(id, "back");
  }

  @Test
  void scheduleDeletion_refusesUseAndCancelLeavesKeyDisabled() {
    String id = h.createKey();
    JsonNode s = h.call("ScheduleKeyDeletion", "{\"KeyId\":\"" + id + "\",\"PendingWindowInDays\":7}");
    assertEquals("PendingDeletion", s.get("KeyState").asText());
    assertEquals(7, s.get("PendingWindowInDays").asInt());
    assertEquals(arn(id), s.get("KeyId").asText());
    JsonNode m = h.call("DescribeKey", "{\"KeyId\":\"" + id + "\"}").get("KeyMetadata");
    assertEquals("PendingDeletion", m.get("KeyState").asText());
    assertTrue(m.has("DeletionDate"));
    ApiException e = h.error("Encrypt", "{\"KeyId\":\"" + id + "\",\"Plaintext\":\"YQ==\"}");
    assertEquals("KMSInvalidStateException", e.code());
    assertEquals(arn(id) + " is pending deletion.", e.getMessage());
    assertEquals("KMSInvalidStateException",
        h.error("ScheduleKeyDeletion", "{\"KeyId\":\"" + id + "\"}").code());
    assertEquals("KMSInvalidStateException", h.error("EnableKey", "{\"KeyId\":\"" + id + "\"}").code());

    h.call("CancelKeyDeletion", "{\"KeyId\":\"" + id + "\"}");
    m = h.call("DescribeKey", "{\"KeyId\":\"" + id + "\"}").get("KeyMetadata");
    assertEquals("Disabled", m.get("KeyState").asText());
    assertFalse(m.has("DeletionDate"));
    assertEquals(arn(id) + " is not pending deletion.",
        h.error("CancelKeyDeletion", "{\"KeyId\":\"" + id + "\"}").getMessage());
  }

  @Test
  void scheduleDeletion_windowOutside7To30_isValidationException() {
    String id = h.createKey();
    assertEquals("ValidationException",
        h.error("ScheduleKeyDeletion", "{\"KeyId\":\"" + id + "\",\"PendingWindowInDays\":6}").code());
    assertEquals("ValidationException",
        h.error("ScheduleKeyDeletion", "{\"KeyId\":\"" + id + "\",\"PendingWindowInDays\":31}").code());
  }

  @Test
  void deletionWindowEnd_deletesKeyAndAliases() {
    String id = h.createKey();
    h.call("CreateAlias", "{\"AliasName\":\"alias/doomed\",\"TargetKeyId\":\"" + id + "\"}");
    h.call("DescribeKey", "{\"KeyId\":\"alias/doomed\"}");
    h.call("ScheduleKeyDeletion", "{\"KeyId\":\"" + id + "\",\"PendingWindowInDays\":7}");
    h.clock.advance(Duration.ofDays(7).minusMinutes(1));
    assertEquals(0, h.kms.backgroundJobs().runDue());
    h.call("DescribeKey", "{\"KeyId\":\"" + id + "\"}");
    h.clock.advance(Duration.ofMinutes(1));
    assertEquals(1, h.kms.backgroundJobs().runDue());
    assertEquals("NotFoundException", h.error("DescribeKey", "{\"KeyId\":\"" + id + "\"}").code());
    assertEquals("NotFoundException", h.error("DescribeKey", "{\"KeyId\":\"alias/doomed\"}").code());
  }

  @Test
  void listKeys_pagesInKeyIdOrder() {
    for (int i = 0; i < 5; i++) {
      h.createKey();
    }
    JsonNode first = h.call("ListKeys", "{\"Limit\":2}");
    assertTrue(first.get("Truncated").asBoolean());
    assertEquals(2, first.get("Keys").size());
    JsonNode second =
        h.call("ListKeys", "{\"Limit\":10,\"Marker\":\"" + first.get("NextMarker").asText() + "\"}");
    assertFalse(second.get("Truncated").asBoolean());
    assertFalse(second.has("NextMarker"));
    assertEquals(3, second.get("Keys").size());
    assertTrue(first.get("Keys").get(1).get("KeyId").asText()
        .compareTo(second.get("Keys").get(0).get("KeyId").asText()) < 0);
    assertEquals("InvalidMarkerException", h.error("ListKeys", "{\"Marker\":\"bogus\"}").code());
  }

  @Test
  void awsManagedKey_createdByDescribeKeyAndNotUsableDirectly() {
    JsonNode m =
        h.call("DescribeKey", "{\"KeyId\":\"alias/aws/secretsmanager\"}").get("KeyMetadata");
    assertEquals("AWS", m.get("KeyManager").asText());
    assertEquals(
        "Default key that protects my Secrets Manager data when no other key is defined",
        m.get("Description").asText());
    String id = m.get("KeyId").asText();
    assertEquals(id, h.call("DescribeKey", "{\"KeyId\":\"alias/aws/secretsmanager\"}")
        .get("KeyMetadata").get("KeyId").asText());
    assertEquals("AccessDeniedException",
        h.error("Encrypt", "{\"KeyId\":\"" + id + "\",\"Plaintext\":\"YQ==\"}").code());
    assertEquals("AccessDeniedException", h.error("DisableKey", "{\"KeyId\":\"" + id + "\"}").code());
    assertTrue(h.call("GetKeyRotationStatus", "{\"KeyId\":\"" + id + "\"}")
        .get("KeyRotationEnabled").asBoolean());
  }

  @Test
  void createKey_refusesWhatKeywardenDoesNotSupportYet() {
    assertEquals("UnsupportedOperationException",
        h.error("CreateKey", "{\"KeySpec\":\"SM2\",\"KeyUsage\":\"SIGN_VERIFY\"}").code());
    assertEquals("UnsupportedOperationException", h.error("CreateKey", "{\"Origin\":\"EXTERNAL\"}").code());
    assertEquals("ValidationException",
        h.error("CreateKey", "{\"KeySpec\":\"SYMMETRIC_DEFAULT\",\"CustomerMasterKeySpec\":\"SYMMETRIC_DEFAULT\"}").code());
  }

  @Test
  void policy_defaultIsAwsDefaultAndPutPolicyIsReformatted() {
    String id = h.createKey();
    String policy = h.call("GetKeyPolicy", "{\"KeyId\":\"" + id + "\"}").get("Policy").asText();
    assertEquals(
        "{\n  \"Version\" : \"2012-10-17\",\n  \"Id\" : \"key-default-1\",\n  \"Statement\" : [ {\n"
            + "    \"Sid\" : \"Enable IAM User Permissions\",\n    \"Effect\" : \"Allow\",\n"
            + "    \"Principal\" : {\n      \"AWS\" : \"arn:aws:iam::111122223333:root\"\n    },\n"
            + "    \"Action\" : \"kms:*\",\n    \"Resource\" : \"*\"\n  } ]\n}",
        policy);
    h.call("PutKeyPolicy", "{\"KeyId\":\"" + id + "\",\"Policy\":\"{\\\"Version\\\":\\\"2012-10-17\\\",\\\"Statement\\\":"
        + "{\\\"Effect\\\":\\\"Allow\\\",\\\"Principal\\\":{\\\"AWS\\\":\\\"111122223333\\\"},"
        + "\\\"Action\\\":\\\"kms:*\\\",\\\"Resource\\\":\\\"*\\\"}}\"}");
    assertEquals("{\n  \"Version\" : \"2012-10-17\",\n  \"Statement\" : {\n    \"Effect\" : \"Allow\",\n"
            + "    \"Principal\" : {\n      \"AWS\" : \"111122223333\"\n    },\n"
            + "    \"Action\" : \"kms:*\",\n    \"Resource\" : \"*\"\n  }\n}",
        h.call("GetKeyPolicy", "{\"KeyId\":\"" + id + "\",\"PolicyName\":\"default\"}").get("Policy").asText());
    assertEquals("MalformedPolicyDocumentException",
        h.error("PutKeyPolicy", "{\"KeyId\":\"" + id + "\",\"Policy\":\"not json\"}").code());
    assertEquals("NotFoundException",
        h.error("GetKeyPolicy", "{\"KeyId\":\"" + id + "\",\"PolicyName\":\"other\"}").code());
    assertEquals("[\"default\"]",
        h.call("ListKeyPolicies", "{\"KeyId\":\"" + id + "\"}").get("PolicyNames").toString());
  }

  private static ApiException assertThrowsApi(Runnable r) {
    try {
      r.run();
    } catch (ApiException e) {
      return e;
    }
    throw new AssertionError("no ApiException");
  }
}

package io.keywarden.services.audit;

import static io.keywarden.services.audit.AuditedKms.ACCOUNT;
import static io.keywarden.services.audit.AuditedKms.OTHER_ACCOUNT;
import static io.keywarden.services.audit.AuditedKms.arn;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.keywarden.domain.identity.Principal;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The CloudTrail records of real KMS calls: what AWS records for each (AWS KMS Developer Guide,
 * ct-*.html), and never a secret: the test looks for every secret's bytes, in base64, in the records.
 */
class KmsCallRecordsTest {
  private static final String PLAINTEXT = "attack at dawn, bring the good biscuits";
  private final AuditedKms h = new AuditedKms();

  private static String b64(String s) {
    return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
  }

  /** Asserts that none of {@code output}'s named members (base64 text) appears in the records. */
  private static void assertNoneOf(AuditedKms.Call call, String... members) {
    for (String member : members) {
      JsonNode value = call.output().get(member);
      assertTrue(value != null && !value.asText().isEmpty(), "the answer has no " + member);
      String text = value.isBinary() ? Base64.getEncoder().encodeToString(binary(value)) : value.asText();
      assertFalse(call.json().contains(text), member + " is in the record: " + call.json());
      assertFalse(call.json().contains(text.substring(0, Math.min(24, text.length()))), member);
    }
  }

  private static byte[] binary(JsonNode node) {
    try {
      return node.binaryValue();
    } catch (java.io.IOException e) {
      throw new AssertionError(e);
    }
  }

  @Test
  void encrypt_recordsKeyContextAndMaterial_neverPlaintextOrCiphertext() {
    String key = h.createKey("{}");
    AuditedKms.Call call = h.call("Encrypt", "{\"KeyId\":\"" + key + "\",\"Plaintext\":\"" + b64(PLAINTEXT)
        + "\",\"EncryptionContext\":{\"Department\":\"Engineering\"}}");
    JsonNode r = call.record();
    assertEquals("1.11", r.get("eventVersion").asText());
    assertEquals("Root", r.at("/userIdentity/type").asText());
    assertEquals(ACCOUNT, r.at("/userIdentity/principalId").asText());
    assertEquals("arn:aws:iam::" + ACCOUNT + ":root", r.at("/userIdentity/arn").asText());
    assertEquals("AKIAROOTKEY000000001", r.at("/userIdentity/accessKeyId").asText());
    assertEquals("2026-03-01T12:00:00Z", r.get("eventTime").asText());
    assertEquals("kms.amazonaws.com", r.get("eventSource").asText());
    assertEquals("Encrypt", r.get("eventName").asText());
    assertEquals("us-east-1", r.get("awsRegion").asText());
    assertEquals("198.51.100.7", r.get("sourceIPAddress").asText());
    assertEquals("aws-cli/2.0 test", r.get("userAgent").asText());
    assertEquals(AuditedKms.parse("{\"keyId\":\"" + key + "\",\"encryptionContext\":{\"Department\":\"Engineering\"}}"),
        r.get("requestParameters"));
    assertTrue(r.get("responseElements").isNull());
    assertEquals(64, r.at("/additionalEventData/keyMaterialId").asText().length());
    assertTrue(r.get("readOnly").asBoolean());
    assertEquals(AuditedKms.tree("[{\"accountId\":\"" + ACCOUNT + "\",\"type\":\"AWS::KMS::Key\",\"ARN\":\""
        + arn(key) + "\"}]"), r.get("resources"));
    assertEquals("AwsApiCall", r.get("eventType").asText());
    assertTrue(r.get("managementEvent").asBoolean());
    assertEquals(ACCOUNT, r.get("recipientAccountId").asText());
    assertEquals("Management", r.get("eventCategory").asText());
    assertFalse(r.has("errorCode"));
    assertFalse(r.has("sharedEventID"));
    assertFalse(r.has("tlsDetails"));
    assertFalse(call.json().contains(b64(PLAINTEXT)));
    assertFalse(call.json().contains(PLAINTEXT));
    assertNoneOf(call, "CiphertextBlob");
  }

  @Test
  void decrypt_recordsTheAlgorithmEvenUnasked_neverThePlaintext() {
    String key = h.createKey("{}");
    String blob = h.call("Encrypt", "{\"KeyId\":\"" + key + "\",\"Plaintext\":\"" + b64(PLAINTEXT) + "\"}")
        .output().get("CiphertextBlob").asText();
    AuditedKms.Call call = h.call("Decrypt", "{\"CiphertextBlob\":\"" + blob + "\"}");
    JsonNode r = call.record();
    assertEquals(AuditedKms.parse("{\"encryptionAlgorithm\":\"SYMMETRIC_DEFAULT\"}"), r.get("requestParameters"));
    assertEquals(arn(key), r.at("/resources/0/ARN").asText());
    assertEquals(call.output().get("KeyMaterialId").asText(), r.at("/additionalEventData/keyMaterialId").asText());
    assertFalse(call.json().contains(b64(PLAINTEXT)));
    assertFalse(call.json().contains(blob.substring(0, 40)));
  }

  @Test
  void decryptWithTheWrongKey_isRecordedWithTheKeyAndTheError() {
    String key = h.createKey("{}");
    String other = h.createKey("{}");
    String blob = h.call("Encrypt", "{\"KeyId\":\"" + key + "\",\"Plaintext\":\"" + b64(PLAINTEXT) + "\"}")
        .output().get("CiphertextBlob").asText();
    JsonNode r = h.call("Decrypt", "{\"KeyId\":\"" + other + "\",\"CiphertextBlob\":\"" + blob + "\"}").record();
    assertEquals("IncorrectKeyException", r.get("errorCode").asText());
    assertEquals(arn(other), r.at("/resources/0/ARN").asText());
    assertEquals(other, r.at("/requestParameters/keyId").asText());
    assertTrue(r.get("responseElements").isNull());
  }

  @Test
  void generateDataKeys_neverRecordTheKeys() {
    String key = h.createKey("{}");
    AuditedKms.Call dataKey = h.call("GenerateDataKey", "{\"KeyId\":\"" + key + "\",\"KeySpec\":\"AES_256\","
        + "\"EncryptionContext\":{\"Project\":\"Alpha\"}}");
    assertEquals(AuditedKms.parse("{\"keyId\":\"" + key + "\",\"encryptionContext\":{\"Project\":\"Alpha\"},"
        + "\"keySpec\":\"AES_256\"}"), dataKey.record().get("requestParameters"));
    assertNoneOf(dataKey, "Plaintext", "CiphertextBlob");
    AuditedKms.Call pair = h.call("GenerateDataKeyPair", "{\"KeyId\":\"" + key + "\",\"KeyPairSpec\":\"ECC_NIST_P256\"}");
    assertEquals("ECC_NIST_P256", pair.record().at("/requestParameters/keyPairSpec").asText());
    assertNoneOf(pair, "PrivateKeyPlaintext", "PrivateKeyCiphertextBlob", "PublicKey");
    AuditedKms.Call random = h.call("GenerateRandom", "{\"NumberOfBytes\":32}");
    assertTrue(random.record().get("requestParameters").isNull());
    assertEquals(0, random.record().get("resources").size());
    assertNoneOf(random, "Plaintext");
  }

  @Test
  void signAndVerify_neverRecordTheMessageOrSignature() {
    String key = h.createKey("{\"KeySpec\":\"ECC_NIST_P256\",\"KeyUsage\":\"SIGN_VERIFY\"}");
    String message = b64("pay Mallory one million");
    AuditedKms.Call sign = h.call("Sign", "{\"KeyId\":\"" + key + "\",\"Message\":\"" + message
        + "\",\"MessageType\":\"RAW\",\"SigningAlgorithm\":\"ECDSA_SHA_256\"}");
    assertEquals(AuditedKms.parse("{\"keyId\":\"" + key + "\",\"messageType\":\"RAW\","
        + "\"signingAlgorithm\":\"ECDSA_SHA_256\"}"), sign.record().get("requestParameters"));
    assertTrue(sign.record().get("responseElements").isNull());
    assertFalse(sign.json().contains(message));
    assertNoneOf(sign, "Signature");
    String signature = Base64.getEncoder().encodeToString(binary(sign.output().get("Signature")));
    AuditedKms.Call verify = h.call("Verify", "{\"KeyId\":\"" + key + "\",\"Message\":\"" + message
        + "\",\"MessageType\":\"RAW\",\"SigningAlgorithm\":\"ECDSA_SHA_256\",\"Signature\":\"" + signature + "\"}");
    assertFalse(verify.json().contains(message));
    assertFalse(verify.json().contains(signature));
    AuditedKms.Call publicKey = h.call("GetPublicKey", "{\"KeyId\":\"" + key + "\"}");
    assertNoneOf(publicKey, "PublicKey");
  }

  @Test
  void macs_areNeverRecorded() {
    String key = h.createKey("{\"KeySpec\":\"HMAC_256\",\"KeyUsage\":\"GENERATE_VERIFY_MAC\"}");
    String message = b64("the message");
    AuditedKms.Call mac = h.call("GenerateMac", "{\"KeyId\":\"" + key + "\",\"Message\":\"" + message
        + "\",\"MacAlgorithm\":\"HMAC_SHA_256\"}");
    assertEquals("HMAC_SHA_256", mac.record().at("/requestParameters/macAlgorithm").asText());
    assertFalse(mac.json().contains(message));
    assertNoneOf(mac, "Mac");
    String macText = Base64.getEncoder().encodeToString(binary(mac.output().get("Mac")));
    AuditedKms.Call verify = h.call("VerifyMac", "{\"KeyId\":\"" + key + "\",\"Message\":\"" + message
        + "\",\"MacAlgorithm\":\"HMAC_SHA_256\",\"Mac\":\"" + macText + "\"}");
    assertFalse(verify.json().contains(macText));
    assertFalse(verify.json().contains(message));
  }

  @Test
  void createKey_recordsTheRequestAndTheNewKeysMetadata() {
    AuditedKms.Call call = h.call("CreateKey", "{\"Description\":\"audited\",\"Tags\":[{\"TagKey\":\"team\","
        + "\"TagValue\":\"red\"}]}");
    JsonNode r = call.record();
    String keyId = call.output().at("/KeyMetadata/KeyId").asText();
    assertEquals(AuditedKms.parse("{\"description\":\"audited\",\"tags\":[{\"tagKey\":\"team\",\"tagValue\":\"red\"}]}"),
        r.get("requestParameters"));
    assertEquals(keyId, r.at("/responseElements/keyMetadata/keyId").asText());
    assertEquals(arn(keyId), r.at("/responseElements/keyMetadata/arn").asText());
    assertEquals(ACCOUNT, r.at("/responseElements/keyMetadata/aWSAccountId").asText());
    assertEquals("Mar 1, 2026, 12:00:00 PM", r.at("/responseElements/keyMetadata/creationDate").asText());
    assertEquals("Enabled", r.at("/responseElements/keyMetadata/keyState").asText());
    assertEquals("SYMMETRIC_DEFAULT", r.at("/responseElements/keyMetadata/encryptionAlgorithms/0").asText());
    assertFalse(r.get("readOnly").asBoolean());
    assertEquals(arn(keyId), r.at("/resources/0/ARN").asText());
  }

  @Test
  void keyChanges_recordTheKeyArnAsTheirResponse() {
    String key = h.createKey("{}");
    JsonNode disable = h.call("DisableKey", "{\"KeyId\":\"" + key + "\"}").record();
    assertEquals(AuditedKms.parse("{\"keyId\":\"" + arn(key) + "\"}"), disable.get("responseElements"));
    assertFalse(disable.get("readOnly").asBoolean());
    JsonNode schedule = h.call("ScheduleKeyDeletion", "{\"KeyId\":\"" + key + "\",\"PendingWindowInDays\":7}").record();
    assertEquals(arn(key), schedule.at("/responseElements/keyId").asText());
    assertEquals("PendingDeletion", schedule.at("/responseElements/keyState").asText());
    assertEquals("Mar 8, 2026, 12:00:00 PM", schedule.at("/responseElements/deletionDate").asText());
    assertEquals(7, schedule.at("/requestParameters/pendingWindowInDays").asInt());
    JsonNode describe = h.call("DescribeKey", "{\"KeyId\":\"" + key + "\"}").record();
    assertTrue(describe.get("responseElements").isNull());
    assertTrue(describe.get("readOnly").asBoolean());
  }

  @Test
  void aliases_recordAliasThenKey() {
    String key = h.createKey("{}");
    String alias = "arn:aws:kms:us-east-1:" + ACCOUNT + ":alias/audited";
    JsonNode create = h.call("CreateAlias", "{\"AliasName\":\"alias/audited\",\"TargetKeyId\":\"" + key + "\"}").record();
    assertEquals(alias, create.at("/resources/0/ARN").asText());
    assertEquals("AWS::KMS::Key", create.at("/resources/0/type").asText());
    assertEquals(arn(key), create.at("/resources/1/ARN").asText());
    assertEquals(arn(key), create.at("/responseElements/keyId").asText());
    JsonNode delete = h.call("DeleteAlias", "{\"AliasName\":\"alias/audited\"}").record();
    assertEquals(alias, delete.at("/resources/0/ARN").asText());
    assertEquals(arn(key), delete.at("/responseElements/keyId").asText());
    JsonNode list = h.call("ListAliases", "{\"Limit\":5}").record();
    assertEquals(5, list.at("/requestParameters/limit").asInt());
    assertEquals(0, list.get("resources").size());
  }

  @Test
  void crossAccountUse_isRecordedForTheCallerAndTheKeyOwner() {
    String key = h.call(Principal.root(OTHER_ACCOUNT, "AKIAOTHER00000000001"), "CreateKey", "{}")
        .output().at("/KeyMetadata/KeyId").asText();
    String keyArn = "arn:aws:kms:us-east-1:" + OTHER_ACCOUNT + ":key/" + key;
    AuditedKms.Call call = h.call("Encrypt", "{\"KeyId\":\"" + keyArn + "\",\"Plaintext\":\"" + b64(PLAINTEXT) + "\"}");
    assertEquals("AccessDeniedException", call.error().code());
    assertEquals(2, call.records().size());
    JsonNode caller = call.records().get(0);
    JsonNode owner = call.records().get(1);
    assertEquals(ACCOUNT, caller.get("recipientAccountId").asText());
    assertEquals(OTHER_ACCOUNT, owner.get("recipientAccountId").asText());
    assertEquals("Root", caller.at("/userIdentity/type").asText());
    assertEquals("AWSAccount", owner.at("/userIdentity/type").asText());
    assertEquals(ACCOUNT, owner.at("/userIdentity/accountId").asText());
    assertFalse(owner.at("/userIdentity").has("accessKeyId"));
    assertEquals(caller.get("sharedEventID").asText(), owner.get("sharedEventID").asText());
    assertNotEquals(caller.get("eventID").asText(), owner.get("eventID").asText());
    for (JsonNode r : call.records()) {
      assertEquals("AccessDeniedException", r.get("errorCode").asText());
      assertTrue(r.get("errorMessage").asText().contains("kms:Encrypt"), r.toString());
      assertEquals(keyArn, r.at("/resources/0/ARN").asText());
      assertEquals(OTHER_ACCOUNT, r.at("/resources/0/accountId").asText());
      assertEquals(call.records().get(0).get("requestID"), r.get("requestID"));
    }
    assertFalse(call.json().contains(b64(PLAINTEXT)));
  }

  @Test
  void everyImplementedKmsOperation_hasARule() {
    Set<String> missing = new HashSet<>(h.kms.operations().keySet());
    missing.removeAll(AuditRules.operations("kms"));
    assertEquals(Set.of(), missing);
  }

  @Test
  void anOperationWithoutARule_recordsNoParametersAtAll() {
    ApiCall call = new ApiCall("r-1", h.clock.instant(), "203.0.113.9", "curl", null)
        .service("kms", "EncryptSomethingNew")
        .authenticated(h.context(Principal.root(ACCOUNT, "AKIAROOTKEY000000001")))
        .input(AuditedKms.parse("{\"Plaintext\":\"" + b64(PLAINTEXT) + "\",\"KeyId\":\"k\"}"))
        .succeeded(AuditedKms.parse("{\"Plaintext\":\"" + b64(PLAINTEXT) + "\"}"));
    AuditedKms.Call recorded = h.recorded(call, null, null);
    assertTrue(recorded.record().get("requestParameters").isNull());
    assertTrue(recorded.record().get("responseElements").isNull());
    assertFalse(recorded.json().contains(b64(PLAINTEXT)));
  }
}

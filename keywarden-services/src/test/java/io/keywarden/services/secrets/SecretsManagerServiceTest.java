package io.keywarden.services.secrets;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.keywarden.domain.identity.Principal;
import io.keywarden.domain.secret.SecretRecord;
import io.keywarden.domain.secret.SecretVersion;
import io.keywarden.domain.storage.Storage;
import io.keywarden.services.api.ApiException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Secrets Manager's operations over the real KMS; each storage backend runs the whole class. */
abstract class SecretsManagerServiceTest {
  private static final String T1 = "EXAMPLE1-90ab-cdef-fedc-ba987EXAMPLE";
  private static final String T2 = "EXAMPLE2-90ab-cdef-fedc-ba987EXAMPLE";
  private static final String T3 = "EXAMPLE3-90ab-cdef-fedc-ba987EXAMPLE";

  SecretsHarness h;

  abstract Storage newStorage();

  @BeforeEach
  void open() {
    h = new SecretsHarness(newStorage());
  }

  @AfterEach
  void close() {
    h.close();
  }

  private ObjectNode create(String name, String value) {
    return h.call("CreateSecret", "{\"Name\":\"" + name + "\",\"SecretString\":\"" + value
        + "\",\"ClientRequestToken\":\"" + T1 + "\"}");
  }

  private String value(String secretId) {
    return h.call("GetSecretValue", "{\"SecretId\":\"" + secretId + "\"}").get("SecretString").asText();
  }

  private ObjectNode put(String secretId, String token, String value) {
    return h.call("PutSecretValue", "{\"SecretId\":\"" + secretId + "\",\"ClientRequestToken\":\""
        + token + "\",\"SecretString\":\"" + value + "\"}");
  }

  private static void assertError(String code, String message, ApiException e) {
    assertEquals(code, e.code(), e.getMessage());
    if (message != null) {
      assertEquals(message, e.getMessage());
    }
  }

  @Test
  void createThenGet_byNameFullArnAndPartialArn() {
    ObjectNode created = create("prod/db-1", "s3cr3t");
    String arn = created.get("ARN").asText();
    assertTrue(arn.matches("arn:aws:secretsmanager:us-east-1:111122223333:secret:prod/db-1-[A-Za-z0-9]{6}"), arn);
    assertEquals("prod/db-1", created.get("Name").asText());
    assertEquals(T1, created.get("VersionId").asText());

    ObjectNode got = h.call("GetSecretValue", "{\"SecretId\":\"prod/db-1\"}");
    assertEquals("s3cr3t", got.get("SecretString").asText());
    assertEquals(arn, got.get("ARN").asText());
    assertEquals(T1, got.get("VersionId").asText());
    assertEquals("[\"AWSCURRENT\"]", got.get("VersionStages").toString());
    assertEquals("s3cr3t", value(arn));
    assertEquals("s3cr3t", value(arn.substring(0, arn.length() - 7)));
    assertError("ResourceNotFoundException", "Secrets Manager can't find the specified secret.",
        h.error("GetSecretValue", "{\"SecretId\":\"prod/db-2\"}"));
    assertError("ResourceNotFoundException", null, h.error("GetSecretValue",
        "{\"SecretId\":\"arn:aws:secretsmanager:eu-west-1:111122223333:secret:prod/db-1\"}"));
  }

  @Test
  void binaryValue_roundTrips() {
    byte[] bytes = {0, 1, 2, (byte) 0xff, 127};
    h.call("CreateSecret", "{\"Name\":\"bin\",\"SecretBinary\":\""
        + Base64.getEncoder().encodeToString(bytes) + "\"}");
    ObjectNode got = h.call("GetSecretValue", "{\"SecretId\":\"bin\"}");
    assertFalse(got.has("SecretString"));
    assertArrayEquals(bytes, Base64.getDecoder().decode(got.get("SecretBinary").asText()));
  }

  @Test
  void values_areStoredEnvelopeEncryptedUnderTheAwsManagedKeyWithAwssEncryptionContext()
      throws java.io.IOException {
    String arn = create("db", "plaintext-value-123").get("ARN").asText();
    SecretRecord stored = h.storage.secrets().find(arn).orElseThrow();
    SecretVersion v = stored.versions().get(0);
    String json = io.keywarden.storage.codec.SecretRecordCodec.encode(stored);
    assertFalse(json.contains("plaintext-value-123"));
    assertFalse(new String(v.value().ciphertext(), StandardCharsets.ISO_8859_1).contains("plaintext"));
    String managedKey = h.kms("DescribeKey", "{\"KeyId\":\"alias/aws/secretsmanager\"}")
        .get("KeyMetadata").get("Arn").asText();
    assertEquals(managedKey, v.value().keyArn());
    // The data key is a KMS ciphertext bound to {SecretARN, SecretVersionId}.
    String blob = Base64.getEncoder().encodeToString(v.value().encryptedDataKey());
    String decrypt = "{\"CiphertextBlob\":\"" + blob
        + "\",\"EncryptionContext\":{\"SecretARN\":\"" + arn + "\",\"SecretVersionId\":\"" + T1 + "\"}}";
    ObjectNode decrypted = h.kmsViaSecretsManager("Decrypt", decrypt);
    assertEquals(32, decrypted.get("Plaintext").binaryValue().length);
    // The AWS managed key serves its service only.
    assertError("AccessDeniedException", null, assertThrowsApi(() -> h.kms("Decrypt", decrypt)));
    assertError("InvalidCiphertextException", null, assertThrowsApi(() -> h.kmsViaSecretsManager("Decrypt",
        "{\"CiphertextBlob\":\"" + blob + "\",\"EncryptionContext\":{\"SecretARN\":\"" + arn + "\"}}")));
  }

  private static ApiException assertThrowsApi(Runnable r) {
    try {
      r.run();
      throw new AssertionError("succeeded");
    } catch (ApiException e) {
      return e;
    }
  }

  @Test
  void putSecretValue_movesCurrentAndPreviousAndDeprecatesTheRest() {
    create("db", "v1");
    ObjectNode put = put("db", T2, "v2");
    assertEquals("[\"AWSCURRENT\"]", put.get("VersionStages").toString());
    put("db", T3, "v3");
    assertEquals("v3", value("db"));
    assertEquals("v2", h.call("GetSecretValue", "{\"SecretId\":\"db\",\"VersionStage\":\"AWSPREVIOUS\"}")
        .get("SecretString").asText());
    assertEquals("v1", h.call("GetSecretValue", "{\"SecretId\":\"db\",\"VersionId\":\"" + T1 + "\"}")
        .get("SecretString").asText());
    JsonNode versions = h.call("ListSecretVersionIds", "{\"SecretId\":\"db\"}").get("Versions");
    assertEquals(2, versions.size());
    assertEquals(T2, versions.get(0).get("VersionId").asText());
    assertEquals("[\"AWSPREVIOUS\"]", versions.get(0).get("VersionStages").toString());
    assertEquals("[\"DefaultEncryptionKey\"]", versions.get(0).get("KmsKeyIds").toString());
    JsonNode all = h.call("ListSecretVersionIds", "{\"SecretId\":\"db\",\"IncludeDeprecated\":true}")
        .get("Versions");
    assertEquals(3, all.size());
    assertFalse(all.get(0).has("VersionStages"));
    ObjectNode described = h.call("DescribeSecret", "{\"SecretId\":\"db\"}");
    assertEquals("{\"" + T2 + "\":[\"AWSPREVIOUS\"],\"" + T3 + "\":[\"AWSCURRENT\"]}",
        described.get("VersionIdsToStages").toString());
  }

  @Test
  void customStages_doNotMoveCurrent() {
    create("db", "v1");
    ObjectNode put = h.call("PutSecretValue", "{\"SecretId\":\"db\",\"ClientRequestToken\":\"" + T2
        + "\",\"SecretString\":\"v2\",\"VersionStages\":[\"AWSPENDING\"]}");
    assertEquals("[\"AWSPENDING\"]", put.get("VersionStages").toString());
    assertEquals("v1", value("db"));
    assertEquals("v2", h.call("GetSecretValue", "{\"SecretId\":\"db\",\"VersionStage\":\"AWSPENDING\"}")
        .get("SecretString").asText());
    assertError("ResourceNotFoundException",
        "Secrets Manager can't find the specified secret value for staging label: AWSPREVIOUS",
        h.error("GetSecretValue", "{\"SecretId\":\"db\",\"VersionStage\":\"AWSPREVIOUS\"}"));
    assertError("InvalidRequestException",
        "You provided a VersionStage that is not associated to the provided VersionId.",
        h.error("GetSecretValue", "{\"SecretId\":\"db\",\"VersionId\":\"" + T1
            + "\",\"VersionStage\":\"AWSPENDING\"}"));
  }

  @Test
  void clientRequestToken_isIdempotentForTheSameValueOnly() {
    create("db", "v1");
    put("db", T2, "v2");
    put("db", T2, "v2");
    assertEquals(2, h.call("ListSecretVersionIds", "{\"SecretId\":\"db\",\"IncludeDeprecated\":true}")
        .get("Versions").size());
    assertError("ResourceExistsException", null, h.error("PutSecretValue",
        "{\"SecretId\":\"db\",\"ClientRequestToken\":\"" + T2 + "\",\"SecretString\":\"other\"}"));
    assertEquals("v2", value("db"));
  }

  @Test
  void updateSecretVersionStage_movesLabelsAsAwsDoes() {
    create("db", "v1");
    put("db", T2, "v2");
    assertError("InvalidParameterException", null, h.error("UpdateSecretVersionStage",
        "{\"SecretId\":\"db\",\"VersionStage\":\"AWSCURRENT\",\"MoveToVersionId\":\"" + T1 + "\"}"));
    assertError("InvalidRequestException",
        "You provided a VersionStage that is not associated to the provided VersionId.",
        h.error("UpdateSecretVersionStage", "{\"SecretId\":\"db\",\"VersionStage\":\"AWSCURRENT\","
            + "\"MoveToVersionId\":\"" + T1 + "\",\"RemoveFromVersionId\":\"" + T1 + "\"}"));
    ObjectNode out = h.call("UpdateSecretVersionStage", "{\"SecretId\":\"db\",\"VersionStage\":"
        + "\"AWSCURRENT\",\"MoveToVersionId\":\"" + T1 + "\",\"RemoveFromVersionId\":\"" + T2 + "\"}");
    assertEquals("db", out.get("Name").asText());
    assertEquals("v1", value("db"));
    assertEquals("{\"" + T1 + "\":[\"AWSCURRENT\"],\"" + T2 + "\":[\"AWSPREVIOUS\"]}",
        h.call("DescribeSecret", "{\"SecretId\":\"db\"}").get("VersionIdsToStages").toString());
    h.call("UpdateSecretVersionStage", "{\"SecretId\":\"db\",\"VersionStage\":\"blue\","
        + "\"MoveToVersionId\":\"" + T2 + "\"}");
    h.call("UpdateSecretVersionStage", "{\"SecretId\":\"db\",\"VersionStage\":\"blue\","
        + "\"RemoveFromVersionId\":\"" + T2 + "\"}");
    assertEquals("[\"AWSPREVIOUS\"]", h.call("DescribeSecret", "{\"SecretId\":\"db\"}")
        .get("VersionIdsToStages").get(T2).toString());
  }

  @Test
  void createSecret_refusesTakenAndInvalidNames() {
    create("db", "v1");
    // A retry (same token, same value) is answered as the first call was.
    assertEquals(T1, create("db", "v1").get("VersionId").asText());
    assertError("ResourceExistsException", null, assertThrowsApi(() -> create("db", "v2")));
    assertError("ResourceExistsException", "The operation failed because the secret db already exists.",
        h.error("CreateSecret", "{\"Name\":\"db\",\"SecretString\":\"x\"}"));
    assertError("ValidationException", null, h.error("CreateSecret", "{\"Name\":\"Inv Name\"}"));
    assertError("InvalidParameterException", null, h.error("CreateSecret",
        "{\"Name\":\"both\",\"SecretString\":\"x\",\"SecretBinary\":\"AA==\"}"));
  }

  @Test
  void secretWithoutValue_getsCurrentWithItsFirstValue() {
    ObjectNode created = h.call("CreateSecret", "{\"Name\":\"empty\",\"Description\":\"d\"}");
    assertNull(created.get("VersionId"));
    assertError("ResourceNotFoundException", null,
        h.error("GetSecretValue", "{\"SecretId\":\"empty\"}"));
    h.call("PutSecretValue", "{\"SecretId\":\"empty\",\"SecretString\":\"v\",\"VersionStages\":[\"x\"]}");
    assertEquals("v", value("empty"));
  }

  @Test
  void deleteRestoreAndPurge_asAwsDoes() {
    create("db", "v1");
    assertError("InvalidParameterException", null,
        h.error("DeleteSecret", "{\"SecretId\":\"db\",\"RecoveryWindowInDays\":6}"));
    assertError("InvalidParameterException", null, h.error("DeleteSecret",
        "{\"SecretId\":\"db\",\"RecoveryWindowInDays\":7,\"ForceDeleteWithoutRecovery\":true}"));
    ObjectNode deleted = h.call("DeleteSecret", "{\"SecretId\":\"db\",\"RecoveryWindowInDays\":7}");
    assertEquals(h.clock.instant().plus(Duration.ofDays(7)).toEpochMilli() / 1000.0,
        deleted.get("DeletionDate").asDouble(), 0.001);
    assertError("InvalidRequestException",
        "You can't perform this operation on the secret because it was marked for deletion.",
        h.error("GetSecretValue", "{\"SecretId\":\"db\"}"));
    assertTrue(h.call("DescribeSecret", "{\"SecretId\":\"db\"}").has("DeletedDate"));
    assertError("InvalidRequestException",
        "You can't create this secret because a secret with this name is already scheduled for deletion.",
        h.error("CreateSecret", "{\"Name\":\"db\"}"));
    assertEquals(0, h.call("ListSecrets", "{}").get("SecretList").size());
    assertEquals(1, h.call("ListSecrets", "{\"IncludePlannedDeletion\":true}").get("SecretList").size());

    h.call("RestoreSecret", "{\"SecretId\":\"db\"}");
    assertEquals("v1", value("db"));
    assertFalse(h.call("DescribeSecret", "{\"SecretId\":\"db\"}").has("DeletedDate"));

    h.call("DeleteSecret", "{\"SecretId\":\"db\",\"RecoveryWindowInDays\":7}");
    h.clock.advance(Duration.ofDays(7));
    assertError("ResourceNotFoundException", null, h.error("DescribeSecret", "{\"SecretId\":\"db\"}"));
    create("db", "again");
    h.call("DeleteSecret", "{\"SecretId\":\"db\",\"ForceDeleteWithoutRecovery\":true}");
    assertError("ResourceNotFoundException", null, h.error("GetSecretValue", "{\"SecretId\":\"db\"}"));
    h.call("DeleteSecret", "{\"SecretId\":\"db\",\"ForceDeleteWithoutRecovery\":true}");
  }

  @Test
  void listSecrets_filtersSortsAndPages() {
    h.call("CreateSecret", "{\"Name\":\"prod/db\",\"Description\":\"main database\","
        + "\"Tags\":[{\"Key\":\"team\",\"Value\":\"red\"}]}");
    h.clock.advance(Duration.ofSeconds(1));
    h.call("CreateSecret", "{\"Name\":\"prod/api\",\"Tags\":[{\"Key\":\"env\",\"Value\":\"prod\"}]}");
    h.clock.advance(Duration.ofSeconds(1));
    h.call("CreateSecret", "{\"Name\":\"dev/db\",\"Description\":\"test database\"}");

    assertEquals(List.of("prod/db", "prod/api", "dev/db"), names("{}"));
    assertEquals(List.of("dev/db", "prod/api", "prod/db"), names("{\"SortOrder\":\"desc\"}"));
    assertEquals(List.of("dev/db", "prod/api", "prod/db"), names("{\"SortBy\":\"name\"}"));
    assertEquals(List.of("prod/db", "prod/api"),
        names("{\"Filters\":[{\"Key\":\"name\",\"Values\":[\"prod/\"]}]}"));
    assertEquals(List.of("prod/api"), names(
        "{\"Filters\":[{\"Key\":\"name\",\"Values\":[\"prod/\"]},{\"Key\":\"name\",\"Values\":[\"!prod/db\"]}]}"));
    assertEquals(List.of("prod/db", "dev/db"),
        names("{\"Filters\":[{\"Key\":\"description\",\"Values\":[\"main\",\"test\"]}]}"));
    assertEquals(List.of("prod/db"), names("{\"Filters\":[{\"Key\":\"tag-key\",\"Values\":[\"te\"]}]}"));
    assertEquals(List.of("prod/api"), names("{\"Filters\":[{\"Key\":\"tag-value\",\"Values\":[\"prod\"]}]}"));
    assertEquals(List.of("prod/db", "dev/db"), names("{\"Filters\":[{\"Key\":\"all\",\"Values\":[\"db\"]}]}"));

    ObjectNode page1 = h.call("ListSecrets", "{\"MaxResults\":2}");
    assertEquals(2, page1.get("SecretList").size());
    ObjectNode page2 = h.call("ListSecrets",
        "{\"MaxResults\":2,\"NextToken\":\"" + page1.get("NextToken").asText() + "\"}");
    assertEquals("dev/db", page2.get("SecretList").get(0).get("Name").asText());
    assertFalse(page2.has("NextToken"));
    assertError("InvalidNextTokenException", null, h.error("ListSecrets", "{\"NextToken\":\"bogus\"}"));
  }

  private List<String> names(String request) {
    List<String> names = new ArrayList<>();
    h.call("ListSecrets", request).get("SecretList").forEach(e -> names.add(e.get("Name").asText()));
    return names;
  }

  @Test
  void tagAndUntag_andUpdateSecretDescription() {
    create("db", "v1");
    h.call("TagResource", "{\"SecretId\":\"db\",\"Tags\":[{\"Key\":\"a\",\"Value\":\"1\"},"
        + "{\"Key\":\"b\",\"Value\":\"2\"}]}");
    h.call("TagResource", "{\"SecretId\":\"db\",\"Tags\":[{\"Key\":\"a\",\"Value\":\"3\"}]}");
    h.call("UntagResource", "{\"SecretId\":\"db\",\"TagKeys\":[\"b\"]}");
    h.call("UpdateSecret", "{\"SecretId\":\"db\",\"Description\":\"new\"}");
    ObjectNode d = h.call("DescribeSecret", "{\"SecretId\":\"db\"}");
    assertEquals("[{\"Key\":\"a\",\"Value\":\"3\"}]", d.get("Tags").toString());
    assertEquals("new", d.get("Description").asText());
    ObjectNode updated = h.call("UpdateSecret", "{\"SecretId\":\"db\",\"SecretString\":\"v2\","
        + "\"ClientRequestToken\":\"" + T2 + "\"}");
    assertEquals(T2, updated.get("VersionId").asText());
    assertEquals("v2", value("db"));
  }

  @Test
  void customerKey_disabledOrChanged() {
    String key1 = h.kms("CreateKey", "{}").get("KeyMetadata").get("Arn").asText();
    String key2 = h.kms("CreateKey", "{}").get("KeyMetadata").get("Arn").asText();
    String arn = h.call("CreateSecret", "{\"Name\":\"db\",\"SecretString\":\"v1\",\"KmsKeyId\":\""
        + key1 + "\"}").get("ARN").asText();
    assertEquals(key1, h.storage.secrets().find(arn).orElseThrow().versions().get(0).value().keyArn());
    assertEquals("v1", value("db"));

    h.call("UpdateSecret", "{\"SecretId\":\"db\",\"KmsKeyId\":\"" + key2 + "\"}");
    assertEquals(key2, h.storage.secrets().find(arn).orElseThrow().versions().get(0).value().keyArn());
    h.kms("DisableKey", "{\"KeyId\":\"" + key1 + "\"}");
    assertEquals("v1", value("db"));

    h.kms("DisableKey", "{\"KeyId\":\"" + key2 + "\"}");
    assertError("DecryptionFailure", null, h.error("GetSecretValue", "{\"SecretId\":\"db\"}"));
    assertError("EncryptionFailure", null, h.error("PutSecretValue",
        "{\"SecretId\":\"db\",\"SecretString\":\"v2\"}"));
  }

  @Test
  void identityPolicies_authoriseEachCall() {
    String arn = create("app/db", "v1").get("ARN").asText();
    create("other", "v1");
    Principal nobody = h.user("nobody", null);
    ApiException denied = h.error(nobody, "GetSecretValue", "{\"SecretId\":\"app/db\"}");
    assertError("AccessDeniedException", null, denied);
    assertTrue(denied.getMessage().contains("secretsmanager:GetSecretValue"), denied.getMessage());
    assertError("AccessDeniedException", null,
        h.error(nobody, "GetSecretValue", "{\"SecretId\":\"missing\"}"));

    Principal reader = h.user("reader", "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":"
        + "\"Allow\",\"Action\":[\"secretsmanager:GetSecretValue\",\"secretsmanager:DescribeSecret\"],"
        + "\"Resource\":\"arn:aws:secretsmanager:us-east-1:111122223333:secret:app/*\"}]}");
    assertEquals("v1", h.call(reader, "GetSecretValue", "{\"SecretId\":\"" + arn + "\"}")
        .get("SecretString").asText());
    assertError("AccessDeniedException", null,
        h.error(reader, "GetSecretValue", "{\"SecretId\":\"other\"}"));
    assertError("AccessDeniedException", null,
        h.error(reader, "PutSecretValue", "{\"SecretId\":\"app/db\",\"SecretString\":\"x\"}"));
    assertError("ResourceNotFoundException", null,
        h.error(reader, "DescribeSecret", "{\"SecretId\":\"app/none\"}"));

    // A customer managed key: the caller needs kms:Decrypt itself.
    String key = h.kms("CreateKey", "{}").get("KeyMetadata").get("Arn").asText();
    h.call("CreateSecret", "{\"Name\":\"app/cmk\",\"SecretString\":\"v\",\"KmsKeyId\":\"" + key + "\"}");
    assertError("AccessDeniedException", "Access to KMS is not allowed",
        h.error(reader, "GetSecretValue", "{\"SecretId\":\"app/cmk\"}"));
  }

  @Test
  void resourceTagConditions_apply() {
    h.call("CreateSecret", "{\"Name\":\"red\",\"SecretString\":\"r\",\"Tags\":[{\"Key\":\"team\",\"Value\":\"red\"}]}");
    h.call("CreateSecret", "{\"Name\":\"blue\",\"SecretString\":\"b\",\"Tags\":[{\"Key\":\"team\",\"Value\":\"blue\"}]}");
    Principal red = h.user("redteam", "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
        + "\"Action\":\"secretsmanager:GetSecretValue\",\"Resource\":\"*\",\"Condition\":{\"StringEquals\":"
        + "{\"secretsmanager:ResourceTag/team\":\"red\"}}}]}");
    assertEquals("r", h.call(red, "GetSecretValue", "{\"SecretId\":\"red\"}").get("SecretString").asText());
    assertError("AccessDeniedException", null, h.error(red, "GetSecretValue", "{\"SecretId\":\"blue\"}"));
  }

  @Test
  void getRandomPassword_honoursEveryOption() {
    String p = h.call("GetRandomPassword", "{}").get("RandomPassword").asText();
    assertEquals(32, p.length());
    String digits = h.call("GetRandomPassword", "{\"PasswordLength\":50,\"ExcludeUppercase\":true,"
        + "\"ExcludeLowercase\":true,\"ExcludePunctuation\":true,\"ExcludeCharacters\":\"01\"}")
        .get("RandomPassword").asText();
    assertTrue(digits.matches("[2-9]{50}"), digits);
    String spaced = h.call("GetRandomPassword", "{\"PasswordLength\":5,\"IncludeSpace\":true}")
        .get("RandomPassword").asText();
    assertTrue(spaced.contains(" ") && spaced.matches(".*[A-Z].*") && spaced.matches(".*[a-z].*")
        && spaced.matches(".*[0-9].*"), spaced);
    assertNotEquals(p, h.call("GetRandomPassword", "{}").get("RandomPassword").asText());
    assertError("InvalidParameterException", null, h.error("GetRandomPassword",
        "{\"ExcludeUppercase\":true,\"ExcludeLowercase\":true,\"ExcludePunctuation\":true,"
            + "\"ExcludeNumbers\":true}"));
  }

  @Test
  void lastAccessedDate_isTheDayOfTheLastRead() {
    create("db", "v1");
    assertFalse(h.call("DescribeSecret", "{\"SecretId\":\"db\"}").has("LastAccessedDate"));
    value("db");
    assertEquals(h.clock.instant().truncatedTo(java.time.temporal.ChronoUnit.DAYS).getEpochSecond(),
        h.call("DescribeSecret", "{\"SecretId\":\"db\"}").get("LastAccessedDate").asLong());
  }

  @Test
  void batchGetSecretValue_byIdsReportsEachFailure() {
    create("app/a", "va");
    create("app/b", "vb");
    create("other", "vo");
    create("gone", "vg");
    h.call("DeleteSecret", "{\"SecretId\":\"gone\"}");
    ObjectNode out = h.call("BatchGetSecretValue",
        "{\"SecretIdList\":[\"app/a\",\"missing\",\"app/b\",\"gone\"]}");
    assertEquals(2, out.get("SecretValues").size());
    assertEquals("va", out.get("SecretValues").get(0).get("SecretString").asText());
    assertEquals("vb", out.get("SecretValues").get(1).get("SecretString").asText());
    assertEquals("[\"AWSCURRENT\"]", out.get("SecretValues").get(0).get("VersionStages").toString());
    JsonNode errors = out.get("Errors");
    assertEquals(2, errors.size());
    assertEquals("missing", errors.get(0).get("SecretId").asText());
    assertEquals("ResourceNotFoundException", errors.get(0).get("ErrorCode").asText());
    assertEquals("InvalidRequestException", errors.get(1).get("ErrorCode").asText());

    Principal reader = h.user("batch", "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":"
        + "\"Allow\",\"Action\":\"secretsmanager:BatchGetSecretValue\",\"Resource\":\"*\"},"
        + "{\"Effect\":\"Allow\",\"Action\":\"secretsmanager:GetSecretValue\",\"Resource\":"
        + "\"arn:aws:secretsmanager:us-east-1:111122223333:secret:app/*\"}]}");
    ObjectNode mixed = h.call(reader, "BatchGetSecretValue", "{\"SecretIdList\":[\"app/a\",\"other\"]}");
    assertEquals(1, mixed.get("SecretValues").size());
    assertEquals("AccessDeniedException", mixed.get("Errors").get(0).get("ErrorCode").asText());
    assertError("AccessDeniedException", null, h.error(h.user("none", null), "BatchGetSecretValue",
        "{\"SecretIdList\":[\"app/a\"]}"));
  }

  @Test
  void batchGetSecretValue_byFiltersPages() {
    for (int i = 0; i < 3; i++) {
      create("app/" + i, "v" + i);
      h.clock.advance(Duration.ofSeconds(1));
    }
    create("other", "vo");
    String filters = "\"Filters\":[{\"Key\":\"name\",\"Values\":[\"app/\"]}]";
    ObjectNode first = h.call("BatchGetSecretValue", "{" + filters + ",\"MaxResults\":2}");
    assertEquals(2, first.get("SecretValues").size());
    ObjectNode second = h.call("BatchGetSecretValue", "{" + filters + ",\"MaxResults\":2,\"NextToken\":\""
        + first.get("NextToken").asText() + "\"}");
    assertEquals("v2", second.get("SecretValues").get(0).get("SecretString").asText());
    assertFalse(second.has("NextToken"));
    assertError("InvalidParameterException", null, h.error("BatchGetSecretValue", "{}"));
    assertError("InvalidParameterException", null,
        h.error("BatchGetSecretValue", "{" + filters + ",\"SecretIdList\":[\"other\"]}"));
    assertError("InvalidParameterException", null,
        h.error("BatchGetSecretValue", "{\"SecretIdList\":[\"other\"],\"MaxResults\":2}"));
  }

  private static String policy(String effect, String principal, String action) {
    return "{\\\"Version\\\":\\\"2012-10-17\\\",\\\"Statement\\\":[{\\\"Effect\\\":\\\"" + effect
        + "\\\",\\\"Principal\\\":" + principal + ",\\\"Action\\\":\\\"" + action
        + "\\\",\\\"Resource\\\":\\\"*\\\"}]}";
  }

  @Test
  void resourcePolicy_putGetDeleteValidate() {
    create("db", "v1");
    String allowAll = policy("Allow", "{\\\"AWS\\\":\\\"*\\\"}", "secretsmanager:GetSecretValue");
    assertError("PublicPolicyException", null, h.error("PutResourcePolicy",
        "{\"SecretId\":\"db\",\"BlockPublicPolicy\":true,\"ResourcePolicy\":\"" + allowAll + "\"}"));
    assertError("MalformedPolicyDocumentException", null, h.error("PutResourcePolicy",
        "{\"SecretId\":\"db\",\"ResourcePolicy\":\"{not json\"}"));
    ObjectNode validated = h.call("ValidateResourcePolicy", "{\"ResourcePolicy\":\"" + allowAll + "\"}");
    assertFalse(validated.get("PolicyValidationPassed").asBoolean());
    assertEquals("PUBLIC_ACCESS_CHECK",
        validated.get("ValidationErrors").get(0).get("CheckName").asText());
    String account = policy("Allow", "{\\\"AWS\\\":\\\"arn:aws:iam::111122223333:root\\\"}",
        "secretsmanager:*");
    assertTrue(h.call("ValidateResourcePolicy", "{\"SecretId\":\"db\",\"ResourcePolicy\":\"" + account
        + "\"}").get("PolicyValidationPassed").asBoolean());
    h.call("PutResourcePolicy", "{\"SecretId\":\"db\",\"BlockPublicPolicy\":true,\"ResourcePolicy\":\""
        + account + "\"}");
    assertTrue(h.call("GetResourcePolicy", "{\"SecretId\":\"db\"}").get("ResourcePolicy").asText()
        .contains("111122223333:root"));
    h.call("DeleteResourcePolicy", "{\"SecretId\":\"db\"}");
    assertFalse(h.call("GetResourcePolicy", "{\"SecretId\":\"db\"}").has("ResourcePolicy"));
  }

  @Test
  void resourcePolicy_allowsNamedPrincipals_andItsDenyWins() {
    create("db", "v1");
    Principal alice = h.user("alice", null);
    Principal bob = h.user("bob", "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
        + "\"Action\":\"secretsmanager:*\",\"Resource\":\"*\"}]}");
    Principal carol = h.user("carol", null);
    assertError("AccessDeniedException", null, h.error(alice, "GetSecretValue", "{\"SecretId\":\"db\"}"));
    String policy = "{\\\"Version\\\":\\\"2012-10-17\\\",\\\"Statement\\\":["
        + "{\\\"Effect\\\":\\\"Allow\\\",\\\"Principal\\\":{\\\"AWS\\\":\\\"" + alice.arn()
        + "\\\"},\\\"Action\\\":\\\"secretsmanager:GetSecretValue\\\",\\\"Resource\\\":\\\"*\\\"},"
        + "{\\\"Effect\\\":\\\"Allow\\\",\\\"Principal\\\":{\\\"AWS\\\":\\\"arn:aws:iam::111122223333:root"
        + "\\\"},\\\"Action\\\":\\\"secretsmanager:GetSecretValue\\\",\\\"Resource\\\":\\\"*\\\"},"
        + "{\\\"Effect\\\":\\\"Deny\\\",\\\"Principal\\\":{\\\"AWS\\\":\\\"" + bob.arn()
        + "\\\"},\\\"Action\\\":\\\"secretsmanager:GetSecretValue\\\",\\\"Resource\\\":\\\"*\\\"}]}";
    h.call("PutResourcePolicy", "{\"SecretId\":\"db\",\"ResourcePolicy\":\"" + policy + "\"}");
    assertEquals("v1", h.call(alice, "GetSecretValue", "{\"SecretId\":\"db\"}").get("SecretString").asText());
    assertError("AccessDeniedException", null, h.error(alice, "DescribeSecret", "{\"SecretId\":\"db\"}"));
    ApiException denied = h.error(bob, "GetSecretValue", "{\"SecretId\":\"db\"}");
    assertError("AccessDeniedException", null, denied);
    assertTrue(denied.getMessage().contains("explicit deny in a resource-based policy"), denied.getMessage());
    assertTrue(h.call(bob, "DescribeSecret", "{\"SecretId\":\"db\"}").has("ARN"));
    // Naming the account delegates to identity policies: carol has none.
    assertError("AccessDeniedException", null, h.error(carol, "GetSecretValue", "{\"SecretId\":\"db\"}"));
  }

  @Test
  void crossAccount_needsTheResourcePolicyAndTheKeyPolicy() {
    Principal other = Principal.root("444455556666", "AKIAOTHER");
    String keyPolicy = "{\\\"Version\\\":\\\"2012-10-17\\\",\\\"Statement\\\":["
        + "{\\\"Effect\\\":\\\"Allow\\\",\\\"Principal\\\":{\\\"AWS\\\":\\\"arn:aws:iam::111122223333:root"
        + "\\\"},\\\"Action\\\":\\\"kms:*\\\",\\\"Resource\\\":\\\"*\\\"},"
        + "{\\\"Effect\\\":\\\"Allow\\\",\\\"Principal\\\":{\\\"AWS\\\":\\\"444455556666"
        + "\\\"},\\\"Action\\\":\\\"kms:Decrypt\\\",\\\"Resource\\\":\\\"*\\\"}]}";
    String key = h.kms("CreateKey", "{\"Policy\":\"" + keyPolicy + "\"}").get("KeyMetadata").get("Arn").asText();
    String cmk = h.call("CreateSecret", "{\"Name\":\"shared\",\"SecretString\":\"s\",\"KmsKeyId\":\""
        + key + "\"}").get("ARN").asText();
    String managed = create("managed", "m").get("ARN").asText();

    assertError("AccessDeniedException", null, h.error(other, "GetSecretValue", "{\"SecretId\":\"" + cmk + "\"}"));
    assertError("ResourceNotFoundException", null, h.error(other, "GetSecretValue", "{\"SecretId\":\"shared\"}"));
    String resourcePolicy = policy("Allow", "{\\\"AWS\\\":\\\"arn:aws:iam::444455556666:root\\\"}",
        "secretsmanager:GetSecretValue");
    h.call("PutResourcePolicy", "{\"SecretId\":\"shared\",\"ResourcePolicy\":\"" + resourcePolicy + "\"}");
    h.call("PutResourcePolicy", "{\"SecretId\":\"managed\",\"ResourcePolicy\":\"" + resourcePolicy + "\"}");

    assertEquals("s", h.call(other, "GetSecretValue", "{\"SecretId\":\"" + cmk + "\"}")
        .get("SecretString").asText());
    assertEquals("s", h.call(other, "GetSecretValue",
        "{\"SecretId\":\"arn:aws:secretsmanager:us-east-1:111122223333:secret:shared\"}")
        .get("SecretString").asText());
    assertError("AccessDeniedException", null, h.error(other, "DescribeSecret", "{\"SecretId\":\"" + cmk + "\"}"));
    // The AWS managed key serves its own account only.
    assertError("AccessDeniedException", "Access to KMS is not allowed",
        h.error(other, "GetSecretValue", "{\"SecretId\":\"" + managed + "\"}"));
    // The resource policy names the account: its users need their own identity policies to allow.
    Principal stranger = h.user("444455556666", "stranger", null);
    assertError("AccessDeniedException", null,
        h.error(stranger, "GetSecretValue", "{\"SecretId\":\"" + cmk + "\"}"));
    Principal reader = h.user("444455556666", "reader", "{\"Version\":\"2012-10-17\",\"Statement\":["
        + "{\"Effect\":\"Allow\",\"Action\":[\"secretsmanager:GetSecretValue\",\"kms:Decrypt\"],"
        + "\"Resource\":\"*\"}]}");
    assertEquals("s", h.call(reader, "GetSecretValue", "{\"SecretId\":\"" + cmk + "\"}")
        .get("SecretString").asText());
  }

  @Test
  void everyModelOperation_isImplemented_andOthersAnswerUnsupported() {
    // The operations of aws-models/secretsmanager/service-2.json.
    List<String> model = List.of("BatchGetSecretValue", "CancelRotateSecret", "CreateSecret",
        "DeleteResourcePolicy", "DeleteSecret", "DescribeSecret", "GetRandomPassword",
        "GetResourcePolicy", "GetSecretValue", "ListSecretVersionIds", "ListSecrets",
        "PutResourcePolicy", "PutSecretValue", "RemoveRegionsFromReplication",
        "ReplicateSecretToRegions", "RestoreSecret", "RotateSecret", "StopReplicationToReplica",
        "TagResource", "UntagResource", "UpdateSecret", "UpdateSecretVersionStage",
        "ValidateResourcePolicy");
    assertEquals(model.stream().sorted().toList(),
        h.secrets.operations().keySet().stream().sorted().toList());
    assertEquals("UnsupportedOperationException", h.secrets.notImplemented("NoSuchOperation").code());
  }
}

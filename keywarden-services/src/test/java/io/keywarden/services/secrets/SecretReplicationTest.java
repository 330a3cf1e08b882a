package io.keywarden.services.secrets;

import static io.keywarden.services.secrets.SecretsHarness.assertError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.keywarden.domain.secret.SecretRecord;
import io.keywarden.domain.storage.Storage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Replication: replicas are real, read-only secrets in the other region, kept in step with their
 * primary, reported in ReplicationStatus, removed or promoted; each storage backend runs the class.
 */
abstract class SecretReplicationTest {
  private static final String EAST = SecretsHarness.REGION;
  private static final String WEST = "eu-west-1";
  private static final String SOUTH = "ap-south-1";
  private static final String REPLICA_READ_ONLY =
      "Operation not permitted on a replica secret. Call must be made in primary secret's region.";

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

  private String create(String name, String value) {
    return h.call("CreateSecret", "{\"Name\":\"" + name + "\",\"SecretString\":\"" + value + "\"}")
        .get("ARN").asText();
  }

  private ObjectNode replicate(String secretId, String regionsJson) {
    return h.call("ReplicateSecretToRegions",
        "{\"SecretId\":\"" + secretId + "\",\"AddReplicaRegions\":" + regionsJson + "}");
  }

  private String valueIn(String region, String secretId) {
    return h.callIn(region, "GetSecretValue", "{\"SecretId\":\"" + secretId + "\"}")
        .get("SecretString").asText();
  }

  private JsonNode status(String secretId, String region) {
    for (JsonNode s : h.call("DescribeSecret", "{\"SecretId\":\"" + secretId + "\"}")
        .get("ReplicationStatus")) {
      if (s.get("Region").asText().equals(region)) {
        return s;
      }
    }
    throw new AssertionError("no replica in " + region);
  }

  @Test
  void replicate_makesAReplicaInTheOtherRegion_sameSuffix_sealedUnderThatRegionsKey() {
    String arn = create("db", "v1");
    ObjectNode out = replicate("db", "[{\"Region\":\"" + WEST + "\"}]");

    assertEquals(arn, out.get("ARN").asText());
    JsonNode st = out.get("ReplicationStatus").get(0);
    assertEquals(WEST, st.get("Region").asText());
    assertEquals("alias/aws/secretsmanager", st.get("KmsKeyId").asText());
    assertEquals("InSync", st.get("Status").asText());
    assertEquals("Replication succeeded", st.get("StatusMessage").asText());

    String replicaArn = arn.replace(":" + EAST + ":", ":" + WEST + ":");
    ObjectNode got = h.callIn(WEST, "GetSecretValue", "{\"SecretId\":\"db\"}");
    assertEquals("v1", got.get("SecretString").asText());
    assertEquals(replicaArn, got.get("ARN").asText());
    assertEquals("v1", valueIn(WEST, replicaArn));

    SecretRecord replica = h.storage.secrets().find(replicaArn).orElseThrow();
    assertTrue(replica.versions().get(0).value().keyArn().startsWith("arn:aws:kms:" + WEST + ":"),
        replica.versions().get(0).value().keyArn());

    ObjectNode atReplica = h.callIn(WEST, "DescribeSecret", "{\"SecretId\":\"db\"}");
    assertEquals(EAST, atReplica.get("PrimaryRegion").asText());
    assertFalse(atReplica.has("ReplicationStatus"));
    ObjectNode atPrimary = h.call("DescribeSecret", "{\"SecretId\":\"db\"}");
    assertEquals(EAST, atPrimary.get("PrimaryRegion").asText());
    assertEquals(1, atPrimary.get("ReplicationStatus").size());
    // A region with no replica has no such secret.
    assertError("ResourceNotFoundException", null,
        h.errorIn(SOUTH, "GetSecretValue", "{\"SecretId\":\"db\"}"));
  }

  @Test
  void createSecret_withAddReplicaRegions_replicatesAtOnce() {
    ObjectNode out = h.call("CreateSecret", "{\"Name\":\"api\",\"SecretString\":\"k\","
        + "\"AddReplicaRegions\":[{\"Region\":\"" + WEST + "\"},{\"Region\":\"" + SOUTH + "\"}]}");
    assertEquals(2, out.get("ReplicationStatus").size());
    assertEquals("k", valueIn(WEST, "api"));
    assertEquals("k", valueIn(SOUTH, "api"));
  }

  @Test
  void replica_followsEveryChangeOfThePrimary() {
    create("db", "v1");
    replicate("db", "[{\"Region\":\"" + WEST + "\"}]");

    h.call("PutSecretValue", "{\"SecretId\":\"db\",\"SecretString\":\"v2\","
        + "\"ClientRequestToken\":\"EXAMPLE2-90ab-cdef-fedc-ba987EXAMPLE\"}");
    h.call("UpdateSecret", "{\"SecretId\":\"db\",\"Description\":\"main\"}");
    h.call("TagResource", "{\"SecretId\":\"db\",\"Tags\":[{\"Key\":\"team\",\"Value\":\"red\"},"
        + "{\"Key\":\"gone\",\"Value\":\"x\"}]}");
    h.call("UntagResource", "{\"SecretId\":\"db\",\"TagKeys\":[\"gone\"]}");
    h.call("PutResourcePolicy", "{\"SecretId\":\"db\",\"ResourcePolicy\":\"{\\\"Version\\\":"
        + "\\\"2012-10-17\\\",\\\"Statement\\\":[{\\\"Effect\\\":\\\"Deny\\\",\\\"Principal\\\":"
        + "{\\\"AWS\\\":\\\"arn:aws:iam::444455556666:root\\\"},\\\"Action\\\":\\\"secretsmanager:*\\\","
        + "\\\"Resource\\\":\\\"*\\\"}]}\"}");

    assertEquals("v2", valueIn(WEST, "db"));
    assertEquals("v1", h.callIn(WEST, "GetSecretValue",
        "{\"SecretId\":\"db\",\"VersionStage\":\"AWSPREVIOUS\"}").get("SecretString").asText());
    ObjectNode d = h.callIn(WEST, "DescribeSecret", "{\"SecretId\":\"db\"}");
    assertEquals("main", d.get("Description").asText());
    assertEquals("[{\"Key\":\"team\",\"Value\":\"red\"}]", d.get("Tags").toString());
    assertEquals(h.call("DescribeSecret", "{\"SecretId\":\"db\"}").get("VersionIdsToStages"),
        d.get("VersionIdsToStages"));
    assertTrue(h.callIn(WEST, "GetResourcePolicy", "{\"SecretId\":\"db\"}").get("ResourcePolicy")
        .asText().contains("444455556666"));

    // Staging labels move on the replica as on the primary.
    String v1 = h.call("GetSecretValue", "{\"SecretId\":\"db\",\"VersionStage\":\"AWSPREVIOUS\"}")
        .get("VersionId").asText();
    h.call("UpdateSecretVersionStage", "{\"SecretId\":\"db\",\"VersionStage\":\"AWSCURRENT\","
        + "\"MoveToVersionId\":\"" + v1 + "\",\"RemoveFromVersionId\":"
        + "\"EXAMPLE2-90ab-cdef-fedc-ba987EXAMPLE\"}");
    assertEquals("v1", valueIn(WEST, "db"));
    h.call("DeleteResourcePolicy", "{\"SecretId\":\"db\"}");
    assertFalse(h.callIn(WEST, "GetResourcePolicy", "{\"SecretId\":\"db\"}").has("ResourcePolicy"));
  }

  @Test
  void writesToAReplica_areRefusedAsAwsRefusesThem() {
    create("db", "v1");
    replicate("db", "[{\"Region\":\"" + WEST + "\"}]");
    List<String[]> writes = List.of(
        new String[] {"PutSecretValue", "{\"SecretId\":\"db\",\"SecretString\":\"x\"}"},
        new String[] {"UpdateSecret", "{\"SecretId\":\"db\",\"Description\":\"x\"}"},
        new String[] {"TagResource", "{\"SecretId\":\"db\",\"Tags\":[{\"Key\":\"a\",\"Value\":\"b\"}]}"},
        new String[] {"UntagResource", "{\"SecretId\":\"db\",\"TagKeys\":[\"a\"]}"},
        new String[] {"DeleteSecret", "{\"SecretId\":\"db\"}"},
        new String[] {"DeleteSecret", "{\"SecretId\":\"db\",\"ForceDeleteWithoutRecovery\":true}"},
        new String[] {"RestoreSecret", "{\"SecretId\":\"db\"}"},
        new String[] {"DeleteResourcePolicy", "{\"SecretId\":\"db\"}"},
        new String[] {"UpdateSecretVersionStage",
            "{\"SecretId\":\"db\",\"VersionStage\":\"custom\",\"RemoveFromVersionId\":\"x\"}"},
        new String[] {"ReplicateSecretToRegions",
            "{\"SecretId\":\"db\",\"AddReplicaRegions\":[{\"Region\":\"" + SOUTH + "\"}]}"},
        new String[] {"RemoveRegionsFromReplication",
            "{\"SecretId\":\"db\",\"RemoveReplicaRegions\":[\"" + EAST + "\"]}"});
    for (String[] w : writes) {
      assertError("InvalidParameterException", REPLICA_READ_ONLY, h.errorIn(WEST, w[0], w[1]));
    }
    assertEquals("v1", valueIn(WEST, "db"));
    assertEquals(1, h.callIn(WEST, "ListSecretVersionIds", "{\"SecretId\":\"db\"}").get("Versions").size());
  }

  @Test
  void deletingAPrimaryWithReplicas_fails_untilTheyAreRemoved() {
    String arn = create("db", "v1");
    replicate("db", "[{\"Region\":\"" + WEST + "\"},{\"Region\":\"" + SOUTH + "\"}]");
    assertError("InvalidParameterException",
        "You can't delete secret " + arn + " that still has replica regions [" + WEST + ", " + SOUTH + "].",
        h.error("DeleteSecret", "{\"SecretId\":\"db\",\"ForceDeleteWithoutRecovery\":true}"));

    ObjectNode out = h.call("RemoveRegionsFromReplication",
        "{\"SecretId\":\"db\",\"RemoveReplicaRegions\":[\"" + WEST + "\"]}");
    assertEquals(arn, out.get("ARN").asText());
    assertEquals(1, out.get("ReplicationStatus").size());
    assertEquals(SOUTH, out.get("ReplicationStatus").get(0).get("Region").asText());
    assertError("ResourceNotFoundException", null,
        h.errorIn(WEST, "GetSecretValue", "{\"SecretId\":\"db\"}"));
    assertEquals("v1", valueIn(SOUTH, "db"));

    out = h.call("RemoveRegionsFromReplication",
        "{\"SecretId\":\"db\",\"RemoveReplicaRegions\":[\"" + SOUTH + "\"]}");
    assertEquals(0, out.get("ReplicationStatus").size());
    assertFalse(h.call("DescribeSecret", "{\"SecretId\":\"db\"}").has("ReplicationStatus"));
    h.call("DeleteSecret", "{\"SecretId\":\"db\",\"RecoveryWindowInDays\":7}");
  }

  @Test
  void stopReplication_promotesTheReplicaToAStandaloneSecret() {
    String arn = create("db", "v1");
    replicate("db", "[{\"Region\":\"" + WEST + "\"}]");
    String replicaArn = arn.replace(":" + EAST + ":", ":" + WEST + ":");
    assertError("InvalidParameterException", null,
        h.error("StopReplicationToReplica", "{\"SecretId\":\"db\"}"));

    assertEquals(replicaArn,
        h.callIn(WEST, "StopReplicationToReplica", "{\"SecretId\":\"db\"}").get("ARN").asText());

    assertFalse(h.call("DescribeSecret", "{\"SecretId\":\"db\"}").has("ReplicationStatus"));
    ObjectNode promoted = h.callIn(WEST, "DescribeSecret", "{\"SecretId\":\"db\"}");
    assertFalse(promoted.has("PrimaryRegion"));
    h.callIn(WEST, "PutSecretValue", "{\"SecretId\":\"db\",\"SecretString\":\"west\"}");
    h.call("PutSecretValue", "{\"SecretId\":\"db\",\"SecretString\":\"east\"}");
    assertEquals("west", valueIn(WEST, "db"));
    assertEquals("east", valueIn(EAST, "db"));
    // Both can now be deleted on their own.
    h.callIn(WEST, "DeleteSecret", "{\"SecretId\":\"db\",\"ForceDeleteWithoutRecovery\":true}");
    h.call("DeleteSecret", "{\"SecretId\":\"db\",\"ForceDeleteWithoutRecovery\":true}");
  }

  @Test
  void aSecretOfTheSameName_failsTheReplica_unlessForceOverwrite() {
    create("db", "primary");
    h.callIn(WEST, "CreateSecret", "{\"Name\":\"db\",\"SecretString\":\"local\"}");

    JsonNode st = replicate("db", "[{\"Region\":\"" + WEST + "\"}]").get("ReplicationStatus").get(0);
    assertEquals("Failed", st.get("Status").asText());
    assertEquals("Secret with this name already exists in this region", st.get("StatusMessage").asText());
    assertEquals("local", valueIn(WEST, "db"));
    assertFalse(h.callIn(WEST, "DescribeSecret", "{\"SecretId\":\"db\"}").has("PrimaryRegion"));

    st = h.call("ReplicateSecretToRegions", "{\"SecretId\":\"db\",\"ForceOverwriteReplicaSecret\":true,"
        + "\"AddReplicaRegions\":[{\"Region\":\"" + WEST + "\"}]}").get("ReplicationStatus").get(0);
    assertEquals("InSync", st.get("Status").asText());
    assertEquals("primary", valueIn(WEST, "db"));
    assertEquals(EAST, h.callIn(WEST, "DescribeSecret", "{\"SecretId\":\"db\"}").get("PrimaryRegion").asText());
  }

  @Test
  void aDisabledKeyInTheReplicasRegion_failsTheReplica_andThePrimaryStillChanges() {
    String keyArn = h.kmsIn(WEST, "CreateKey", "{}").at("/KeyMetadata/Arn").asText();
    create("db", "v1");
    JsonNode st = replicate("db", "[{\"Region\":\"" + WEST + "\",\"KmsKeyId\":\"" + keyArn + "\"}]")
        .get("ReplicationStatus").get(0);
    assertEquals("InSync", st.get("Status").asText());
    assertEquals(keyArn, st.get("KmsKeyId").asText());
    assertEquals(keyArn, h.callIn(WEST, "DescribeSecret", "{\"SecretId\":\"db\"}").get("KmsKeyId").asText());

    h.kmsIn(WEST, "DisableKey", "{\"KeyId\":\"" + keyArn + "\"}");
    h.call("PutSecretValue", "{\"SecretId\":\"db\",\"SecretString\":\"v2\"}");
    assertEquals("v2", valueIn(EAST, "db"));
    st = status("db", WEST);
    assertEquals("Failed", st.get("Status").asText());
    assertEquals("Secrets Manager can't encrypt the protected secret text using the provided KMS key."
        + " Check that the KMS key is available, enabled, and not in an invalid state.",
        st.get("StatusMessage").asText());

    h.kmsIn(WEST, "EnableKey", "{\"KeyId\":\"" + keyArn + "\"}");
    h.call("UpdateSecret", "{\"SecretId\":\"db\",\"Description\":\"retry\"}");
    assertEquals("InSync", status("db", WEST).get("Status").asText());
    assertEquals("v2", valueIn(WEST, "db"));
  }

  @Test
  void listSecrets_primaryRegionFilter_andPrimaryRegionInEntries() {
    create("replicated", "v");
    create("standalone", "v");
    replicate("replicated", "[{\"Region\":\"" + WEST + "\"}]");

    assertEquals(List.of("replicated"), names(EAST, "{\"Filters\":[{\"Key\":\"primary-region\","
        + "\"Values\":[\"" + EAST + "\"]}]}"));
    assertEquals(List.of("standalone"), names(EAST, "{\"Filters\":[{\"Key\":\"primary-region\","
        + "\"Values\":[\"!" + EAST + "\"]}]}"));
    assertEquals(List.of("replicated"), names(WEST, "{\"Filters\":[{\"Key\":\"primary-region\","
        + "\"Values\":[\"" + EAST + "\"]}]}"));
    assertEquals(List.of(), names(WEST, "{\"Filters\":[{\"Key\":\"primary-region\","
        + "\"Values\":[\"" + WEST + "\"]}]}"));
    JsonNode entry = h.callIn(WEST, "ListSecrets", "{}").get("SecretList").get(0);
    assertEquals(EAST, entry.get("PrimaryRegion").asText());
    assertFalse(entry.has("ReplicationStatus"));
  }

  @Test
  void readingAReplica_showsItsLastAccessedDateOnThePrimary() {
    create("db", "v");
    replicate("db", "[{\"Region\":\"" + WEST + "\"}]");
    assertFalse(status("db", WEST).has("LastAccessedDate"));
    h.clock.advance(Duration.ofDays(1));
    valueIn(WEST, "db");
    long day = h.clock.instant().getEpochSecond() / 86_400 * 86_400;
    assertEquals(day, status("db", WEST).get("LastAccessedDate").asLong());
  }

  @Test
  void badRegions_areInvalidParameters() {
    create("db", "v");
    assertError("InvalidParameterException", null,
        h.error("ReplicateSecretToRegions", "{\"SecretId\":\"db\",\"AddReplicaRegions\":[{\"Region\":\""
            + EAST + "\"}]}"));
    assertError("InvalidParameterException", null,
        h.error("ReplicateSecretToRegions", "{\"SecretId\":\"db\",\"AddReplicaRegions\":[{\"Region\":"
            + "\"Mars\"}]}"));
    assertError("ResourceNotFoundException", null,
        h.error("ReplicateSecretToRegions", "{\"SecretId\":\"nope\",\"AddReplicaRegions\":[{\"Region\":\""
            + WEST + "\"}]}"));
    h.call("DeleteSecret", "{\"SecretId\":\"db\"}");
    assertError("InvalidRequestException",
        "You can't perform this operation on the secret because it was marked for deletion.",
        h.error("ReplicateSecretToRegions", "{\"SecretId\":\"db\",\"AddReplicaRegions\":[{\"Region\":\""
            + WEST + "\"}]}"));
  }

  @Test
  void replicaRegions_areAConditionKey() {
    var user = h.user("repl", "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
        + "\"Action\":\"secretsmanager:*\",\"Resource\":\"*\"},{\"Effect\":\"Deny\",\"Action\":"
        + "\"secretsmanager:ReplicateSecretToRegions\",\"Resource\":\"*\",\"Condition\":"
        + "{\"ForAnyValue:StringLike\":{\"secretsmanager:AddReplicaRegions\":\"eu-*\"}}}]}");
    h.call(user, "CreateSecret", "{\"Name\":\"db\"}");
    assertError("AccessDeniedException", null, h.error(user, "ReplicateSecretToRegions",
        "{\"SecretId\":\"db\",\"AddReplicaRegions\":[{\"Region\":\"" + WEST + "\"}]}"));
    h.call(user, "ReplicateSecretToRegions",
        "{\"SecretId\":\"db\",\"AddReplicaRegions\":[{\"Region\":\"" + SOUTH + "\"}]}");
  }

  @Test
  void aRotatedPrimary_givesTheReplicaItsNewValue_andReplicasAreNotRotatedThemselves() throws Exception {
    TestRotator rotator = new TestRotator();
    h.secrets.rotations().functions().managed(TestRotator.NAME, rotator::over);
    create("db", "v1");
    replicate("db", "[{\"Region\":\"" + WEST + "\"}]");
    String token = "EXAMPLE9-90ab-cdef-fedc-ba987EXAMPLE";
    h.call("RotateSecret", "{\"SecretId\":\"db\",\"ClientRequestToken\":\"" + token + "\","
        + "\"RotationLambdaARN\":\"" + TestRotator.ARN + "\"}");
    h.secrets.rotations().awaitIdle(Duration.ofSeconds(30));

    String rotated = valueIn(EAST, "db");
    assertTrue(rotated.startsWith("pw-"), rotated);
    assertEquals(rotated, valueIn(WEST, "db"));
    assertEquals(token, h.callIn(WEST, "GetSecretValue", "{\"SecretId\":\"db\"}").get("VersionId").asText());
    assertEquals("InSync", status("db", WEST).get("Status").asText());
    assertEquals(h.call("DescribeSecret", "{\"SecretId\":\"db\"}").get("VersionIdsToStages"),
        h.callIn(WEST, "DescribeSecret", "{\"SecretId\":\"db\"}").get("VersionIdsToStages"));
    assertError("InvalidParameterException", REPLICA_READ_ONLY, h.errorIn(WEST, "RotateSecret",
        "{\"SecretId\":\"db\",\"ClientRequestToken\":\"" + token + "\",\"RotationLambdaARN\":\"" + TestRotator.ARN + "\"}"));
  }

  private List<String> names(String region, String json) {
    List<String> out = new ArrayList<>();
    for (JsonNode s : h.callIn(region, "ListSecrets", json).get("SecretList")) {
      out.add(s.get("Name").asText());
    }
    return out;
  }

  @Test
  void replicaArn_differsOnlyInRegion() {
    String arn = create("x", "v");
    replicate("x", "[{\"Region\":\"" + WEST + "\"}]");
    String replicaArn = h.callIn(WEST, "DescribeSecret", "{\"SecretId\":\"x\"}").get("ARN").asText();
    assertNotEquals(arn, replicaArn);
    assertEquals(arn.substring(arn.lastIndexOf(':')), replicaArn.substring(replicaArn.lastIndexOf(':')));
  }
}

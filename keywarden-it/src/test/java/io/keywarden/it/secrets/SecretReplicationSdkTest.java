package io.keywarden.it.secrets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.keywarden.domain.audit.AuditEvent;
import io.keywarden.it.TestServer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.model.CreateSecretResponse;
import software.amazon.awssdk.services.secretsmanager.model.DescribeSecretResponse;
import software.amazon.awssdk.services.secretsmanager.model.FilterNameStringType;
import software.amazon.awssdk.services.secretsmanager.model.InvalidParameterException;
import software.amazon.awssdk.services.secretsmanager.model.InvalidRequestException;
import software.amazon.awssdk.services.secretsmanager.model.ReplicaRegionType;
import software.amazon.awssdk.services.secretsmanager.model.ReplicateSecretToRegionsResponse;
import software.amazon.awssdk.services.secretsmanager.model.ReplicationStatusType;
import software.amazon.awssdk.services.secretsmanager.model.ResourceNotFoundException;
import software.amazon.awssdk.services.secretsmanager.model.SecretListEntry;
import software.amazon.awssdk.services.secretsmanager.model.StatusType;

/**
 * Replication and scheduled deletion through the AWS SDK for Java v2: one client per region against the
 * same server, as an application in each region would read its local replica.
 */
class SecretReplicationSdkTest {
  private static final Region WEST = Region.EU_WEST_1;
  private static final String READ_ONLY =
      "Operation not permitted on a replica secret. Call must be made in primary secret's region.";

  private static TestServer server;
  private static SecretsManagerClient east;
  private static SecretsManagerClient west;

  @BeforeAll
  static void start() {
    server = TestServer.dev();
    east = server.secretsManager(TestServer.REGION);
    west = server.secretsManager(WEST);
  }

  @AfterAll
  static void stop() {
    east.close();
    west.close();
    server.close();
  }

  private static String unique(String prefix) {
    return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
  }

  private static ReplicaRegionType region(Region r) {
    return ReplicaRegionType.builder().region(r.id()).build();
  }

  @Test
  void replicate_readFromTheReplicaRegion_followsChanges_refusesWrites() {
    String name = unique("repl/db");
    String arn = east.createSecret(r -> r.name(name).secretString("v1")).arn();

    ReplicateSecretToRegionsResponse out =
        east.replicateSecretToRegions(r -> r.secretId(name).addReplicaRegions(region(WEST)));
    assertEquals(arn, out.arn());
    ReplicationStatusType st = out.replicationStatus().get(0);
    assertEquals(WEST.id(), st.region());
    assertEquals(StatusType.IN_SYNC, st.status());
    assertEquals("alias/aws/secretsmanager", st.kmsKeyId());

    String replicaArn = arn.replace(":us-east-1:", ":eu-west-1:");
    assertEquals("v1", west.getSecretValue(r -> r.secretId(name)).secretString());
    assertEquals(replicaArn, west.getSecretValue(r -> r.secretId(replicaArn)).arn());

    east.putSecretValue(r -> r.secretId(name).secretString("v2"));
    east.updateSecret(r -> r.secretId(name).description("moved"));
    assertEquals("v2", west.getSecretValue(r -> r.secretId(name)).secretString());
    DescribeSecretResponse replica = west.describeSecret(r -> r.secretId(name));
    assertEquals("moved", replica.description());
    assertEquals("us-east-1", replica.primaryRegion());
    DescribeSecretResponse primary = east.describeSecret(r -> r.secretId(name));
    assertEquals("us-east-1", primary.primaryRegion());
    assertEquals(StatusType.IN_SYNC, primary.replicationStatus().get(0).status());
    assertTrue(primary.replicationStatus().get(0).lastAccessedDate() != null);

    InvalidParameterException refused = assertThrows(InvalidParameterException.class,
        () -> west.putSecretValue(r -> r.secretId(name).secretString("local")));
    assertEquals(READ_ONLY, refused.awsErrorDetails().errorMessage());
    assertEquals(400, refused.statusCode());
    assertThrows(InvalidParameterException.class, () -> west.deleteSecret(r -> r.secretId(name)));
    InvalidParameterException stillReplicated = assertThrows(InvalidParameterException.class,
        () -> east.deleteSecret(r -> r.secretId(name).forceDeleteWithoutRecovery(true)));
    assertEquals("You can't delete secret " + arn + " that still has replica regions [eu-west-1].",
        stillReplicated.awsErrorDetails().errorMessage());

    assertTrue(east.removeRegionsFromReplication(r -> r.secretId(name).removeReplicaRegions(WEST.id()))
        .replicationStatus().isEmpty());
    assertThrows(ResourceNotFoundException.class, () -> west.getSecretValue(r -> r.secretId(name)));
    east.deleteSecret(r -> r.secretId(name).forceDeleteWithoutRecovery(true));
  }

  @Test
  void createWithReplicas_listFilterByPrimaryRegion_thenPromote() {
    String name = unique("repl/api");
    CreateSecretResponse created = east.createSecret(r -> r.name(name).secretString("k")
        .addReplicaRegions(region(WEST)));
    assertEquals(StatusType.IN_SYNC, created.replicationStatus().get(0).status());

    List<String> fromEast = names(east, "us-east-1");
    List<String> fromWest = names(west, "us-east-1");
    assertTrue(fromEast.contains(name), fromEast::toString);
    assertTrue(fromWest.contains(name), fromWest::toString);
    assertFalse(names(west, "eu-west-1").contains(name));

    String promoted = west.stopReplicationToReplica(r -> r.secretId(name)).arn();
    assertEquals(created.arn().replace(":us-east-1:", ":eu-west-1:"), promoted);
    assertNull(west.describeSecret(r -> r.secretId(name)).primaryRegion());
    assertFalse(east.describeSecret(r -> r.secretId(name)).hasReplicationStatus()
        && !east.describeSecret(r -> r.secretId(name)).replicationStatus().isEmpty());
    west.putSecretValue(r -> r.secretId(name).secretString("west-only"));
    assertEquals("k", east.getSecretValue(r -> r.secretId(name)).secretString());
    assertEquals("west-only", west.getSecretValue(r -> r.secretId(name)).secretString());
  }

  private static List<String> names(SecretsManagerClient client, String primaryRegion) {
    List<String> out = new ArrayList<>();
    for (SecretListEntry e : client.listSecrets(r -> r.filters(f -> f
        .key(FilterNameStringType.PRIMARY_REGION).values(primaryRegion))).secretList()) {
      out.add(e.name());
      assertEquals(primaryRegion, e.primaryRegion());
    }
    return out;
  }

  @Test
  void scheduledDeletion_purgedByTheJobAfterTheWindow_andAudited() {
    String name = unique("repl/purge");
    String arn = east.createSecret(r -> r.name(name).secretString("x")).arn();
    east.deleteSecret(r -> r.secretId(name).recoveryWindowInDays(7L));
    InvalidRequestException marked = assertThrows(InvalidRequestException.class,
        () -> east.getSecretValue(r -> r.secretId(name)));
    assertEquals("You can't perform this operation on the secret because it was marked for deletion.",
        marked.awsErrorDetails().errorMessage());

    server.advance(Duration.ofDays(7).plusMinutes(1));
    assertTrue(server.keywarden().runJobs() >= 1);
    assertThrows(ResourceNotFoundException.class, () -> east.describeSecret(r -> r.secretId(name)));
    assertTrue(events(arn).contains("EndSecretVersionDelete"), events(arn)::toString);
    assertTrue(events(arn).contains("StartSecretVersionDelete"), events(arn)::toString);
  }

  /** The names of the audit records naming {@code arn} as a resource, AwsServiceEvents only. */
  private static List<String> events(String arn) {
    List<String> names = new ArrayList<>();
    server.keywarden().auditLog().orElseThrow().scanNewestFirst(Instant.EPOCH,
        Instant.now().plus(Duration.ofDays(3650)), (AuditEvent e) -> {
          if (e.json().contains("\"AwsServiceEvent\"") && e.json().contains(arn)) {
            int i = e.json().indexOf("\"eventName\":\"") + 13;
            names.add(e.json().substring(i, e.json().indexOf('"', i)));
          }
          return true;
        });
    return names;
  }
}

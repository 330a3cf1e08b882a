package io.keywarden.services.secrets;

import static io.keywarden.services.secrets.SecretsHarness.assertError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.keywarden.domain.audit.AuditEvent;
import io.keywarden.services.audit.AuditTrail;
import io.keywarden.storage.sqlite.SqliteStorage;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Scheduled deletion and the purge job, over SQLite: the window as AWS keeps it, the errors for a
 * secret marked for deletion, the job that removes what is due (safe on several nodes at once), and
 * the AwsServiceEvents that record each step.
 */
class SecretPurgeTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String MARKED =
      "You can't perform this operation on the secret because it was marked for deletion.";

  @TempDir Path dir;
  private final CapturedAuditLog log = new CapturedAuditLog();
  private SecretsHarness h;

  @BeforeEach
  void open() {
    h = new SecretsHarness(SqliteStorage.open(dir), AuditTrail.over(log, java.time.Clock.systemUTC()));
  }

  @AfterEach
  void close() {
    h.close();
  }

  /** The Secrets Manager service events recorded, as "eventName arn". */
  private List<String> serviceEvents() {
    List<String> out = new ArrayList<>();
    for (AuditEvent e : log.events()) {
      try {
        JsonNode r = JSON.readTree(e.json());
        if ("AwsServiceEvent".equals(r.path("eventType").asText())) {
          assertEquals("secretsmanager.amazonaws.com", r.get("eventSource").asText());
          assertEquals("AWS::SecretsManager::Secret", r.at("/resources/0/type").asText());
          out.add(r.get("eventName").asText() + " " + r.at("/resources/0/ARN").asText());
        }
      } catch (java.io.IOException x) {
        throw new AssertionError(x);
      }
    }
    return out;
  }

  private String create(String name) {
    return h.call("CreateSecret", "{\"Name\":\"" + name + "\",\"SecretString\":\"v\"}").get("ARN").asText();
  }

  @Test
  void defaultWindow_is30Days_andLimitsAre7To30() {
    create("db");
    assertError("InvalidParameterException",
        "The RecoveryWindowInDays value must be between 7 and 30 days (inclusive).",
        h.error("DeleteSecret", "{\"SecretId\":\"db\",\"RecoveryWindowInDays\":31}"));
    assertError("InvalidParameterException",
        "You can't use ForceDeleteWithoutRecovery in conjunction with RecoveryWindowInDays.",
        h.error("DeleteSecret",
            "{\"SecretId\":\"db\",\"RecoveryWindowInDays\":30,\"ForceDeleteWithoutRecovery\":true}"));
    double deletion = h.call("DeleteSecret", "{\"SecretId\":\"db\"}").get("DeletionDate").asDouble();
    assertEquals(h.clock.instant().plus(Duration.ofDays(30)).getEpochSecond(), deletion, 0.001);
    assertError("InvalidRequestException", MARKED, h.error("DeleteSecret", "{\"SecretId\":\"db\"}"));
  }

  @Test
  void aSecretMarkedForDeletion_refusesUseButIsDescribedAndRestorable() {
    create("db");
    h.call("DeleteSecret", "{\"SecretId\":\"db\",\"RecoveryWindowInDays\":7}");
    for (String[] op : List.of(
        new String[] {"GetSecretValue", "{\"SecretId\":\"db\"}"},
        new String[] {"PutSecretValue", "{\"SecretId\":\"db\",\"SecretString\":\"x\"}"},
        new String[] {"UpdateSecret", "{\"SecretId\":\"db\",\"Description\":\"x\"}"},
        new String[] {"TagResource", "{\"SecretId\":\"db\",\"Tags\":[{\"Key\":\"a\",\"Value\":\"b\"}]}"},
        new String[] {"UntagResource", "{\"SecretId\":\"db\",\"TagKeys\":[\"a\"]}"},
        new String[] {"UpdateSecretVersionStage",
            "{\"SecretId\":\"db\",\"VersionStage\":\"c\",\"RemoveFromVersionId\":\"x\"}"})) {
      assertError("InvalidRequestException", MARKED, h.error(op[0], op[1]));
    }
    assertTrue(h.call("DescribeSecret", "{\"SecretId\":\"db\"}").has("DeletedDate"));
    assertEquals(1, h.call("ListSecretVersionIds", "{\"SecretId\":\"db\"}").get("Versions").size());
    h.call("RestoreSecret", "{\"SecretId\":\"db\"}");
    assertEquals("v", h.call("GetSecretValue", "{\"SecretId\":\"db\"}").get("SecretString").asText());
    // Restoring a secret not marked for deletion changes nothing and is not an error.
    h.call("RestoreSecret", "{\"SecretId\":\"db\"}");
  }

  @Test
  void purgeJob_removesWhatIsDue_inEveryRegion_andRecordsEachStep() {
    String db = create("db");
    String keep = create("keep");
    String west = h.callIn("eu-west-1", "CreateSecret", "{\"Name\":\"w\",\"SecretString\":\"v\"}")
        .get("ARN").asText();
    h.call("DeleteSecret", "{\"SecretId\":\"db\",\"RecoveryWindowInDays\":7}");
    h.call("DeleteSecret", "{\"SecretId\":\"keep\",\"RecoveryWindowInDays\":30}");
    h.callIn("eu-west-1", "DeleteSecret", "{\"SecretId\":\"w\",\"RecoveryWindowInDays\":7}");
    SecretsBackgroundJobs jobs = h.secrets.backgroundJobs();

    assertEquals(0, jobs.runDue());
    h.clock.advance(Duration.ofDays(7).minusSeconds(1));
    assertEquals(0, jobs.runDue());
    h.clock.advance(Duration.ofSeconds(1));
    assertEquals(2, jobs.runDue());
    assertEquals(0, jobs.runDue());

    assertFalse(h.storage.secrets().find(db).isPresent());
    assertFalse(h.storage.secrets().find(west).isPresent());
    assertTrue(h.storage.secrets().find(keep).isPresent());
    h.call("RestoreSecret", "{\"SecretId\":\"keep\"}");
    assertEquals(sorted(List.of("StartSecretVersionDelete " + db, "StartSecretVersionDelete " + keep,
        "StartSecretVersionDelete " + west, "EndSecretVersionDelete " + db,
        "EndSecretVersionDelete " + west, "CancelSecretVersionDelete " + keep)), sorted(serviceEvents()));
    // The name is free again.
    create("db");
  }

  @Test
  void forceDelete_removesAtOnce_andIsRecorded() {
    String arn = create("db");
    h.call("DeleteSecret", "{\"SecretId\":\"db\",\"ForceDeleteWithoutRecovery\":true}");
    assertFalse(h.storage.secrets().find(arn).isPresent());
    assertEquals(List.of("EndSecretVersionDelete " + arn), serviceEvents());
  }

  @Test
  void twoNodesPurging_removeAndRecordOnce() {
    String arn = create("db");
    h.call("DeleteSecret", "{\"SecretId\":\"db\",\"RecoveryWindowInDays\":7}");
    h.clock.advance(Duration.ofDays(8));
    // A second service over the same database: another node.
    SecretsManagerService other = new SecretsManagerService(h.storage, h.kms, h.clock,
        io.keywarden.services.identity.IdentityPolicies.ROOTS_ONLY,
        AuditTrail.over(log, java.time.Clock.systemUTC()));
    int removed = h.secrets.backgroundJobs().runDue() + other.backgroundJobs().runDue();
    assertEquals(1, removed);
    assertFalse(h.storage.secrets().find(arn).isPresent());
    assertEquals(1, serviceEvents().stream().filter(e -> e.startsWith("EndSecretVersionDelete")).count());
  }

  @Test
  void aSecretWhoseWindowEnded_isNotFound_evenBeforeTheJobRuns() {
    String arn = create("db");
    h.call("DeleteSecret", "{\"SecretId\":\"db\",\"RecoveryWindowInDays\":7}");
    h.clock.advance(Duration.ofDays(7));
    assertError("ResourceNotFoundException", null, h.error("RestoreSecret", "{\"SecretId\":\"db\"}"));
    assertFalse(h.storage.secrets().find(arn).isPresent());
    assertEquals(0, h.secrets.backgroundJobs().runDue());
    assertEquals(1, serviceEvents().stream().filter(e -> e.startsWith("EndSecretVersionDelete")).count());
  }

  private static List<String> sorted(List<String> in) {
    List<String> out = new ArrayList<>(in);
    out.sort(null);
    return out;
  }
}

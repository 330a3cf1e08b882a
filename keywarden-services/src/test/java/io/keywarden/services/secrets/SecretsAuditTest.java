package io.keywarden.services.secrets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.keywarden.domain.audit.AuditEvent;
import io.keywarden.domain.audit.AuditLog;
import io.keywarden.domain.identity.Principal;
import io.keywarden.services.api.CallContext;
import io.keywarden.services.audit.AuditTrail;
import io.keywarden.services.identity.IdentityPolicies;
import io.keywarden.services.kms.KmsService;
import io.keywarden.storage.memory.MemoryStorage;
import io.keywarden.trust.ephemeral.EphemeralRootOfTrust;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/**
 * The KMS calls Secrets Manager makes on the caller's behalf are audited as KMS events of their own,
 * invoked by secretsmanager.amazonaws.com, and no record holds the secret value or the data key.
 */
class SecretsAuditTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void innerKmsCalls_areRecordedAsInvokedBySecretsManager_withoutSecrets() throws Exception {
    List<AuditEvent> events = new ArrayList<>();
    AuditLog log = new AuditLog() {
      @Override
      public synchronized CompletableFuture<Void> append(AuditEvent event) {
        events.add(event);
        return CompletableFuture.completedFuture(null);
      }

      @Override
      public void scanNewestFirst(Instant from, Instant to, Predicate<AuditEvent> visitor) {}

      @Override
      public void close() {}
    };
    Clock clock = Clock.systemUTC();
    MemoryStorage storage = new MemoryStorage();
    AuditTrail trail = AuditTrail.over(log, clock);
    KmsService kms = new KmsService(storage, new EphemeralRootOfTrust(), clock,
        IdentityPolicies.ROOTS_ONLY, null, trail);
    SecretsManagerService sm =
        new SecretsManagerService(storage, kms, clock, IdentityPolicies.ROOTS_ONLY, trail);
    CallContext ctx = new CallContext(Principal.root("111122223333", "AKIAROOT"), "us-east-1",
        UUID.randomUUID().toString(), "192.0.2.1", "test", true, clock.instant());

    sm.operations().get("CreateSecret").operation().invoke(ctx,
        (com.fasterxml.jackson.databind.node.ObjectNode) JSON.readTree(
            "{\"Name\":\"db\",\"SecretString\":\"never-in-a-record\"}"));
    sm.operations().get("GetSecretValue").operation().invoke(ctx,
        (com.fasterxml.jackson.databind.node.ObjectNode) JSON.readTree("{\"SecretId\":\"db\"}"));

    List<String> names = new ArrayList<>();
    for (AuditEvent e : events) {
      assertFalse(e.json().contains("never-in-a-record"), e.json());
      JsonNode r = JSON.readTree(e.json());
      names.add(r.get("eventName").asText());
      assertEquals("kms.amazonaws.com", r.get("eventSource").asText());
      assertEquals("secretsmanager.amazonaws.com", r.get("sourceIPAddress").asText());
      assertEquals("secretsmanager.amazonaws.com", r.at("/userIdentity/invokedBy").asText());
      JsonNode context = r.at("/requestParameters/encryptionContext");
      assertTrue(context.get("SecretARN").asText().contains(":secret:db-"), e.json());
      assertTrue(r.get("responseElements") == null || r.get("responseElements").isNull(), e.json());
    }
    assertEquals(List.of("GenerateDataKey", "Decrypt"), names);
  }
}

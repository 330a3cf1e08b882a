package io.keywarden.services.secrets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.fasterxml.jackson.databind.JsonNode;
import io.keywarden.domain.audit.AuditEvent;
import io.keywarden.domain.identity.Principal;
import io.keywarden.services.api.ApiException;
import io.keywarden.services.api.CallContext;
import io.keywarden.services.audit.AuditTrail;
import io.keywarden.storage.memory.MemoryStorage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Reads served with a cached data key (ADR 14): KMS still authorises every read for its caller, a
 * disabled key fails the next read, and the audit log holds the KMS calls that really happened.
 */
class SecretsReadCacheTest {
  private static final String READER_POLICY = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":"
      + "\"Allow\",\"Action\":[\"secretsmanager:GetSecretValue\",\"kms:Decrypt\"],\"Resource\":\"*\"}]}";
  private static final String NO_KMS_POLICY = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":"
      + "\"Allow\",\"Action\":\"secretsmanager:GetSecretValue\",\"Resource\":\"*\"}]}";

  private final CapturedAuditLog log = new CapturedAuditLog();
  private SecretsHarness h;
  private String key;

  @BeforeEach
  void open() {
    h = new SecretsHarness(new MemoryStorage(), AuditTrail.over(log, Clock.systemUTC()));
    key = h.kms("CreateKey", "{}").get("KeyMetadata").get("Arn").asText();
    h.call("CreateSecret", "{\"Name\":\"db\",\"SecretString\":\"v1\",\"KmsKeyId\":\"" + key + "\"}");
  }

  @AfterEach
  void close() {
    h.close();
  }

  private String read(Principal p) {
    return h.call(p, "GetSecretValue", "{\"SecretId\":\"db\"}").get("SecretString").asText();
  }

  /** The KMS Decrypt events recorded so far. */
  private List<JsonNode> decryptEvents() {
    List<JsonNode> out = new ArrayList<>();
    for (AuditEvent e : log.events()) {
      try {
        JsonNode r = SecretsHarness.JSON.readTree(e.json());
        if ("Decrypt".equals(r.get("eventName").asText())) {
          out.add(r);
        }
      } catch (IOException x) {
        throw new UncheckedIOException(x);
      }
    }
    return out;
  }

  @Test
  void secondRead_usesTheCachedKey_recordsNoKmsCall_andNamesTheDecryptItCameFrom() {
    CallContext first = h.context(SecretsHarness.root());
    assertEquals("v1", h.call(first, "GetSecretValue", "{\"SecretId\":\"db\"}").get("SecretString").asText());
    assertNull(first.audit().additionalEventData().get(SecretEnvelope.CACHED_FROM));
    assertEquals(1, decryptEvents().size());
    String unwrappedBy = decryptEvents().get(0).get("requestID").asText();

    CallContext second = h.context(SecretsHarness.root());
    assertEquals("v1", h.call(second, "GetSecretValue", "{\"SecretId\":\"db\"}").get("SecretString").asText());
    assertEquals(1, decryptEvents().size(), "no KMS call, so no KMS event");
    assertEquals(unwrappedBy, second.audit().additionalEventData().get(SecretEnvelope.CACHED_FROM));
  }

  @Test
  void cachedKey_stillNeedsKmsDecryptForEachCaller() {
    assertEquals("v1", read(SecretsHarness.root()));
    Principal reader = h.user("reader", READER_POLICY);
    assertEquals("v1", read(reader));

    h.user("reader", NO_KMS_POLICY); // the same user loses kms:Decrypt; the key does not change
    ApiException denied = h.error(reader, "GetSecretValue", "{\"SecretId\":\"db\"}");
    assertEquals("AccessDeniedException", denied.code());
    assertEquals("Access to KMS is not allowed", denied.getMessage());
    // The refusal is the real KMS call's, recorded as without a cache.
    List<JsonNode> decrypts = decryptEvents();
    JsonNode last = decrypts.get(decrypts.size() - 1);
    assertEquals("AccessDeniedException", last.get("errorCode").asText());
    assertEquals(reader.arn(), last.at("/userIdentity/arn").asText());

    Principal stranger = h.user("stranger", NO_KMS_POLICY);
    assertEquals("AccessDeniedException", h.error(stranger, "GetSecretValue", "{\"SecretId\":\"db\"}").code());
  }

  @Test
  void disabledKey_failsTheNextRead_andEnablingItReadsAgain() {
    assertEquals("v1", read(SecretsHarness.root()));
    assertEquals("v1", read(SecretsHarness.root()));

    h.kms("DisableKey", "{\"KeyId\":\"" + key + "\"}");
    assertEquals("DecryptionFailure", h.error("GetSecretValue", "{\"SecretId\":\"db\"}").code());
    JsonNode last = decryptEvents().get(decryptEvents().size() - 1);
    assertEquals("DisabledException", last.get("errorCode").asText());

    h.kms("EnableKey", "{\"KeyId\":\"" + key + "\"}");
    assertEquals("v1", read(SecretsHarness.root()));
  }

  @Test
  void newValue_isReadAtOnce() {
    assertEquals("v1", read(SecretsHarness.root()));
    h.call("PutSecretValue", "{\"SecretId\":\"db\",\"SecretString\":\"v2\"}");
    assertEquals("v2", read(SecretsHarness.root()));
    h.call("UpdateSecret", "{\"SecretId\":\"db\",\"SecretString\":\"v3\"}");
    assertEquals("v3", read(SecretsHarness.root()));
    h.call("DeleteSecret", "{\"SecretId\":\"db\",\"ForceDeleteWithoutRecovery\":true}");
    assertEquals("ResourceNotFoundException", h.error("GetSecretValue", "{\"SecretId\":\"db\"}").code());
    assertFalse(decryptEvents().isEmpty());
  }
}

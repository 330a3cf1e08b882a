package io.keywarden.services.audit;

import static io.keywarden.services.audit.AuditedKms.ACCOUNT;
import static io.keywarden.services.audit.AuditedKms.arn;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.keywarden.domain.audit.AuditEvent;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * KMS's own work is recorded as AWS records it: {@code DeleteKey} at the end of a deletion window and
 * {@code RotateKey} for automatic rotation, as {@code AwsServiceEvent}s invoked by "AWS Internal"
 * (AWS KMS Developer Guide, ct-delete-key and ct-rotatekey).
 */
class ServiceEventRecordsTest {
  private final AuditedKms h = new AuditedKms();

  private List<JsonNode> serviceEvents() {
    return h.log.events().stream()
        .map(AuditEvent::json)
        .map(AuditedKms::tree)
        .filter(r -> r.get("eventType").asText().equals("AwsServiceEvent"))
        .toList();
  }

  @Test
  void deletionAtTheEndOfTheWindow_isADeleteKeyServiceEvent() {
    String key = h.createKey("{}");
    h.call("ScheduleKeyDeletion", "{\"KeyId\":\"" + key + "\",\"PendingWindowInDays\":7}");
    h.clock.advance(Duration.ofDays(8));
    assertEquals(1, h.kms.backgroundJobs().runDue());
    List<JsonNode> events = serviceEvents();
    assertEquals(1, events.size());
    JsonNode r = events.get(0);
    assertEquals(AuditedKms.tree("{\"accountId\":\"" + ACCOUNT + "\",\"invokedBy\":\"AWS Internal\"}"),
        r.get("userIdentity"));
    assertEquals("kms.amazonaws.com", r.get("eventSource").asText());
    assertEquals("DeleteKey", r.get("eventName").asText());
    assertEquals("us-east-1", r.get("awsRegion").asText());
    assertEquals("AWS Internal", r.get("sourceIPAddress").asText());
    assertTrue(r.get("requestParameters").isNull());
    assertEquals(arn(key), r.at("/responseElements/keyId").asText());
    assertEquals(arn(key), r.at("/resources/0/ARN").asText());
    assertFalse(r.get("readOnly").asBoolean());
    assertEquals(ACCOUNT, r.get("recipientAccountId").asText());
    assertEquals("2026-03-09T12:00:00Z", r.get("eventTime").asText());
    assertFalse(r.has("requestID"));
  }

  @Test
  void automaticRotation_isARotateKeyServiceEvent() {
    String key = h.createKey("{}");
    String before = h.call("DescribeKey", "{\"KeyId\":\"" + key + "\"}").output()
        .at("/KeyMetadata/CurrentKeyMaterialId").asText();
    h.call("EnableKeyRotation", "{\"KeyId\":\"" + key + "\",\"RotationPeriodInDays\":90}");
    h.clock.advance(Duration.ofDays(91));
    assertEquals(1, h.kms.backgroundJobs().runDue());
    List<JsonNode> events = serviceEvents();
    assertEquals(1, events.size());
    JsonNode r = events.get(0);
    assertEquals("RotateKey", r.get("eventName").asText());
    assertTrue(r.get("responseElements").isNull());
    JsonNode details = r.get("serviceEventDetails");
    assertEquals(key, details.get("keyId").asText());
    assertEquals("AUTOMATIC", details.get("rotationType").asText());
    assertEquals("AWS_KMS", details.get("keyOrigin").asText());
    assertEquals(before, details.get("previousKeyMaterialId").asText());
    assertNotEquals(before, details.get("currentKeyMaterialId").asText());
  }
}

package io.keywarden.services.cloudtrail;

import static io.keywarden.services.cloudtrail.AuditedServices.ACCOUNT;
import static io.keywarden.services.cloudtrail.AuditedServices.OTHER_ACCOUNT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.keywarden.services.audit.KeyUsageIndex;
import io.keywarden.services.api.KeyLastUsage;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * KMS GetKeyLastUsage answered from the audit trail: the last successful cryptographic operation with
 * the key, its time, the CloudTrail event id of the key owner's record and the request id; failures
 * and non-cryptographic operations do not count; ReEncrypt counts for both keys; and the index rebuilt
 * from the log answers the same.
 */
class KeyLastUsageTest {
  private final AuditedServices s = new AuditedServices();

  private ObjectNode lastUsage(String keyArn) {
    return s.kms("GetKeyLastUsage", "{\"KeyId\":\"" + keyArn + "\"}").ok();
  }

  /** The eventID of the record of request {@code requestId} delivered to {@code account}. */
  private String eventId(String requestId, String account) {
    for (JsonNode r : s.records()) {
      if (r.get("requestID").asText().equals(requestId) && r.get("recipientAccountId").asText().equals(account)) {
        return r.get("eventID").asText();
      }
    }
    throw new AssertionError("no record of " + requestId + " for " + account);
  }

  @Test
  void aNewKey_hasNoUse_andTracksFromItsCreation() {
    s.clock.advance(Duration.ofMinutes(5));
    String key = s.createKey(s.root);
    ObjectNode out = lastUsage(key);
    assertEquals(key.substring(key.indexOf("key/") + 4), out.get("KeyId").asText());
    assertTrue(out.get("KeyLastUsage").isObject());
    assertEquals(0, out.get("KeyLastUsage").size());
    long created = s.clock.instant().toEpochMilli();
    assertEquals(created, out.get("KeyCreationDate").decimalValue().movePointRight(3).longValue());
    assertEquals(created, out.get("TrackingStartDate").decimalValue().movePointRight(3).longValue());
  }

  @Test
  void theLastSuccessfulCryptographicOperation_isReported() {
    String key = s.createKey(s.root);
    s.clock.advance(Duration.ofSeconds(10));
    String encrypt = s.kms("Encrypt", "{\"KeyId\":\"" + key + "\",\"Plaintext\":\"aGVsbG8=\"}").requestId();
    String ciphertext = s.kms("Encrypt", "{\"KeyId\":\"" + key + "\",\"Plaintext\":\"aGVsbG8=\"}").ok()
        .get("CiphertextBlob").asText();
    Instant encryptedAt = s.clock.instant();
    s.clock.advance(Duration.ofSeconds(10));
    s.kms("DescribeKey", "{\"KeyId\":\"" + key + "\"}").ok();
    s.kms("Encrypt", "{\"KeyId\":\"" + key + "\",\"Plaintext\":\"aGVsbG8=\",\"DryRun\":true}");
    s.kms("Decrypt", "{\"KeyId\":\"" + key + "\",\"CiphertextBlob\":\"AAAAAAAAAAAAAAAAAAAAAAAAAAAA\"}");
    ObjectNode out = lastUsage(key);
    JsonNode use = out.get("KeyLastUsage");
    assertEquals("Encrypt", use.get("Operation").asText());
    assertEquals(encryptedAt.toEpochMilli(), use.get("Timestamp").decimalValue().movePointRight(3).longValue());
    assertFalse(use.get("KmsRequestId").asText().equals(encrypt)); // the second Encrypt, not the first
    assertEquals(eventId(use.get("KmsRequestId").asText(), ACCOUNT), use.get("CloudTrailEventId").asText());

    s.clock.advance(Duration.ofSeconds(10));
    String decrypt = s.kms("Decrypt", "{\"CiphertextBlob\":\"" + ciphertext + "\"}").requestId();
    use = lastUsage(key).get("KeyLastUsage");
    assertEquals("Decrypt", use.get("Operation").asText());
    assertEquals(decrypt, use.get("KmsRequestId").asText());
    assertEquals(eventId(decrypt, ACCOUNT), use.get("CloudTrailEventId").asText());
  }

  @Test
  void reEncrypt_countsForBothKeys() {
    String source = s.createKey(s.root);
    String destination = s.createKey(s.root);
    String ciphertext = s.kms("Encrypt", "{\"KeyId\":\"" + source + "\",\"Plaintext\":\"aGVsbG8=\"}").ok()
        .get("CiphertextBlob").asText();
    s.clock.advance(Duration.ofSeconds(1));
    String reEncrypt = s.kms("ReEncrypt", "{\"CiphertextBlob\":\"" + ciphertext + "\",\"DestinationKeyId\":\""
        + destination + "\"}").requestId();
    for (String key : List.of(source, destination)) {
      JsonNode use = lastUsage(key).get("KeyLastUsage");
      assertEquals("ReEncrypt", use.get("Operation").asText());
      assertEquals(reEncrypt, use.get("KmsRequestId").asText());
    }
  }

  @Test
  void crossAccountUse_namesTheOwnersRecord() {
    String theirs = s.createKey(s.otherRoot);
    s.kms(s.otherRoot, "PutKeyPolicy", "{\"KeyId\":\"" + theirs + "\",\"PolicyName\":\"default\",\"Policy\":"
        + "\"{\\\"Version\\\":\\\"2012-10-17\\\",\\\"Statement\\\":[{\\\"Effect\\\":\\\"Allow\\\",\\\"Principal\\\":"
        + "{\\\"AWS\\\":[\\\"arn:aws:iam::" + OTHER_ACCOUNT + ":root\\\",\\\"arn:aws:iam::" + ACCOUNT
        + ":root\\\"]},\\\"Action\\\":\\\"kms:*\\\",\\\"Resource\\\":\\\"*\\\"}]}\"}").ok();
    String encrypt = s.kms("Encrypt", "{\"KeyId\":\"" + theirs + "\",\"Plaintext\":\"aGVsbG8=\"}").requestId();
    JsonNode use = s.kms(s.otherRoot, "GetKeyLastUsage", "{\"KeyId\":\"" + theirs + "\"}").ok().get("KeyLastUsage");
    assertEquals(eventId(encrypt, OTHER_ACCOUNT), use.get("CloudTrailEventId").asText());
    assertFalse(use.get("CloudTrailEventId").asText().equals(eventId(encrypt, ACCOUNT)));
  }

  @Test
  void aliasesAndUnknownKeys_areRefused() {
    String key = s.createKey(s.root);
    s.kms("CreateAlias", "{\"AliasName\":\"alias/app\",\"TargetKeyId\":\"" + key + "\"}").ok();
    assertEquals("NotFoundException",
        s.kms("GetKeyLastUsage", "{\"KeyId\":\"alias/app\"}").error().code());
    assertEquals("NotFoundException",
        s.kms("GetKeyLastUsage", "{\"KeyId\":\"1234abcd-12ab-34cd-56ef-1234567890ab\"}").error().code());
  }

  @Test
  void rebuiltFromTheLog_answersTheSame_andTracksFromTheOldestRecord() {
    Instant start = s.clock.instant();
    String key = s.createKey(s.root);
    s.clock.advance(Duration.ofSeconds(5));
    String sign = s.kms("Encrypt", "{\"KeyId\":\"" + key + "\",\"Plaintext\":\"aGVsbG8=\"}").requestId();
    s.clock.advance(Duration.ofSeconds(5));
    s.kms("Encrypt", "{\"KeyId\":\"" + key + "\",\"DryRun\":true,\"Plaintext\":\"aGVsbG8=\"}");
    s.clock.advance(Duration.ofDays(1));

    KeyUsageIndex rebuilt = new KeyUsageIndex(s.clock.instant());
    assertEquals(s.clock.instant(), rebuilt.trackingStart().orElseThrow());
    rebuilt.rebuild(s.log, s.clock.instant().minus(Duration.ofDays(90)), s.clock.instant().plusSeconds(1));
    KeyLastUsage.KeyUse live = s.usage.lastUse(key).orElseThrow();
    assertEquals(live, rebuilt.lastUse(key).orElseThrow());
    assertEquals(sign, live.requestId());
    assertEquals(start, rebuilt.trackingStart().orElseThrow());
  }
}

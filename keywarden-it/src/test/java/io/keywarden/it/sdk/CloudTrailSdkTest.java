package io.keywarden.it.sdk;

import static io.keywarden.it.sdk.SdkAssertions.utf8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.keywarden.domain.storage.Storage;
import io.keywarden.it.TestServer;
import io.keywarden.server.Installation;
import io.keywarden.server.ServerOptions;
import io.keywarden.services.identity.IssuedAccessKey;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.model.DecryptResponse;
import software.amazon.awssdk.services.kms.model.EncryptResponse;
import software.amazon.awssdk.services.kms.model.GetKeyLastUsageResponse;
import software.amazon.awssdk.services.kms.model.KeyLastUsageTrackingOperation;

/**
 * CloudTrail LookupEvents and KMS GetKeyLastUsage on a running server, driven by the AWS SDK v2 (KMS
 * client; CloudTrail calls signed by the SDK's signer): every KMS call is found under the request id
 * its response carried; pages cover everything once; GetKeyLastUsage names the last successful
 * cryptographic call and its CloudTrail event, and still does after a restart (rebuilt from the log).
 */
class CloudTrailSdkTest {
  private static final String PASSPHRASE = "a passphrase for the audit trail test";

  @TempDir Path dataDir;

  @Test
  void everyKmsCall_isFoundByLookupEvents_underItsRequestId() {
    try (TestServer server = TestServer.dev(); KmsClient kms = server.kms()) {
      SignedCloudTrail cloudTrail =
          new SignedCloudTrail(server.endpoint(), "AKIADEVTEST", "dev-secret", "us-east-1");
      String keyId = kms.createKey(r -> {}).keyMetadata().keyId();
      Set<String> requestIds = new HashSet<>();
      for (int i = 0; i < 7; i++) {
        EncryptResponse e = kms.encrypt(r -> r.keyId(keyId).plaintext(utf8("page me")));
        requestIds.add(e.responseMetadata().requestId());
      }
      Set<String> found = new HashSet<>();
      String token = null;
      int pages = 0;
      do {
        String body = "{\"LookupAttributes\":[{\"AttributeKey\":\"EventName\",\"AttributeValue\":\"Encrypt\"}],"
            + "\"MaxResults\":3" + (token == null ? "" : ",\"NextToken\":\"" + token + "\"") + "}";
        JsonNode page = cloudTrail.lookupEvents(body);
        for (JsonNode event : page.get("Events")) {
          JsonNode record = SignedCloudTrail.parse(event.get("CloudTrailEvent").asText());
          assertEquals(event.get("EventId").asText(), record.get("eventID").asText());
          assertTrue(found.add(record.get("requestID").asText()), "seen twice: " + record);
          assertFalse(event.get("CloudTrailEvent").asText().contains(
              java.util.Base64.getEncoder().encodeToString("page me".getBytes(java.nio.charset.StandardCharsets.UTF_8))));
        }
        token = page.path("NextToken").asText(null);
        pages++;
      } while (token != null);
      assertEquals(requestIds, found);
      assertEquals(3, pages);

      SignedCloudTrail.Reply bad = cloudTrail.call("LookupEvents", "{\"MaxResults\":100}");
      assertEquals(400, bad.status());
      assertEquals("InvalidMaxResultsException", bad.errorCode());
      assertNotNull(bad.requestId());
    }
  }

  @Test
  void getKeyLastUsage_namesTheLastCall_andSurvivesARestart() throws Exception {
    String accessKeyId;
    String secret;
    try (Storage storage = Installation.openStorage(dataDir)) {
      IssuedAccessKey issued = Installation.initialize(storage, PASSPHRASE.toCharArray(), "111122223333");
      accessKeyId = issued.accessKeyId();
      secret = new String(issued.secretAccessKey());
      issued.destroy();
    }
    String keyId;
    String decryptRequest;
    GetKeyLastUsageResponse before;
    try (TestServer server = TestServer.start(ServerOptions.production(dataDir, PASSPHRASE.toCharArray()));
        KmsClient kms = server.kms(accessKeyId, secret)) {
      keyId = kms.createKey(r -> {}).keyMetadata().keyId();
      GetKeyLastUsageResponse fresh = kms.getKeyLastUsage(r -> r.keyId(keyId));
      assertEquals(keyId, fresh.keyId());
      assertEquals(null, fresh.keyLastUsage().operation());
      assertFalse(fresh.trackingStartDate().isBefore(fresh.keyCreationDate()));

      SdkBytes blob = kms.encrypt(r -> r.keyId(keyId).plaintext(utf8("last used"))).ciphertextBlob();
      DecryptResponse decrypted = kms.decrypt(r -> r.ciphertextBlob(blob));
      decryptRequest = decrypted.responseMetadata().requestId();
      kms.describeKey(r -> r.keyId(keyId));
      before = kms.getKeyLastUsage(r -> r.keyId(keyId));
      assertEquals(KeyLastUsageTrackingOperation.DECRYPT, before.keyLastUsage().operation());
      assertEquals(decryptRequest, before.keyLastUsage().kmsRequestId());

      SignedCloudTrail cloudTrail = new SignedCloudTrail(server.endpoint(), accessKeyId, secret, "us-east-1");
      JsonNode decrypts = cloudTrail.lookupEvents(
          "{\"LookupAttributes\":[{\"AttributeKey\":\"EventName\",\"AttributeValue\":\"Decrypt\"}]}");
      assertEquals(1, decrypts.get("Events").size());
      assertEquals(decrypts.at("/Events/0/EventId").asText(), before.keyLastUsage().cloudTrailEventId());
    }

    try (TestServer server = TestServer.start(ServerOptions.production(dataDir, PASSPHRASE.toCharArray()));
        KmsClient kms = server.kms(accessKeyId, secret)) {
      // The index reads the log's past on a thread of its own, just after start-up.
      Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
      GetKeyLastUsageResponse after = kms.getKeyLastUsage(r -> r.keyId(keyId));
      while (after.keyLastUsage().operation() == null && Instant.now().isBefore(deadline)) {
        Thread.sleep(100);
        after = kms.getKeyLastUsage(r -> r.keyId(keyId));
      }
      assertEquals(before.keyLastUsage(), after.keyLastUsage());
      assertEquals(before.keyCreationDate(), after.trackingStartDate());
    }
  }
}

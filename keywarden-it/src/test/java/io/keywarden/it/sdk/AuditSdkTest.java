package io.keywarden.it.sdk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.keywarden.audit.signing.AuditPublicKeys;
import io.keywarden.audit.verify.AuditVerifier;
import io.keywarden.audit.verify.VerificationReport;
import io.keywarden.domain.audit.AuditEvent;
import io.keywarden.domain.audit.AuditLog;
import io.keywarden.it.TestServer;
import io.keywarden.server.ServerOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.model.DecryptResponse;
import software.amazon.awssdk.services.kms.model.EncryptResponse;
import software.amazon.awssdk.services.kms.model.GenerateDataKeyResponse;
import software.amazon.awssdk.services.kms.model.NotFoundException;

/**
 * Every call the SDK makes is in the server's audit log before its answer arrives, under the
 * response's request id, as a CloudTrail record without the plaintext, ciphertext or data key; the
 * server's background deletions are there too; and the log a server leaves behind verifies.
 */
class AuditSdkTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private static List<JsonNode> records(TestServer server) {
    AuditLog log = server.keywarden().auditLog().orElseThrow();
    List<JsonNode> all = new ArrayList<>();
    log.scanNewestFirst(Instant.EPOCH, Instant.now().plus(Duration.ofDays(400)), event -> {
      all.add(parse(event));
      return true;
    });
    return all;
  }

  private static JsonNode parse(AuditEvent event) {
    try {
      return JSON.readTree(event.json());
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  /** The one record of a request: it is durable before the SDK has the answer, so no waiting. */
  private static JsonNode record(TestServer server, String requestId) {
    List<JsonNode> found = records(server).stream()
        .filter(r -> requestId.equals(r.path("requestID").asText()))
        .toList();
    assertEquals(1, found.size(), "records of " + requestId);
    return found.get(0);
  }

  private static String b64(SdkBytes bytes) {
    return Base64.getEncoder().encodeToString(bytes.asByteArray());
  }

  @Test
  void dataPlaneCalls_areRecordedWithoutSecrets() {
    try (TestServer server = TestServer.dev(); KmsClient kms = server.kms()) {
      String keyId = kms.createKey(r -> r.description("audited")).keyMetadata().keyId();
      SdkBytes plaintext = SdkBytes.fromUtf8String("the launch codes are 0000");
      EncryptResponse encrypted = kms.encrypt(r -> r.keyId(keyId).plaintext(plaintext)
          .encryptionContext(Map.of("tenant", "blue")));
      DecryptResponse decrypted = kms.decrypt(r -> r.ciphertextBlob(encrypted.ciphertextBlob())
          .encryptionContext(Map.of("tenant", "blue")));
      GenerateDataKeyResponse dataKey = kms.generateDataKey(r -> r.keyId(keyId).keySpec("AES_256"));

      JsonNode encrypt = record(server, encrypted.responseMetadata().requestId());
      assertEquals("Encrypt", encrypt.get("eventName").asText());
      assertEquals("kms.amazonaws.com", encrypt.get("eventSource").asText());
      assertEquals(TestServer.DEV_ACCOUNT, encrypt.at("/userIdentity/accountId").asText());
      assertEquals("AKIADEVTEST", encrypt.at("/userIdentity/accessKeyId").asText());
      assertEquals("blue", encrypt.at("/requestParameters/encryptionContext/tenant").asText());
      assertEquals(encrypted.keyId(), encrypt.at("/resources/0/ARN").asText());
      JsonNode decrypt = record(server, decrypted.responseMetadata().requestId());
      assertEquals("SYMMETRIC_DEFAULT", decrypt.at("/requestParameters/encryptionAlgorithm").asText());
      JsonNode generate = record(server, dataKey.responseMetadata().requestId());
      assertEquals("AES_256", generate.at("/requestParameters/keySpec").asText());

      String log = records(server).toString();
      for (String secret : List.of(b64(plaintext), "the launch codes", b64(encrypted.ciphertextBlob()),
          b64(dataKey.plaintext()), b64(dataKey.ciphertextBlob()))) {
        assertFalse(log.contains(secret), secret);
      }
    }
  }

  @Test
  void failures_areRecordedToo() {
    try (TestServer server = TestServer.dev(); KmsClient kms = server.kms()) {
      NotFoundException e = assertThrows(NotFoundException.class,
          () -> kms.describeKey(r -> r.keyId("11111111-2222-3333-4444-555555555555")));
      JsonNode r = record(server, e.requestId());
      assertEquals("NotFoundException", r.get("errorCode").asText());
      assertEquals("DescribeKey", r.get("eventName").asText());
    }
  }

  @Test
  void deletionAtTheEndOfTheWindow_isRecordedAsAServiceEvent() {
    try (TestServer server = TestServer.dev(); KmsClient kms = server.kms()) {
      String keyId = kms.createKey(r -> r.description("doomed")).keyMetadata().keyId();
      kms.scheduleKeyDeletion(r -> r.keyId(keyId).pendingWindowInDays(7));
      server.advance(Duration.ofDays(8));
      assertEquals(1, server.keywarden().runJobs());
      JsonNode deleted = records(server).stream()
          .filter(r -> r.path("eventName").asText().equals("DeleteKey"))
          .findFirst().orElseThrow();
      assertEquals("AwsServiceEvent", deleted.get("eventType").asText());
      assertTrue(deleted.at("/resources/0/ARN").asText().endsWith(keyId));
    }
  }

  @Test
  void theLogAServerLeaves_verifies(@TempDir Path dataDir) throws IOException {
    Path auditDir;
    try (TestServer server = TestServer.start(ServerOptions.devOnDisk(dataDir)); KmsClient kms = server.kms()) {
      String keyId = kms.createKey(r -> r.description("kept")).keyMetadata().keyId();
      kms.encrypt(r -> r.keyId(keyId).plaintext(SdkBytes.fromUtf8String("x")));
      auditDir = server.keywarden().auditDirectory().orElseThrow();
      assertEquals(dataDir.resolve("audit"), auditDir);
    }
    VerificationReport report = new AuditVerifier(auditDir,
        AuditPublicKeys.of(AuditPublicKeys.readBeside(auditDir).orElseThrow()), Clock.systemUTC()).verify();
    assertEquals(VerificationReport.EXIT_INTACT, report.exitCode(), report.toString());
  }

  @Test
  void aDevServerInMemory_removesItsTemporaryLog() {
    Path dir;
    try (TestServer server = TestServer.dev()) {
      dir = server.keywarden().auditDirectory().orElseThrow();
      assertTrue(Files.isDirectory(dir));
    }
    assertFalse(Files.exists(dir));
  }
}

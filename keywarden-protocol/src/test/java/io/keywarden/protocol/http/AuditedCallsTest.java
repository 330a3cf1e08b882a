package io.keywarden.protocol.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.keywarden.domain.audit.AuditEvent;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.model.DecryptResponse;
import software.amazon.awssdk.services.kms.model.EncryptResponse;
import software.amazon.awssdk.services.kms.model.KmsException;

/**
 * Every call is recorded before it is answered: successes and every kind of failure, with the
 * response's request id; the answer waits for the record to be durable; a call whose record cannot be
 * made durable is answered with KMS's internal error and none of its result.
 */
class AuditedCallsTest {
  private static RunningServer server;
  private static KmsClient kms;

  @BeforeAll
  static void start() {
    server = new RunningServer(HttpServerConfig.defaults(), false);
    kms = client(TestCredentials.ACCESS_KEY, TestCredentials.SECRET);
  }

  @AfterAll
  static void stop() {
    kms.close();
    server.close();
  }

  @AfterEach
  void healthyLog() {
    server.audit.failing(false);
    server.audit.release();
    server.admin.sealed = false;
  }

  private static KmsClient client(String accessKey, String secret) {
    return KmsClient.builder()
        .endpointOverride(URI.create(server.url()))
        .region(Region.of("eu-central-1"))
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKey, secret)))
        .httpClient(UrlConnectionHttpClient.create())
        .overrideConfiguration(c -> c.retryStrategy(AwsRetryStrategy.doNotRetry()))
        .build();
  }

  private static String b64(String s) {
    return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void encrypt_isRecordedUnderTheResponsesRequestId_withoutPlaintextOrCiphertext() {
    EncryptResponse response = kms.encrypt(r -> r.keyId("k")
        .plaintext(SdkBytes.fromUtf8String("attack at dawn"))
        .encryptionContext(Map.of("purpose", "audit-test")));
    String requestId = response.responseMetadata().requestId();
    JsonNode record = server.audit.only(requestId);
    assertEquals("1.11", record.get("eventVersion").asText());
    assertEquals("Root", record.at("/userIdentity/type").asText());
    assertEquals(TestCredentials.ACCOUNT, record.at("/userIdentity/accountId").asText());
    assertEquals(TestCredentials.ACCESS_KEY, record.at("/userIdentity/accessKeyId").asText());
    assertEquals("kms.amazonaws.com", record.get("eventSource").asText());
    assertEquals("Encrypt", record.get("eventName").asText());
    assertEquals("eu-central-1", record.get("awsRegion").asText());
    assertEquals("127.0.0.1", record.get("sourceIPAddress").asText());
    assertTrue(record.get("userAgent").asText().startsWith("aws-sdk-java/"), record.toString());
    assertEquals("k", record.at("/requestParameters/keyId").asText());
    assertEquals("audit-test", record.at("/requestParameters/encryptionContext/purpose").asText());
    assertTrue(record.get("responseElements").isNull());
    assertTrue(record.get("readOnly").asBoolean());
    assertEquals("AwsApiCall", record.get("eventType").asText());
    assertEquals(TestCredentials.ACCOUNT, record.get("recipientAccountId").asText());
    assertFalse(record.has("tlsDetails"));
    String json = record.toString();
    assertFalse(json.contains(b64("attack at dawn")), json);
    assertFalse(json.contains("attack at dawn"), json);
    assertFalse(json.contains(response.ciphertextBlob().asString(StandardCharsets.ISO_8859_1)), json);
    assertFalse(json.contains(Base64.getEncoder().encodeToString(response.ciphertextBlob().asByteArray())), json);
  }

  @Test
  void decryptOnTheBlockingPath_isRecordedWithoutThePlaintext() {
    // The fake's ListAliases runs on the blocking pool and fails unexpectedly: an internal error.
    KmsException e = assertThrows(KmsException.class, () -> kms.listAliases());
    JsonNode record = server.audit.only(e.requestId());
    assertEquals("KMSInternalException", record.get("errorCode").asText());
    assertEquals(Dispatcher.INTERNAL_MESSAGE, record.get("errorMessage").asText());
    assertFalse(record.toString().contains("hunter2"));
    DecryptResponse decrypted = kms.decrypt(r -> r.ciphertextBlob(SdkBytes.fromUtf8String("terces")));
    JsonNode decrypt = server.audit.only(decrypted.responseMetadata().requestId());
    assertEquals("SYMMETRIC_DEFAULT", decrypt.at("/requestParameters/encryptionAlgorithm").asText());
    assertFalse(decrypt.toString().contains(b64("secret")), decrypt.toString());
    assertFalse(decrypt.toString().contains(b64("terces")), decrypt.toString());
  }

  @Test
  void serviceError_isRecordedWithItsCodeAndMessage() {
    KmsException e = assertThrows(KmsException.class, () -> kms.describeKey(r -> r.keyId("nope")));
    JsonNode record = server.audit.only(e.requestId());
    assertEquals("NotFoundException", record.get("errorCode").asText());
    assertEquals("Key 'nope' does not exist", record.get("errorMessage").asText());
    assertEquals("nope", record.at("/requestParameters/keyId").asText());
  }

  @Test
  void validationError_isRecordedWithTheCaller() {
    KmsException e = assertThrows(KmsException.class, () -> kms.encrypt(r -> r.keyId("")
        .plaintext(SdkBytes.fromUtf8String("x"))));
    JsonNode record = server.audit.only(e.requestId());
    assertEquals("ValidationException", record.get("errorCode").asText());
    assertEquals("Root", record.at("/userIdentity/type").asText());
    assertTrue(record.get("requestParameters").isNull(), record.toString());
  }

  @Test
  void badSignature_isRecordedUnderTheClaimedKeysAccount() {
    try (KmsClient wrong = client(TestCredentials.ACCESS_KEY, "not-the-secret")) {
      KmsException e = assertThrows(KmsException.class, () -> wrong.encrypt(r -> r.keyId("k")
          .plaintext(SdkBytes.fromUtf8String("attack at dawn"))));
      assertEquals("InvalidSignatureException", e.awsErrorDetails().errorCode());
      JsonNode record = server.audit.only(e.requestId());
      assertEquals("InvalidSignatureException", record.get("errorCode").asText());
      assertEquals("Unknown", record.at("/userIdentity/type").asText());
      assertEquals(TestCredentials.ACCESS_KEY, record.at("/userIdentity/accessKeyId").asText());
      assertEquals(TestCredentials.ACCOUNT, record.get("recipientAccountId").asText());
      assertEquals("eu-central-1", record.get("awsRegion").asText());
      assertEquals("Encrypt", record.get("eventName").asText());
      assertTrue(record.get("requestParameters").isNull());
      assertFalse(record.toString().contains(b64("attack at dawn")));
    }
  }

  @Test
  void unknownAccessKey_isRecordedWithoutAnAccount() {
    try (KmsClient stranger = client("AKIAUNKNOWN000000000", "whatever")) {
      KmsException e = assertThrows(KmsException.class, () -> stranger.generateRandom(r -> r.numberOfBytes(8)));
      JsonNode record = server.audit.only(e.requestId());
      assertEquals("UnrecognizedClientException", record.get("errorCode").asText());
      assertEquals("AKIAUNKNOWN000000000", record.at("/userIdentity/accessKeyId").asText());
      assertFalse(record.has("recipientAccountId"));
    }
  }

  @Test
  void unknownOperationAndSealedServer_areRecorded() throws IOException {
    try (RawHttp http = new RawHttp(server.port())) {
      RawHttp.Response unknown = http.send(RawHttp.post("HTTP/1.1",
          RawHttp.devAuth("TrentService.MakeCoffee"), "{}")).read();
      assertEquals(400, unknown.status);
      JsonNode record = server.audit.only(unknown.header("x-amzn-RequestId"));
      assertEquals("UnknownOperationException", record.get("errorCode").asText());
      assertEquals("MakeCoffee", record.get("eventName").asText());
      assertEquals("devkey", record.at("/userIdentity/accessKeyId").asText());
      server.admin.sealed = true;
      RawHttp.Response sealed = http.send(RawHttp.post("HTTP/1.1",
          RawHttp.devAuth("TrentService.Encrypt"), "{\"KeyId\":\"k\",\"Plaintext\":\"aGk=\"}")).read();
      assertEquals(503, sealed.status);
      JsonNode sealedRecord = server.audit.only(sealed.header("x-amzn-RequestId"));
      assertEquals("ServiceUnavailableException", sealedRecord.get("errorCode").asText());
    }
  }

  @Test
  void failingAuditLog_answersInternalErrorAndNoPlaintext() {
    server.audit.failing(true);
    KmsException e = assertThrows(KmsException.class,
        () -> kms.decrypt(r -> r.ciphertextBlob(SdkBytes.fromUtf8String("terces"))));
    assertEquals(500, e.statusCode());
    assertEquals("KMSInternalException", e.awsErrorDetails().errorCode());
    String body = e.awsErrorDetails().rawResponse().asUtf8String();
    assertEquals("{\"__type\":\"KMSInternalException\",\"message\":\"" + Dispatcher.INTERNAL_MESSAGE + "\"}", body);
    assertFalse(body.contains(b64("secret")), body);
    // The blocking path fails closed too, and so do failures.
    KmsException blocking = assertThrows(KmsException.class, () -> kms.generateRandom(r -> r.numberOfBytes(16)));
    assertEquals(500, blocking.statusCode());
    KmsException notFound = assertThrows(KmsException.class, () -> kms.describeKey(r -> r.keyId("nope")));
    assertEquals("KMSInternalException", notFound.awsErrorDetails().errorCode());
  }

  @Test
  void answer_waitsUntilTheRecordIsDurable() throws Exception {
    server.audit.hold();
    CompletableFuture<EncryptResponse> call = CompletableFuture.supplyAsync(() -> kms.encrypt(r -> r.keyId("k")
        .plaintext(SdkBytes.fromUtf8String("later"))));
    assertThrows(TimeoutException.class, () -> call.get(300, TimeUnit.MILLISECONDS));
    assertFalse(call.isDone());
    server.audit.release();
    EncryptResponse response = call.get(10, TimeUnit.SECONDS);
    server.audit.only(response.responseMetadata().requestId());
  }

  @Test
  void eachRecord_isOneLineWithAUniqueEventId() {
    kms.encrypt(r -> r.keyId("k").plaintext(SdkBytes.fromUtf8String("x")));
    kms.encrypt(r -> r.keyId("k").plaintext(SdkBytes.fromUtf8String("y")));
    java.util.Set<String> ids = new java.util.HashSet<>();
    for (AuditEvent event : server.audit.events()) {
      assertFalse(event.json().contains("\n"));
      JsonNode record = RecordingAuditLog.parse(event.json());
      assertEquals(event.eventId(), record.get("eventID").asText());
      assertTrue(RunningServer.UUID.matcher(event.eventId()).matches(), event.eventId());
      assertTrue(ids.add(event.eventId()), "duplicate " + event.eventId());
    }
  }
}

package io.keywarden.protocol.http;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.keywarden.services.api.CallContext;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
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
import software.amazon.awssdk.services.kms.model.NotFoundException;
import software.amazon.awssdk.services.kms.model.SignResponse;
import software.amazon.awssdk.services.kms.model.SigningAlgorithmSpec;

/** The real AWS SDK for Java v2 KMS client against the server, with SigV4 verified for real. */
class KmsClientEndToEndTest {
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

  private static KmsClient client(String accessKey, String secret) {
    return KmsClient.builder()
        .endpointOverride(URI.create(server.url()))
        .region(Region.of("eu-central-1"))
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKey, secret)))
        .httpClient(UrlConnectionHttpClient.create())
        .overrideConfiguration(c -> c.retryStrategy(AwsRetryStrategy.doNotRetry()))
        .build();
  }

  @Test
  void encryptThenDecrypt_roundTripsThroughTheSdk() {
    byte[] plaintext = "attack at dawn".getBytes(StandardCharsets.UTF_8);
    EncryptResponse encrypted = kms.encrypt(r -> r.keyId("alias/app")
        .plaintext(SdkBytes.fromByteArray(plaintext))
        .encryptionContext(Map.of("purpose", "test")));
    assertEquals("arn:aws:kms:eu-central-1:111122223333:key/alias/app", encrypted.keyId());
    assertEquals("SYMMETRIC_DEFAULT", encrypted.encryptionAlgorithmAsString());
    DecryptResponse decrypted = kms.decrypt(r -> r.ciphertextBlob(encrypted.ciphertextBlob()));
    assertArrayEquals(plaintext, decrypted.plaintext().asByteArray());
  }

  @Test
  void callContext_carriesCallerRegionAndConnection() {
    kms.encrypt(r -> r.keyId("k").plaintext(SdkBytes.fromUtf8String("x")));
    CallContext context = server.kms.lastContext.get();
    assertEquals("arn:aws:iam::111122223333:root", context.principal().arn());
    assertEquals("eu-central-1", context.region());
    assertEquals("127.0.0.1", context.sourceIp());
    assertFalse(context.secureTransport());
    assertTrue(context.userAgent().contains("aws-sdk-java"), context.userAgent());
    assertTrue(RunningServer.UUID.matcher(context.requestId()).matches(), context.requestId());
    assertTrue(server.kms.lastThread.get().startsWith("keywarden-io"), server.kms.lastThread.get());
  }

  @Test
  void blockingOperation_runsOnTheBlockingPool() {
    assertEquals(16, kms.generateRandom(r -> r.numberOfBytes(16)).plaintext().asByteArray().length);
    assertTrue(server.kms.lastThread.get().startsWith("keywarden-blocking"), server.kms.lastThread.get());
  }

  @Test
  void inlineWhenCachedOperation_movesToTheBlockingPoolOnlyWhenItMustBlock() {
    int before = server.audit.events().size();
    kms.getKeyRotationStatus(r -> r.keyId("uncached"));
    assertTrue(server.kms.lastThread.get().startsWith("keywarden-blocking"), server.kms.lastThread.get());
    kms.getKeyRotationStatus(r -> r.keyId("uncached"));
    assertTrue(server.kms.lastThread.get().startsWith("keywarden-io"), server.kms.lastThread.get());
    assertEquals(before + 2, server.audit.events().size(), "one record per call, not per attempt");
  }

  @Test
  void computeOperation_runsOnTheComputePool() {
    SignResponse signed = kms.sign(r -> r.keyId("k").message(SdkBytes.fromUtf8String("abc"))
        .signingAlgorithm(SigningAlgorithmSpec.ECDSA_SHA_256));
    assertEquals("cba", signed.signature().asUtf8String());
    assertTrue(server.kms.lastThread.get().startsWith("keywarden-compute"), server.kms.lastThread.get());
  }

  @Test
  void serviceError_reachesTheSdkAsItsModeledException() {
    NotFoundException e = assertThrows(NotFoundException.class, () -> kms.describeKey(r -> r.keyId("nope")));
    assertEquals(400, e.statusCode());
    assertEquals("Key 'nope' does not exist", e.awsErrorDetails().errorMessage());
    assertTrue(RunningServer.UUID.matcher(e.requestId()).matches(), e.requestId());
  }

  @Test
  void validationError_isAValidationException() {
    KmsException e = assertThrows(KmsException.class, () -> kms.generateRandom(r -> r.numberOfBytes(0)));
    assertEquals("ValidationException", e.awsErrorDetails().errorCode());
    assertEquals("1 validation error detected: Value '0' at 'numberOfBytes' failed to satisfy constraint: "
        + "Member must have value greater than or equal to 1", e.awsErrorDetails().errorMessage());
  }

  @Test
  void unexpectedFailure_isKmsInternalExceptionWithoutDetails() {
    KmsException e = assertThrows(KmsException.class, () -> kms.listKeys());
    assertEquals(500, e.statusCode());
    assertEquals("KMSInternalException", e.awsErrorDetails().errorCode());
    assertFalse(e.getMessage().contains("hunter2"));
    KmsException blocking = assertThrows(KmsException.class, () -> kms.listAliases());
    assertEquals("KMSInternalException", blocking.awsErrorDetails().errorCode());
  }

  @Test
  void operationNotImplemented_answersTheServicesError() {
    KmsException e = assertThrows(KmsException.class, () -> kms.createKey());
    assertEquals("UnsupportedOperationException", e.awsErrorDetails().errorCode());
    assertEquals("CreateKey is not supported by Keywarden yet.", e.awsErrorDetails().errorMessage());
  }

  @Test
  void wrongSecret_isInvalidSignature() {
    try (KmsClient wrong = client(TestCredentials.ACCESS_KEY, "not-the-secret")) {
      KmsException e = assertThrows(KmsException.class,
          () -> wrong.encrypt(r -> r.keyId("k").plaintext(SdkBytes.fromUtf8String("x"))));
      assertEquals("InvalidSignatureException", e.awsErrorDetails().errorCode());
      assertEquals(400, e.statusCode());
    }
  }

  @Test
  void unknownAccessKey_isUnrecognizedClient() {
    try (KmsClient unknown = client("AKIAUNKNOWN000000000", "whatever")) {
      KmsException e = assertThrows(KmsException.class,
          () -> unknown.encrypt(r -> r.keyId("k").plaintext(SdkBytes.fromUtf8String("x"))));
      assertEquals("UnrecognizedClientException", e.awsErrorDetails().errorCode());
      assertEquals("The security token included in the request is invalid.", e.awsErrorDetails().errorMessage());
    }
  }
}

package io.keywarden.protocol.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.keywarden.domain.identity.PrincipalType;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.model.KmsException;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.AssumeRoleResponse;
import software.amazon.awssdk.services.sts.model.Credentials;
import software.amazon.awssdk.services.sts.model.GetCallerIdentityResponse;
import software.amazon.awssdk.services.sts.model.MalformedPolicyDocumentException;
import software.amazon.awssdk.services.sts.model.StsException;

/**
 * The real AWS SDK for Java v2 STS client (AWS Query) against the server, beside the KMS client
 * (AWS JSON 1.1), with SigV4 verified for real: long-term keys, then the temporary credentials that
 * AssumeRole returns.
 */
class StsClientEndToEndTest {
  private static final String ROLE = "arn:aws:iam::111122223333:role/developer";
  private static RunningQueryServer server;
  private static StsClient sts;

  @BeforeAll
  static void start() {
    server = new RunningQueryServer(false);
    sts = sts(AwsBasicCredentials.create(TestCredentials.ACCESS_KEY, TestCredentials.SECRET));
  }

  @AfterAll
  static void stop() {
    sts.close();
    server.close();
  }

  static StsClient sts(AwsCredentials credentials) {
    return StsClient.builder()
        .endpointOverride(URI.create(server.url()))
        .region(Region.of("eu-central-1"))
        .credentialsProvider(StaticCredentialsProvider.create(credentials))
        .httpClient(UrlConnectionHttpClient.create())
        .overrideConfiguration(c -> c.retryStrategy(AwsRetryStrategy.doNotRetry()))
        .build();
  }

  static KmsClient kms(AwsCredentials credentials) {
    return KmsClient.builder()
        .endpointOverride(URI.create(server.url()))
        .region(Region.of("eu-central-1"))
        .credentialsProvider(StaticCredentialsProvider.create(credentials))
        .httpClient(UrlConnectionHttpClient.create())
        .overrideConfiguration(c -> c.retryStrategy(AwsRetryStrategy.doNotRetry()))
        .build();
  }

  private static AwsSessionCredentials session(Credentials credentials) {
    return AwsSessionCredentials.create(
        credentials.accessKeyId(), credentials.secretAccessKey(), credentials.sessionToken());
  }

  private static AssumeRoleResponse assume(String sessionName) {
    return sts.assumeRole(r -> r.roleArn(ROLE).roleSessionName(sessionName));
  }

  @Test
  void getCallerIdentity_namesTheCaller() {
    GetCallerIdentityResponse me = sts.getCallerIdentity();
    assertEquals("arn:aws:iam::111122223333:root", me.arn());
    assertEquals("111122223333", me.account());
    assertEquals("111122223333", me.userId());
    assertEquals("{}", server.sts.lastInput.get().toString());
    assertTrue(server.sts.lastThread.get().startsWith("keywarden-io"), server.sts.lastThread.get());
  }

  @Test
  void assumeRole_sendsTagsAndTransitiveKeys_andReturnsTheCredentials() {
    Instant before = Instant.now().minusSeconds(1);
    AssumeRoleResponse assumed = sts.assumeRole(r -> r.roleArn(ROLE).roleSessionName("alice")
        .durationSeconds(900)
        .tags(t -> t.key("team").value("blue"), t -> t.key("cost-center").value("4 2&<x>"))
        .transitiveTagKeys("team")
        .policyArns(p -> p.arn("arn:aws:iam::aws:policy/ReadOnlyAccess")));
    assertEquals("{\"RoleArn\":\"arn:aws:iam::111122223333:role/developer\",\"RoleSessionName\":\"alice\","
        + "\"PolicyArns\":[{\"arn\":\"arn:aws:iam::aws:policy/ReadOnlyAccess\"}],\"DurationSeconds\":900,"
        + "\"Tags\":[{\"Key\":\"team\",\"Value\":\"blue\"},{\"Key\":\"cost-center\",\"Value\":\"4 2&<x>\"}],"
        + "\"TransitiveTagKeys\":[\"team\"]}", server.sts.lastInput.get().toString());
    assertTrue(server.sts.lastThread.get().startsWith("keywarden-blocking"), server.sts.lastThread.get());

    Credentials credentials = assumed.credentials();
    assertTrue(credentials.accessKeyId().startsWith("ASIAKEYWARDEN"), credentials.accessKeyId());
    assertEquals(40, credentials.secretAccessKey().length());
    assertTrue(credentials.sessionToken().startsWith("FQoGZXIvYXdzE"));
    Duration lifetime = Duration.between(before, credentials.expiration());
    assertTrue(lifetime.compareTo(Duration.ofSeconds(899)) > 0 && lifetime.compareTo(Duration.ofSeconds(903)) < 0,
        lifetime.toString());
    assertEquals("arn:aws:sts::111122223333:assumed-role/developer/alice", assumed.assumedRoleUser().arn());
    assertEquals("AROAKEYWARDENTEST0001:alice", assumed.assumedRoleUser().assumedRoleId());
    assertEquals(2, assumed.packedPolicySize());
  }

  @Test
  void temporaryCredentials_signLaterCalls_toQueryAndJsonServices() {
    Credentials credentials = assume("bob").credentials();
    try (StsClient asBob = sts(session(credentials)); KmsClient kmsAsBob = kms(session(credentials))) {
      GetCallerIdentityResponse me = asBob.getCallerIdentity();
      assertEquals("arn:aws:sts::111122223333:assumed-role/developer/bob", me.arn());
      assertEquals("AROAKEYWARDENTEST0001:bob", me.userId());
      kmsAsBob.encrypt(r -> r.keyId("k").plaintext(SdkBytes.fromUtf8String("x")));
      assertEquals(PrincipalType.AssumedRole, server.kms.lastContext.get().principal().type());
      assertEquals(credentials.accessKeyId(), server.kms.lastContext.get().principal().accessKeyId());
    }
  }

  @Test
  void expiredSession_isExpiredToken_forQueryAndJsonServices() {
    Credentials credentials = assume("carol").credentials();
    server.credentials.expire(credentials.accessKeyId());
    try (StsClient asCarol = sts(session(credentials)); KmsClient kmsAsCarol = kms(session(credentials))) {
      StsException e = assertThrows(StsException.class, asCarol::getCallerIdentity);
      assertEquals("ExpiredToken", e.awsErrorDetails().errorCode());
      assertEquals("The security token included in the request is expired", e.awsErrorDetails().errorMessage());
      assertEquals(403, e.statusCode());
      KmsException k = assertThrows(KmsException.class,
          () -> kmsAsCarol.encrypt(r -> r.keyId("k").plaintext(SdkBytes.fromUtf8String("x"))));
      assertEquals("ExpiredTokenException", k.awsErrorDetails().errorCode());
      assertEquals("The security token included in the request is expired", k.awsErrorDetails().errorMessage());
    }
  }

  @Test
  void unknownSessionToken_isInvalidClientTokenId_orUnrecognizedClient() {
    Credentials credentials = assume("dave").credentials();
    AwsSessionCredentials forged = AwsSessionCredentials.create(
        credentials.accessKeyId(), credentials.secretAccessKey(), credentials.sessionToken() + "x");
    try (StsClient forgedSts = sts(forged); KmsClient forgedKms = kms(forged)) {
      StsException e = assertThrows(StsException.class, forgedSts::getCallerIdentity);
      assertEquals("InvalidClientTokenId", e.awsErrorDetails().errorCode());
      assertEquals("The security token included in the request is invalid.", e.awsErrorDetails().errorMessage());
      assertEquals(403, e.statusCode());
      KmsException k = assertThrows(KmsException.class,
          () -> forgedKms.encrypt(r -> r.keyId("k").plaintext(SdkBytes.fromUtf8String("x"))));
      assertEquals("UnrecognizedClientException", k.awsErrorDetails().errorCode());
    }
  }

  @Test
  void longTermKeyWithAToken_isNotAccepted() {
    try (StsClient withToken = sts(AwsSessionCredentials.create(
        TestCredentials.ACCESS_KEY, TestCredentials.SECRET, "FQoGZXIvYXdzEnotatoken"))) {
      StsException e = assertThrows(StsException.class, withToken::getCallerIdentity);
      assertEquals("InvalidClientTokenId", e.awsErrorDetails().errorCode());
    }
  }

  @Test
  void modeledError_isTheSdksModeledException() {
    MalformedPolicyDocumentException e =
        assertThrows(MalformedPolicyDocumentException.class, () -> assume("malformed"));
    assertEquals("MalformedPolicyDocument", e.awsErrorDetails().errorCode());
    assertEquals("Syntax errors in policy.", e.awsErrorDetails().errorMessage());
    assertEquals(400, e.statusCode());
    assertTrue(RunningServer.UUID.matcher(e.requestId()).matches(), e.requestId());
  }

  @Test
  void accessDenied_is403() {
    StsException e = assertThrows(StsException.class, () -> assume("denied"));
    assertEquals("AccessDenied", e.awsErrorDetails().errorCode());
    assertEquals(403, e.statusCode());
    assertEquals("User: arn:aws:iam::111122223333:root is not authorized to perform: sts:AssumeRole on resource: "
        + ROLE, e.awsErrorDetails().errorMessage());
  }

  @Test
  void invalidInput_isValidationError() {
    StsException e = assertThrows(StsException.class,
        () -> sts.assumeRole(r -> r.roleArn(ROLE).roleSessionName("a").durationSeconds(60)));
    assertEquals("ValidationError", e.awsErrorDetails().errorCode());
    assertEquals(400, e.statusCode());
    assertEquals("2 validation errors detected: "
        + "Value 'a' at 'roleSessionName' failed to satisfy constraint: Member must have length greater than or "
        + "equal to 2; "
        + "Value '60' at 'durationSeconds' failed to satisfy constraint: Member must have value greater than or "
        + "equal to 900", e.awsErrorDetails().errorMessage());
  }

  @Test
  void unexpectedFailure_isInternalFailureWithoutDetails() {
    StsException e = assertThrows(StsException.class, () -> assume("boom"));
    assertEquals("InternalFailure", e.awsErrorDetails().errorCode());
    assertEquals(500, e.statusCode());
    assertFalse(e.getMessage().contains("hunter2"));
  }

  @Test
  void operationNotImplemented_answersTheServicesError() {
    StsException e = assertThrows(StsException.class, () -> sts.getSessionToken());
    assertEquals("NotImplemented", e.awsErrorDetails().errorCode());
    assertEquals("GetSessionToken is not supported by Keywarden yet.", e.awsErrorDetails().errorMessage());
  }

  @Test
  void wrongSecret_isSignatureDoesNotMatch() {
    try (StsClient wrong = sts(AwsBasicCredentials.create(TestCredentials.ACCESS_KEY, "not-the-secret"))) {
      StsException e = assertThrows(StsException.class, wrong::getCallerIdentity);
      assertEquals("SignatureDoesNotMatch", e.awsErrorDetails().errorCode());
      assertEquals(403, e.statusCode());
      assertTrue(e.awsErrorDetails().errorMessage().startsWith("The request signature we calculated does not match"));
    }
  }

  @Test
  void unknownAccessKey_isInvalidClientTokenId() {
    try (StsClient unknown = sts(AwsBasicCredentials.create("AKIAUNKNOWN000000000", "whatever"))) {
      StsException e = assertThrows(StsException.class, unknown::getCallerIdentity);
      assertEquals("InvalidClientTokenId", e.awsErrorDetails().errorCode());
      assertEquals(403, e.statusCode());
    }
  }

  @Test
  void jsonService_isUnchangedBesideTheQueryService() {
    try (KmsClient kms = kms(AwsBasicCredentials.create(TestCredentials.ACCESS_KEY, TestCredentials.SECRET))) {
      assertEquals("arn:aws:kms:eu-central-1:111122223333:key/k",
          kms.encrypt(r -> r.keyId("k").plaintext(SdkBytes.fromUtf8String("x"))).keyId());
      KmsException e = assertThrows(KmsException.class, () -> kms.generateRandom(r -> r.numberOfBytes(0)));
      assertEquals("ValidationException", e.awsErrorDetails().errorCode());
    }
  }
}

package io.keywarden.protocol.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import java.net.URI;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.model.EncryptResponse;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.AssumeRoleResponse;
import software.amazon.awssdk.services.sts.model.Credentials;
import software.amazon.awssdk.services.sts.model.GetCallerIdentityResponse;
import software.amazon.awssdk.services.sts.model.StsException;

/** AWS Query calls (STS) are recorded like JSON ones, with the codes Query clients see. */
class AuditedQueryCallsTest {
  private static final String ROLE = "arn:aws:iam::111122223333:role/developer";
  private static RunningQueryServer server;
  private static StsClient sts;

  @BeforeAll
  static void start() {
    server = new RunningQueryServer(false);
    sts = sts(AwsBasicCredentials.create(TestCredentials.ACCESS_KEY, TestCredentials.SECRET));
  }

  private static StsClient sts(AwsCredentials credentials) {
    return StsClient.builder()
        .endpointOverride(URI.create(server.url()))
        .region(Region.of("eu-central-1"))
        .credentialsProvider(StaticCredentialsProvider.create(credentials))
        .httpClient(UrlConnectionHttpClient.create())
        .overrideConfiguration(c -> c.retryStrategy(AwsRetryStrategy.doNotRetry()))
        .build();
  }

  private static KmsClient kms(AwsCredentials credentials) {
    return KmsClient.builder()
        .endpointOverride(URI.create(server.url()))
        .region(Region.of("eu-central-1"))
        .credentialsProvider(StaticCredentialsProvider.create(credentials))
        .httpClient(UrlConnectionHttpClient.create())
        .overrideConfiguration(c -> c.retryStrategy(AwsRetryStrategy.doNotRetry()))
        .build();
  }

  @AfterAll
  static void stop() {
    sts.close();
    server.close();
  }

  @Test
  void assumeRole_recordsTheSessionButNeitherSecretNorToken() {
    AssumeRoleResponse assumed = sts.assumeRole(r -> r.roleArn(ROLE).roleSessionName("audited")
        .durationSeconds(900));
    JsonNode record = server.audit.only(assumed.responseMetadata().requestId());
    assertEquals("sts.amazonaws.com", record.get("eventSource").asText());
    assertEquals("AssumeRole", record.get("eventName").asText());
    assertEquals(ROLE, record.at("/requestParameters/roleArn").asText());
    assertEquals("audited", record.at("/requestParameters/roleSessionName").asText());
    assertEquals(900, record.at("/requestParameters/durationSeconds").asInt());
    Credentials credentials = assumed.credentials();
    assertEquals(credentials.accessKeyId(), record.at("/responseElements/credentials/accessKeyId").asText());
    assertTrue(record.at("/responseElements/credentials/expiration").isTextual());
    assertEquals(assumed.assumedRoleUser().arn(), record.at("/responseElements/assumedRoleUser/arn").asText());
    String json = record.toString();
    assertFalse(json.contains(credentials.secretAccessKey()), json);
    assertFalse(json.contains(credentials.sessionToken()), json);

    // The session's own calls name the role that issued it.
    try (KmsClient asSession = kms(AwsSessionCredentials.create(
        credentials.accessKeyId(), credentials.secretAccessKey(), credentials.sessionToken()))) {
      EncryptResponse encrypted = asSession.encrypt(r -> r.keyId("k").plaintext(SdkBytes.fromUtf8String("x")));
      JsonNode call = server.audit.only(encrypted.responseMetadata().requestId());
      assertEquals("AssumedRole", call.at("/userIdentity/type").asText());
      assertEquals(credentials.accessKeyId(), call.at("/userIdentity/accessKeyId").asText());
      assertEquals("Role", call.at("/userIdentity/sessionContext/sessionIssuer/type").asText());
      assertEquals(ROLE, call.at("/userIdentity/sessionContext/sessionIssuer/arn").asText());
      assertEquals("developer", call.at("/userIdentity/sessionContext/sessionIssuer/userName").asText());
    }
  }

  @Test
  void getCallerIdentity_isRecordedWithoutParameters() {
    GetCallerIdentityResponse me = sts.getCallerIdentity();
    JsonNode record = server.audit.only(me.responseMetadata().requestId());
    assertEquals("GetCallerIdentity", record.get("eventName").asText());
    assertTrue(record.get("requestParameters").isNull());
    assertTrue(record.get("responseElements").isNull());
    assertTrue(record.get("readOnly").asBoolean());
  }

  @Test
  void queryErrors_areRecordedWithTheQueryCode() {
    StsException e = assertThrows(StsException.class,
        () -> sts.assumeRole(r -> r.roleArn(ROLE).roleSessionName("malformed")));
    JsonNode record = server.audit.only(e.requestId());
    assertEquals("MalformedPolicyDocument", record.get("errorCode").asText());
    try (StsClient wrong = sts(
        AwsBasicCredentials.create(TestCredentials.ACCESS_KEY, "wrong-secret"))) {
      StsException bad = assertThrows(StsException.class, wrong::getCallerIdentity);
      JsonNode refused = server.audit.only(bad.requestId());
      assertEquals("SignatureDoesNotMatch", refused.get("errorCode").asText());
      assertEquals("Unknown", refused.at("/userIdentity/type").asText());
      assertEquals("GetCallerIdentity", refused.get("eventName").asText());
    }
  }
}

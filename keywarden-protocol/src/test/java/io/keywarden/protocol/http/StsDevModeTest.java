package io.keywarden.protocol.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.URI;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.Credentials;
import software.amazon.awssdk.services.sts.model.StsException;

/** Temporary credentials against a dev-mode server: unknown ones act as the dev root, expired ones expire. */
class StsDevModeTest {
  private static RunningQueryServer server;

  @BeforeAll
  static void start() {
    server = new RunningQueryServer(true);
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  private static StsClient sts(AwsCredentials credentials) {
    return StsClient.builder()
        .endpointOverride(URI.create(server.url()))
        .region(Region.US_EAST_1)
        .credentialsProvider(StaticCredentialsProvider.create(credentials))
        .httpClient(UrlConnectionHttpClient.create())
        .overrideConfiguration(c -> c.retryStrategy(AwsRetryStrategy.doNotRetry()))
        .build();
  }

  @Test
  void unknownTemporaryCredentials_actAsTheDevRoot() {
    try (StsClient sts = sts(AwsSessionCredentials.create("ASIAANYTHING00000000", "any", "any-token"))) {
      assertEquals("arn:aws:iam::000000000000:root", sts.getCallerIdentity().arn());
    }
  }

  @Test
  void expiredSession_isExpiredToken_evenInDevMode() {
    Credentials issued;
    try (StsClient root = sts(AwsBasicCredentials.create(TestCredentials.ACCESS_KEY, TestCredentials.SECRET))) {
      issued = root.assumeRole(r -> r.roleArn("arn:aws:iam::111122223333:role/r").roleSessionName("s1")).credentials();
    }
    AwsSessionCredentials session =
        AwsSessionCredentials.create(issued.accessKeyId(), issued.secretAccessKey(), issued.sessionToken());
    try (StsClient sts = sts(session)) {
      assertEquals("arn:aws:sts::111122223333:assumed-role/r/s1", sts.getCallerIdentity().arn());
      server.credentials.expire(issued.accessKeyId());
      StsException e = assertThrows(StsException.class, sts::getCallerIdentity);
      assertEquals("ExpiredToken", e.awsErrorDetails().errorCode());
    }
  }
}

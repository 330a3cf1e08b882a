package io.keywarden.it.sts;

import io.keywarden.it.TestServer;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.Credentials;

/** SDK clients for the STS tests, and the identities they sign as. */
final class StsClients {
  static final String ACCOUNT = "111122223333";
  static final String ROLE_ARN = "arn:aws:iam::" + ACCOUNT + ":role/app";
  static final String ALICE_ARN = "arn:aws:iam::" + ACCOUNT + ":user/alice";
  static final AwsBasicCredentials ALICE =
      AwsBasicCredentials.create("AKIAALICE00000000001", "alice-secret-for-tests-0001");
  static final AwsBasicCredentials NOBODY =
      AwsBasicCredentials.create("AKIANOBODY0000000001", "nobody-secret-for-tests-001");

  private StsClients() {}

  /** The identities file of these tests. */
  static Path identitiesFile() {
    try {
      return Path.of(StsClients.class.getResource("/sts/identities.yaml").toURI());
    } catch (java.net.URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  static StsClient sts(URI endpoint, AwsCredentialsProvider credentials) {
    return StsClient.builder()
        .endpointOverride(endpoint)
        .region(TestServer.REGION)
        .credentialsProvider(credentials)
        .httpClient(UrlConnectionHttpClient.create())
        .overrideConfiguration(c -> c.retryStrategy(RetryMode.STANDARD).retryStrategy(b -> b.maxAttempts(1)))
        .build();
  }

  static StsClient sts(URI endpoint, AwsCredentials credentials) {
    return sts(endpoint, StaticCredentialsProvider.create(credentials));
  }

  static KmsClient kms(URI endpoint, AwsCredentialsProvider credentials) {
    return KmsClient.builder()
        .endpointOverride(endpoint)
        .region(TestServer.REGION)
        .credentialsProvider(credentials)
        .httpClient(UrlConnectionHttpClient.create())
        .overrideConfiguration(c -> c.retryStrategy(b -> b.maxAttempts(1)))
        .build();
  }

  static KmsClient kms(URI endpoint, AwsCredentials credentials) {
    return kms(endpoint, StaticCredentialsProvider.create(credentials));
  }

  /** What AssumeRole returned, as SDK credentials. */
  static AwsSessionCredentials session(Credentials c) {
    return AwsSessionCredentials.create(c.accessKeyId(), c.secretAccessKey(), c.sessionToken());
  }

  /** The same credentials with one character of the session token changed. */
  static AwsSessionCredentials garbled(AwsSessionCredentials c) {
    String token = c.sessionToken();
    int i = token.length() / 2;
    char changed = token.charAt(i) == 'A' ? 'B' : 'A';
    return AwsSessionCredentials.create(c.accessKeyId(), c.secretAccessKey(),
        token.substring(0, i) + changed + token.substring(i + 1));
  }

  static List<software.amazon.awssdk.services.sts.model.Tag> tags(String team) {
    return List.of(software.amazon.awssdk.services.sts.model.Tag.builder().key("team").value(team).build());
  }
}

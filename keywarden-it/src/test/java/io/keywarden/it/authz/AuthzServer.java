package io.keywarden.it.authz;

import io.keywarden.it.TestServer;
import io.keywarden.server.ServerOptions;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.model.KeyMetadata;
import software.amazon.awssdk.services.kms.model.Tag;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.auth.StsAssumeRoleCredentialsProvider;
import software.amazon.awssdk.services.sts.model.AssumeRoleRequest;

/**
 * A dev server holding the accounts of {@code authz/identities.yaml}, and SDK clients that sign as
 * its principals. Every client made here is closed with the server.
 */
final class AuthzServer implements AutoCloseable {
  static final String ACCOUNT = "111122223333";
  static final String PARTNER_ACCOUNT = "444455556666";
  static final String REGION = TestServer.REGION.id();
  static final String APP_ROLE = "arn:aws:iam::" + ACCOUNT + ":role/app-role";
  static final String CHAINED_ROLE = "arn:aws:iam::" + ACCOUNT + ":role/chained-role";
  static final String PARTNER_ROLE = "arn:aws:iam::" + PARTNER_ACCOUNT + ":role/partner-role";

  private final TestServer server;
  private final Deque<AutoCloseable> clients = new ArrayDeque<>();

  private AuthzServer(TestServer server) {
    this.server = server;
  }

  static AuthzServer start() {
    return new AuthzServer(
        TestServer.start(ServerOptions.devInMemory().withIdentitiesFile(identitiesFile())));
  }

  /** The identities file on the test classpath. */
  static Path identitiesFile() {
    URL url = AuthzServer.class.getResource("/authz/identities.yaml");
    if (url == null) {
      throw new AssertionError("no /authz/identities.yaml on the test classpath");
    }
    try {
      return Path.of(url.toURI());
    } catch (URISyntaxException e) {
      throw new AssertionError(e);
    }
  }

  TestServer server() {
    return server;
  }

  KmsClient kms(Who who) {
    return kms(who.credentials());
  }

  KmsClient kms(AwsCredentialsProvider credentials) {
    return track(
        KmsClient.builder()
            .endpointOverride(server.endpoint())
            .region(TestServer.REGION)
            .credentialsProvider(credentials)
            .httpClient(UrlConnectionHttpClient.create())
            .overrideConfiguration(c -> c.retryStrategy(RetryMode.STANDARD))
            .build());
  }

  StsClient sts(Who who) {
    return sts(who.credentials());
  }

  StsClient sts(AwsCredentialsProvider credentials) {
    return track(
        StsClient.builder()
            .endpointOverride(server.endpoint())
            .region(TestServer.REGION)
            .credentialsProvider(credentials)
            .httpClient(UrlConnectionHttpClient.create())
            .overrideConfiguration(c -> c.retryStrategy(RetryMode.STANDARD))
            .build());
  }

  /**
   * The SDK's own provider of role credentials: it calls AssumeRole (as {@code caller}) when first
   * asked, and again before the session expires.
   *
   * @param sessionTags the session tags to pass ({@code Tags}), in order
   * @param transitiveTagKeys the {@code TransitiveTagKeys}
   */
  StsAssumeRoleCredentialsProvider assumeRole(
      AwsCredentialsProvider caller,
      String roleArn,
      String sessionName,
      Map<String, String> sessionTags,
      List<String> transitiveTagKeys) {
    AssumeRoleRequest.Builder request = AssumeRoleRequest.builder().roleArn(roleArn).roleSessionName(sessionName);
    if (!sessionTags.isEmpty()) {
      request.tags(
          sessionTags.entrySet().stream()
              .map(e -> software.amazon.awssdk.services.sts.model.Tag.builder()
                  .key(e.getKey()).value(e.getValue()).build())
              .toList());
    }
    if (!transitiveTagKeys.isEmpty()) {
      request.transitiveTagKeys(transitiveTagKeys);
    }
    return track(
        StsAssumeRoleCredentialsProvider.builder()
            .stsClient(sts(caller))
            .refreshRequest(request.build())
            .build());
  }

  /** A new key of {@link #ACCOUNT} created by key-admin, with this policy and these tags. */
  KeyMetadata createKey(KmsClient keyAdmin, String policy, Map<String, String> tags) {
    return keyAdmin
        .createKey(
            r -> {
              r.description("authz test key");
              if (policy != null) {
                r.policy(policy);
              }
              if (!tags.isEmpty()) {
                r.tags(tags.entrySet().stream()
                    .map(e -> Tag.builder().tagKey(e.getKey()).tagValue(e.getValue()).build())
                    .toList());
              }
            })
        .keyMetadata();
  }

  private <T extends AutoCloseable> T track(T client) {
    synchronized (clients) {
      clients.push(client);
    }
    return client;
  }

  @Override
  public void close() {
    synchronized (clients) {
      while (!clients.isEmpty()) {
        try {
          clients.pop().close();
        } catch (Exception e) {
          // a client that fails to close leaks nothing the test cares about
        }
      }
    }
    server.close();
  }
}

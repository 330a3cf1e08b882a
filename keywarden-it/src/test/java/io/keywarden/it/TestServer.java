package io.keywarden.it;

import io.keywarden.server.Keywarden;
import io.keywarden.server.ServerOptions;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudtrail.CloudTrailClient;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/** A Keywarden server started in-process for a test, and SDK clients pointed at it. */
public final class TestServer implements AutoCloseable {
  public static final String DEV_ACCOUNT = ServerOptions.DEFAULT_DEV_ACCOUNT;
  public static final Region REGION = Region.US_EAST_1;

  private final Keywarden keywarden;
  private final MovableClock clock;

  private TestServer(Keywarden keywarden, MovableClock clock) {
    this.keywarden = keywarden;
    this.clock = clock;
  }

  /** Dev mode, in memory, on a free port, with a clock the test can move. */
  public static TestServer dev() {
    MovableClock clock = new MovableClock();
    return new TestServer(Keywarden.start(ServerOptions.devInMemory().withClock(clock)), clock);
  }

  /**
   * Dev mode, in memory, on a free port, with a clock the test can move, and options of its own (an
   * identities file, say).
   */
  public static TestServer dev(java.util.function.UnaryOperator<ServerOptions> configure) {
    MovableClock clock = new MovableClock();
    return new TestServer(
        Keywarden.start(configure.apply(ServerOptions.devInMemory()).withClock(clock)), clock);
  }

  /** A server started with the given options (a movable clock is not installed). */
  public static TestServer start(ServerOptions options) {
    return new TestServer(Keywarden.start(options), null);
  }

  public Keywarden keywarden() {
    return keywarden;
  }

  public URI endpoint() {
    return keywarden.endpoint();
  }

  /** Moves the server's clock (dev servers from {@link #dev()} only). */
  public void advance(Duration d) {
    clock.offset = clock.offset.plus(d);
  }

  /** A KMS client with the given credentials (dev mode accepts any). */
  public KmsClient kms(String accessKeyId, String secretAccessKey) {
    return KmsClient.builder()
        .endpointOverride(endpoint())
        .region(REGION)
        .credentialsProvider(
            StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKeyId, secretAccessKey)))
        .httpClient(UrlConnectionHttpClient.create())
        .overrideConfiguration(c -> c.retryStrategy(RetryMode.STANDARD))
        .build();
  }

  public KmsClient kms() {
    return kms("AKIADEVTEST", "dev-secret");
  }

  /** A Secrets Manager client of {@code endpoint} with the given credentials. */
  public static SecretsManagerClient secretsManager(URI endpoint, String accessKeyId, String secretAccessKey) {
    return SecretsManagerClient.builder()
        .endpointOverride(endpoint)
        .region(REGION)
        .credentialsProvider(
            StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKeyId, secretAccessKey)))
        .httpClient(UrlConnectionHttpClient.create())
        .build();
  }

  /** A Secrets Manager client with dev credentials (dev mode accepts any). */
  public SecretsManagerClient secretsManager() {
    return secretsManager(endpoint(), "AKIADEVTEST", "dev-secret");
  }

  /** A Secrets Manager client of the dev account, configured with {@code region}. */
  public software.amazon.awssdk.services.secretsmanager.SecretsManagerClient secretsManager(
      Region region) {
    return software.amazon.awssdk.services.secretsmanager.SecretsManagerClient.builder()
        .endpointOverride(endpoint())
        .region(region)
        .credentialsProvider(
            StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIADEVTEST", "dev-secret")))
        .httpClient(UrlConnectionHttpClient.create())
        .build();
  }

  /** A CloudTrail client with dev credentials (dev mode accepts any). */
  public CloudTrailClient cloudTrail() {
    return CloudTrailClient.builder()
        .endpointOverride(endpoint())
        .region(REGION)
        .credentialsProvider(
            StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIADEVTEST", "dev-secret")))
        .httpClient(UrlConnectionHttpClient.create())
        .build();
  }

  @Override
  public void close() {
    keywarden.close();
  }

  /** The system clock plus an offset that tests move forward. */
  static final class MovableClock extends Clock {
    volatile Duration offset = Duration.ZERO;

    @Override
    public Instant instant() {
      return Instant.now().plus(offset);
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }
  }
}

package io.keywarden.server;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * How to run a server.
 *
 * @param dev dev mode: any credentials, auto-unsealed, in-memory unless {@code dataDir} is given
 * @param dataDir where the SQLite database lives; required in production, optional in dev mode
 * @param port 0 for an ephemeral port
 * @param devAccountId the account that unknown access keys act as in dev mode
 * @param seedFile dev mode: keys and aliases to create at start and after each reset
 * @param identitiesFile dev mode: accounts, users, roles and access keys to apply at start and
 *     after each reset ({@code docs/identities.md})
 * @param tls {@code null} for plain HTTP
 * @param passphrase production: unseal at start with it ({@code null}: start sealed)
 * @param jobsInterval how often background jobs (deletion, rotation) run
 */
public record ServerOptions(
    boolean dev,
    Path dataDir,
    String host,
    int port,
    String devAccountId,
    Path seedFile,
    Path identitiesFile,
    TlsOptions tls,
    char[] passphrase,
    Duration jobsInterval,
    int workerThreads,
    Clock clock) {

  public static final String DEFAULT_HOST = "127.0.0.1";
  public static final int DEFAULT_PORT = 4566;
  public static final String DEFAULT_DEV_ACCOUNT = "000000000000";

  public ServerOptions {
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(jobsInterval, "jobsInterval");
    Objects.requireNonNull(clock, "clock");
    if (!dev && dataDir == null) {
      throw new IllegalArgumentException("production mode needs a data directory");
    }
    if (!dev && seedFile != null) {
      throw new IllegalArgumentException("seed files are for dev mode only");
    }
    if (!dev && identitiesFile != null) {
      throw new IllegalArgumentException(
          "identities files are applied at start in dev mode only; use 'keywarden iam apply'");
    }
  }

  /** Dev mode, in memory, ephemeral port: what tests start. */
  public static ServerOptions devInMemory() {
    return new ServerOptions(
        true, null, DEFAULT_HOST, 0, DEFAULT_DEV_ACCOUNT, null, null, null, null,
        Duration.ofSeconds(10), 8, Clock.systemUTC());
  }

  public ServerOptions withPort(int p) {
    return new ServerOptions(dev, dataDir, host, p, devAccountId, seedFile, identitiesFile,
        tls, passphrase, jobsInterval, workerThreads, clock);
  }

  public ServerOptions withSeedFile(Path f) {
    return new ServerOptions(dev, dataDir, host, port, devAccountId, f, identitiesFile,
        tls, passphrase, jobsInterval, workerThreads, clock);
  }

  public ServerOptions withIdentitiesFile(Path f) {
    return new ServerOptions(dev, dataDir, host, port, devAccountId, seedFile, f,
        tls, passphrase, jobsInterval, workerThreads, clock);
  }

  public ServerOptions withClock(Clock c) {
    return new ServerOptions(dev, dataDir, host, port, devAccountId, seedFile, identitiesFile,
        tls, passphrase, jobsInterval, workerThreads, c);
  }

  public ServerOptions withTls(TlsOptions t) {
    return new ServerOptions(dev, dataDir, host, port, devAccountId, seedFile, identitiesFile,
        t, passphrase, jobsInterval, workerThreads, clock);
  }

  /** Production mode on {@code dataDir}. */
  public static ServerOptions production(Path dataDir, char[] passphrase) {
    return new ServerOptions(
        false, dataDir, DEFAULT_HOST, 0, DEFAULT_DEV_ACCOUNT, null, null, null, passphrase,
        Duration.ofSeconds(60), 8, Clock.systemUTC());
  }

  /** Dev mode on a data directory (SQLite, dev seal). */
  public static ServerOptions devOnDisk(Path dataDir) {
    return new ServerOptions(
        true, dataDir, DEFAULT_HOST, 0, DEFAULT_DEV_ACCOUNT, null, null, null, null,
        Duration.ofSeconds(10), 8, Clock.systemUTC());
  }

  /**
   * TLS: a PEM certificate chain and PKCS#8 PEM private key, or a self-signed certificate generated
   * at start for {@code selfSignedHosts}.
   */
  public record TlsOptions(Path certificateChain, Path privateKey, List<String> selfSignedHosts) {
    public TlsOptions {
      selfSignedHosts = selfSignedHosts == null ? List.of() : List.copyOf(selfSignedHosts);
      if ((certificateChain == null) != (privateKey == null)) {
        throw new IllegalArgumentException("give both a certificate and its private key");
      }
      if (certificateChain == null && selfSignedHosts.isEmpty()) {
        throw new IllegalArgumentException("give a certificate, or hosts for a self-signed one");
      }
    }
  }
}

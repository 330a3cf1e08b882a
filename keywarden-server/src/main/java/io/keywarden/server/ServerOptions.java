package io.keywarden.server;

import io.keywarden.audit.file.AuditLogOptions;
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
 * @param audit the audit log's settings
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
    Clock clock,
    AuditOptions audit) {

  public static final String DEFAULT_HOST = "127.0.0.1";
  public static final int DEFAULT_PORT = 4566;
  public static final String DEFAULT_DEV_ACCOUNT = "000000000000";

  public ServerOptions {
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(jobsInterval, "jobsInterval");
    Objects.requireNonNull(clock, "clock");
    Objects.requireNonNull(audit, "audit");
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
        Duration.ofSeconds(10), 8, Clock.systemUTC(), AuditOptions.DEFAULTS);
  }

  public ServerOptions withPort(int p) {
    return new ServerOptions(dev, dataDir, host, p, devAccountId, seedFile, identitiesFile,
        tls, passphrase, jobsInterval, workerThreads, clock, audit);
  }

  public ServerOptions withSeedFile(Path f) {
    return new ServerOptions(dev, dataDir, host, port, devAccountId, f, identitiesFile,
        tls, passphrase, jobsInterval, workerThreads, clock, audit);
  }

  public ServerOptions withIdentitiesFile(Path f) {
    return new ServerOptions(dev, dataDir, host, port, devAccountId, seedFile, f,
        tls, passphrase, jobsInterval, workerThreads, clock, audit);
  }

  public ServerOptions withClock(Clock c) {
    return new ServerOptions(dev, dataDir, host, port, devAccountId, seedFile, identitiesFile,
        tls, passphrase, jobsInterval, workerThreads, c, audit);
  }

  public ServerOptions withAudit(AuditOptions a) {
    return new ServerOptions(dev, dataDir, host, port, devAccountId, seedFile, identitiesFile,
        tls, passphrase, jobsInterval, workerThreads, clock, a);
  }

  public ServerOptions withTls(TlsOptions t) {
    return new ServerOptions(dev, dataDir, host, port, devAccountId, seedFile, identitiesFile,
        t, passphrase, jobsInterval, workerThreads, clock, audit);
  }

  /** Production mode on {@code dataDir}. */
  public static ServerOptions production(Path dataDir, char[] passphrase) {
    return new ServerOptions(
        false, dataDir, DEFAULT_HOST, 0, DEFAULT_DEV_ACCOUNT, null, null, null, passphrase,
        Duration.ofSeconds(60), 8, Clock.systemUTC(), AuditOptions.DEFAULTS);
  }

  /** Dev mode on a data directory (SQLite, dev seal). */
  public static ServerOptions devOnDisk(Path dataDir) {
    return new ServerOptions(
        true, dataDir, DEFAULT_HOST, 0, DEFAULT_DEV_ACCOUNT, null, null, null, null,
        Duration.ofSeconds(10), 8, Clock.systemUTC(), AuditOptions.DEFAULTS);
  }

  /**
   * The audit log: {@code <data dir>/audit}, or a temporary directory for a dev server in memory
   * (removed when it stops). Every API call is recorded there before it is answered.
   *
   * @param retention delete whole log segments whose records are all older than this; {@code null}
   *     keeps everything
   * @param offForBenchmark records nothing: only to measure what auditing costs ({@code
   *     --bench-audit-off}); a server in use never runs so
   */
  public record AuditOptions(Duration retention, boolean offForBenchmark, Duration commitDelay) {
    /** Everything recorded and kept, the log's default commit delay. */
    public static final AuditOptions DEFAULTS =
        new AuditOptions(null, false, AuditLogOptions.DEFAULT_COMMIT_DELAY);

    public AuditOptions {
      if (retention != null && (retention.isNegative() || retention.isZero())) {
        throw new IllegalArgumentException("audit retention must be positive");
      }
      Objects.requireNonNull(commitDelay, "commitDelay");
    }
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

package io.keywarden.server.cli;

import io.keywarden.server.Keywarden;
import io.keywarden.server.ServerOptions;
import io.keywarden.server.ServerOptions.TlsOptions;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code keywarden server}: runs the server until interrupted. */
@Command(
    name = "server",
    description = {
      "Run the server. Production mode (default) serves a data directory made by 'keywarden init'",
      "and starts sealed unless a passphrase is given; --dev starts unsealed, in memory (or on",
      "--data-dir), and accepts any credentials."
    },
    mixinStandardHelpOptions = true)
public final class ServerCommand implements Callable<Integer> {
  @Option(names = "--dev", description = "Dev mode: any credentials, auto-unsealed, state in memory unless --data-dir.")
  boolean dev;

  @Option(names = "--data-dir", description = "Data directory (production default: $KEYWARDEN_DATA_DIR or ./keywarden-data).")
  Path dataDir;

  @Option(names = "--host", description = "Address to bind (default: ${DEFAULT-VALUE}).", defaultValue = ServerOptions.DEFAULT_HOST)
  String host;

  @Option(names = "--port", description = "Port (default: ${DEFAULT-VALUE}; 0 picks a free one).", defaultValue = "" + ServerOptions.DEFAULT_PORT)
  int port;

  @Option(names = "--account-id", description = "Dev mode: the account any access key acts as (default: ${DEFAULT-VALUE}).", defaultValue = ServerOptions.DEFAULT_DEV_ACCOUNT)
  String accountId;

  @Option(names = "--seed", description = "Dev mode: a YAML/JSON file of keys (fixed ids and material) and aliases to create.")
  Path seed;

  @Option(names = "--identities", description = "Dev mode: a YAML/JSON file of accounts, users (with fixed access keys), roles and policies to apply at start and after each reset (docs/identities.md).")
  Path identities;

  @Option(names = "--rotation-function", paramLabel = "ARN=URL",
      description = "Dev mode: the HTTP(S) endpoint that runs the rotation function RotationLambdaARN ARN names (repeatable; kept across resets; docs/secrets-rotation.md).")
  java.util.Map<String, String> rotationFunctions;

  @Option(names = "--tls-cert", description = "PEM certificate chain for HTTPS.")
  Path tlsCert;

  @Option(names = "--tls-key", description = "PEM (PKCS#8) private key for HTTPS.")
  Path tlsKey;

  @Option(names = "--tls-self-signed", split = ",", description = "Serve HTTPS with a self-signed certificate for these host names.")
  List<String> selfSignedHosts;

  @Option(names = "--passphrase-file", description = "Production: unseal at start with the passphrase in this file (or $KEYWARDEN_PASSPHRASE).")
  Path passphraseFile;

  @Option(names = "--jobs-interval", description = "Seconds between background job runs (deletion, rotation; default: ${DEFAULT-VALUE}).", defaultValue = "60")
  long jobsIntervalSeconds;

  @Option(names = "--worker-threads", description = "Threads for operations that touch storage (default: ${DEFAULT-VALUE}).", defaultValue = "8")
  int workerThreads;

  @Option(names = "--audit-retention-days",
      description = "Delete audit log segments whose records are all older than this many days (default: keep everything).")
  Integer auditRetentionDays;

  @Option(names = "--audit-commit-delay-micros",
      description = "Under concurrent calls, the audit log waits until a batch's first record is this old before it syncs, so that one fsync covers more calls; a lone caller never waits (0-10000, default: ${DEFAULT-VALUE}).",
      defaultValue = "200")
  long auditCommitDelayMicros;

  @Option(names = "--bench-audit-off", hidden = true,
      description = "BENCHMARK ONLY: answer calls without recording them in the audit log, to measure what auditing costs.")
  boolean benchAuditOff;

  @Option(names = "--exit-when-ready", hidden = true,
      description = "Start, answer one API call, and exit (trains the launcher's class-data archive).")
  boolean exitWhenReady;

  @Override
  public Integer call() throws Exception {
    if (!accountId.matches("\\d{12}")) {
      System.err.println("--account-id must be 12 digits");
      return 2;
    }
    if (seed != null && !dev) {
      System.err.println("--seed is for --dev mode");
      return 2;
    }
    if (identities != null && !dev) {
      System.err.println(
          "--identities is for --dev mode; apply a file to a production data directory with"
              + " 'keywarden iam apply FILE'");
      return 2;
    }
    if (rotationFunctions != null && !dev) {
      System.err.println("--rotation-function is for --dev mode; register a function in a data"
          + " directory with 'keywarden rotation register ARN URL'");
      return 2;
    }
    if (auditRetentionDays != null && auditRetentionDays < 1) {
      System.err.println("--audit-retention-days must be at least 1");
      return 2;
    }
    if (auditCommitDelayMicros < 0 || auditCommitDelayMicros > 10_000) {
      System.err.println("--audit-commit-delay-micros must be between 0 and 10000");
      return 2;
    }
    TlsOptions tls = null;
    if (tlsCert != null || tlsKey != null || (selfSignedHosts != null && !selfSignedHosts.isEmpty())) {
      tls = new TlsOptions(tlsCert, tlsKey, selfSignedHosts);
    }
    Path dir = dev ? dataDir : DataDirs.resolve(dataDir);
    char[] passphrase = dev ? null : Passphrases.fromFileOrEnv(passphraseFile);
    ServerOptions options =
        new ServerOptions(
            dev, dir, host, port, accountId, seed, identities, tls, passphrase,
            Duration.ofSeconds(Math.max(1, jobsIntervalSeconds)), workerThreads, Clock.systemUTC(),
            new ServerOptions.AuditOptions(
                auditRetentionDays == null ? null : Duration.ofDays(auditRetentionDays), benchAuditOff,
                Duration.ofNanos(auditCommitDelayMicros * 1000)));
    Keywarden server = Keywarden.start(options);
    if (rotationFunctions != null) {
      try {
        rotationFunctions.forEach(server::registerDevRotationFunction);
      } catch (IllegalArgumentException e) {
        server.close();
        System.err.println("--rotation-function: " + e.getMessage());
        return 2;
      }
    }
    if (exitWhenReady) {
      try {
        WarmUp.callOnce(server.endpoint());
      } finally {
        server.close();
      }
      return 0;
    }
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  server.close();
                  stopped.countDown();
                },
                "keywarden-shutdown"));
    System.out.println(
        "Keywarden listening on " + server.endpoint()
            + (dev ? " (dev mode: any credentials, account " + accountId
                + (dir == null ? ", in memory)" : ", " + dir + ")")
                : server.sealed() ? " (sealed: run 'keywarden unseal')" : " (unsealed)"));
    System.out.println(server.auditDirectory()
        .map(d -> "Audit log: " + d)
        .orElse("AUDIT IS OFF (--bench-audit-off): calls are answered without a record"));
    System.out.flush();
    stopped.await();
    return 0;
  }
}

package io.keywarden.server;

import io.keywarden.domain.audit.AuditLog;
import io.keywarden.domain.storage.Storage;
import io.keywarden.domain.trust.RootOfTrust;
import io.keywarden.domain.trust.UnsealException;
import io.keywarden.server.iam.IdentitiesFile;
import io.keywarden.server.seed.SeedFile;
import io.keywarden.services.cloudtrail.CloudTrailService;
import io.keywarden.services.explain.ExplainService;
import io.keywarden.services.identity.AccessKeys;
import io.keywarden.services.identity.Credentials;
import io.keywarden.services.identity.IdentityDirectory;
import io.keywarden.services.identity.SessionTokens;
import io.keywarden.services.identity.declared.ApplyResult;
import io.keywarden.services.identity.declared.IdentitiesApply;
import io.keywarden.services.kms.KmsService;
import io.keywarden.services.kms.KmsService.SeedKey;
import io.keywarden.services.secrets.SecretsManagerService;
import io.keywarden.services.secrets.rotation.RotationEndpoints;
import io.keywarden.services.secrets.rotation.RotationFunctions;
import io.keywarden.services.secrets.rotation.managed.ManagedRotators;
import io.keywarden.services.sts.StsService;
import io.keywarden.storage.memory.MemoryStorage;
import io.keywarden.storage.sqlite.SqliteStorage;
import io.keywarden.trust.dev.DevRootOfTrust;
import io.keywarden.trust.ephemeral.EphemeralRootOfTrust;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * A running Keywarden: storage and root of trust chosen by the mode, the audit log, the services over
 * them, the HTTP front end (which records every call in the audit log before answering it), and the
 * background jobs (KMS deletions and rotations, secret rotations; recorded too). {@link #start(ServerOptions)} builds it; {@link #close()} stops it.
 */
public final class Keywarden implements AutoCloseable {
  private static final Logger LOG = System.getLogger(Keywarden.class.getName());
  /** The region of seeded keys that name none. */
  public static final String DEFAULT_SEED_REGION = "us-east-1";

  private final ServerOptions options;
  private final Storage storage;
  private final RootOfTrust root;
  private final ServerAudit audit;
  private final KmsService kms;
  private final SecretsManagerService secrets;
  private final RotationFunctions rotationFunctions;
  /** Dev mode: HTTP rotation functions registered again after each reset ({@code --rotation-function}). */
  private final Map<String, String> devRotationFunctions = new ConcurrentHashMap<>();
  private final IdentityDirectory identities;
  private final AccessKeys accessKeys;
  private final AdminEndpoints admin;
  private final HttpFrontEnd http;
  private final ScheduledExecutorService jobs;
  private final ScheduledExecutorService identityWatch;

  private Keywarden(ServerOptions options) {
    this.options = options;
    this.storage = openStorage(options);
    ServerAudit openedAudit = null;
    try {
      this.root = openRoot(options, storage);
      this.audit = ServerAudit.open(options, root);
      openedAudit = audit;
      this.identities = new IdentityDirectory(storage.identities(), storage.settings());
      this.kms = new KmsService(storage, root, options.clock(), identities, null, audit.trail(),
          audit.keyUsage());
      this.accessKeys =
          new AccessKeys(storage.accessKeys(), root, options.clock(),
              options.dev() ? options.devAccountId() : null, identities);
      SessionTokens sessions = new SessionTokens(storage.settings(), root, options.clock(), identities);
      Credentials credentials = new Credentials(accessKeys, sessions);
      this.rotationFunctions = rotationFunctions(storage);
      this.secrets = new SecretsManagerService(storage, kms, options.clock(), identities, audit.trail(),
          rotationFunctions, SecretsManagerService.rotationThreads());
      SecretsManagerService service = secrets;
      // A reset wipes storage: the secrets and data keys held in memory go too.
      this.admin = new AdminEndpoints(options.dev(), root, storage, kms, accessKeys,
          () -> {
            service.clearCaches();
            applyDevFiles();
          });
      applyDevFiles();
      this.http =
          HttpFrontEnd.start(options,
              List.of(kms, new StsService(identities, sessions), new ExplainService(kms, identities),
                  secrets,
                  // The log's times are real time, whatever clock the services run on.
                  new CloudTrailService(audit.log().orElse(null), identities, Clock.systemUTC())),
              credentials, credentials::expired, admin, audit.trail());
    } catch (RuntimeException e) {
      if (openedAudit != null) {
        openedAudit.close();
      }
      storage.close();
      throw e;
    }
    this.jobs =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "keywarden-jobs");
              t.setDaemon(true);
              return t;
            });
    long every = Math.max(1, options.jobsInterval().toMillis());
    jobs.scheduleWithFixedDelay(this::runJobs, every, every, TimeUnit.MILLISECONDS);
    // Identities changed by another process (keywarden iam apply, another node) are seen within a
    // second: one settings read per second, a reload only on change.
    this.identityWatch =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "keywarden-identities");
              t.setDaemon(true);
              return t;
            });
    identityWatch.scheduleWithFixedDelay(identities::refreshIfChanged, 1, 1, TimeUnit.SECONDS);
  }

  public static Keywarden start(ServerOptions options) {
    return new Keywarden(options);
  }

  /** {@code http://host:port} (or https). */
  public URI endpoint() {
    return http.endpoint();
  }

  public int port() {
    return http.port();
  }

  /** The TLS certificate chain the server presents (leaf first); empty without TLS. */
  public List<java.security.cert.X509Certificate> certificateChain() {
    return http.certificateChain();
  }

  public KmsService kms() {
    return kms;
  }

  /** Secrets Manager (tests: its rotation engine). */
  public SecretsManagerService secrets() {
    return secrets;
  }

  /**
   * The rotation functions RotationLambdaARNs name: the HTTP endpoints registered in the data
   * directory ({@code keywarden rotation register}) and the managed rotators.
   */
  public RotationFunctions rotationFunctions() {
    return rotationFunctions;
  }

  /**
   * Dev mode: registers an HTTP rotation function for {@code lambdaArn}, again after each reset
   * ({@code keywarden server --dev --rotation-function ARN=URL}).
   */
  public void registerDevRotationFunction(String lambdaArn, String url) {
    if (!options.dev()) {
      throw new IllegalStateException("use 'keywarden rotation register' outside dev mode");
    }
    rotationFunctions.endpoints().register(lambdaArn, url);
    devRotationFunctions.put(lambdaArn, url);
  }

  /** The audit log every call is recorded in (empty only with the benchmark's audit-off switch). */
  public Optional<AuditLog> auditLog() {
    return audit.log();
  }

  /** Where the audit log is (a temporary directory for a dev server in memory). */
  public Optional<Path> auditDirectory() {
    return audit.directory();
  }

  /** The users and roles the server knows (tests: force a reload after changing storage). */
  public IdentityDirectory identities() {
    return identities;
  }

  public boolean sealed() {
    return root.isSealed();
  }

  /** Runs the background jobs now (tests; the scheduler runs them periodically). */
  public int runJobs() {
    if (root.isSealed()) {
      return 0;
    }
    int done = 0;
    try {
      done += kms.backgroundJobs().runDue();
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "KMS background jobs failed", e);
    }
    try {
      done += secrets.backgroundJobs().runDue();
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "Secrets Manager background jobs failed", e);
    }
    try {
      done += secrets.rotations().runDue();
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "secret rotation scheduler failed", e);
    }
    return done;
  }

  @Override
  public void close() {
    jobs.shutdownNow();
    identityWatch.shutdownNow();
    secrets.rotations().shutdown();
    http.close();
    audit.close();
    storage.close();
  }

  /** Dev mode, at start and after each reset: the seed file's keys, the identities file. */
  private void applyDevFiles() {
    applySeed();
    applyIdentities();
    identities.reload();
    devRotationFunctions.forEach(rotationFunctions.endpoints()::register);
  }

  /**
   * The rotation functions: HTTP endpoints registered in the installation's settings, and the
   * managed database rotators (PostgreSQL, MySQL, MariaDB).
   */
  private static RotationFunctions rotationFunctions(Storage storage) {
    return ManagedRotators.registerIn(new RotationFunctions(new RotationEndpoints(storage.settings()),
        RotationFunctions.DEFAULT_HTTP_TIMEOUT));
  }

  private void applyIdentities() {
    if (options.identitiesFile() == null) {
      return;
    }
    ApplyResult result;
    try {
      result =
          new IdentitiesApply(storage, accessKeys, options.clock())
              .apply(IdentitiesFile.read(options.identitiesFile()), false);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read identities file " + options.identitiesFile(), e);
    }
    LOG.log(Level.INFO, "identities file {0}: {1} change(s)", options.identitiesFile(),
        result.changes().size());
    for (ApplyResult.Issued issued : result.issued()) {
      // Dev mode only: shown once on the console (never logged), as 'keywarden init' shows keys.
      char[] secret = issued.key().secretAccessKey();
      try {
        System.out.println("Access key of user " + issued.accountId() + "/" + issued.userName()
            + " (shown only now): AWS_ACCESS_KEY_ID=" + issued.key().accessKeyId()
            + " AWS_SECRET_ACCESS_KEY=" + new String(secret));
      } finally {
        Arrays.fill(secret, '\0');
        issued.key().destroy();
      }
    }
  }

  private void applySeed() {
    if (options.seedFile() == null) {
      return;
    }
    try {
      for (SeedKey k : SeedFile.read(options.seedFile(), options.devAccountId(), DEFAULT_SEED_REGION)) {
        kms.seedKey(k);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read seed file " + options.seedFile(), e);
    }
  }

  private static Storage openStorage(ServerOptions o) {
    if (o.dev() && o.dataDir() == null) {
      return new MemoryStorage();
    }
    return SqliteStorage.open(o.dataDir());
  }

  private static RootOfTrust openRoot(ServerOptions o, Storage storage) {
    if (o.dev()) {
      return o.dataDir() == null ? new EphemeralRootOfTrust() : DevRootOfTrust.openOrCreate(storage.settings());
    }
    if (!Installation.isInitialized(storage)) {
      throw new IllegalStateException(
          o.dataDir() + " is not initialised: run 'keywarden init --data-dir " + o.dataDir() + "'");
    }
    RootOfTrust root = Installation.rootOf(storage);
    if (o.passphrase() != null) {
      try {
        root.unseal(o.passphrase());
      } catch (UnsealException e) {
        throw new IllegalStateException(e.getMessage(), e);
      } finally {
        Arrays.fill(o.passphrase(), '\0');
      }
    }
    return root;
  }
}

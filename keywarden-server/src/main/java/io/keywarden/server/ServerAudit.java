package io.keywarden.server;

import io.keywarden.audit.file.AuditLogOptions;
import io.keywarden.audit.file.FileAuditLog;
import io.keywarden.audit.signing.AuditSigningKey;
import io.keywarden.domain.audit.AuditLog;
import io.keywarden.domain.trust.RootOfTrust;
import io.keywarden.services.api.KeyLastUsage;
import io.keywarden.services.audit.AuditTrail;
import io.keywarden.services.audit.KeyUsageIndex;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The server's audit log and the trail that records calls in it: {@code <data dir>/audit}, signed
 * with a key wrapped by the server's root of trust; for a dev server in memory, a temporary directory
 * that is removed when the server stops (its state, and so its history, is gone too). Audit is on in
 * every mode; only the benchmark's {@code --bench-audit-off} turns it off. The trail feeds the key
 * last-usage index (KMS GetKeyLastUsage), which also reads the last {@link #KEY_USAGE_WINDOW} of the
 * log at start-up.
 */
final class ServerAudit implements AutoCloseable {
  private static final Logger LOG = System.getLogger(ServerAudit.class.getName());

  /** How far back the key last-usage index reads the log at start-up. */
  static final Duration KEY_USAGE_WINDOW = Duration.ofDays(90);

  private final FileAuditLog log;
  private final AuditTrail trail;
  private final Path temporary;
  private final KeyLastUsage usage;
  private final Thread usageRebuild;

  private ServerAudit(FileAuditLog log, AuditTrail trail, Path temporary, KeyUsageIndex index) {
    this.log = log;
    this.trail = trail;
    this.temporary = temporary;
    this.usage = index == null ? KeyLastUsage.NOT_TRACKED : index;
    if (index == null) {
      this.usageRebuild = null;
    } else {
      // Calls are tracked from now on; the log's past is read meanwhile, on a thread of its own.
      Instant now = Instant.now();
      this.usageRebuild = new Thread(() -> {
        try {
          index.rebuild(log, now.minus(KEY_USAGE_WINDOW), now.plus(Duration.ofDays(1)));
        } catch (RuntimeException e) {
          LOG.log(Level.WARNING, "key last-usage index: could not read the audit log's past", e);
        }
      }, "keywarden-key-usage");
      usageRebuild.setDaemon(true);
      usageRebuild.start();
    }
  }

  static ServerAudit open(ServerOptions options, RootOfTrust root) {
    ServerOptions.AuditOptions settings = options.audit();
    if (settings.offForBenchmark()) {
      LOG.log(Level.WARNING, "AUDIT IS OFF (--bench-audit-off): calls are answered without a record."
          + " Use this only to measure what auditing costs.");
      return new ServerAudit(null, AuditTrail.none(), null, null);
    }
    Path temporary = null;
    try {
      Path dir;
      if (options.dataDir() != null) {
        dir = FileAuditLog.directoryOf(options.dataDir());
      } else {
        temporary = Files.createTempDirectory("keywarden-audit-");
        dir = temporary;
      }
      AuditLogOptions logOptions = AuditLogOptions.defaults().withCommitDelay(settings.commitDelay());
      if (settings.retention() != null) {
        logOptions = logOptions.withRetention(settings.retention());
      }
      // The log's own times (digests, retention) are real time, whatever clock the services run on.
      FileAuditLog log =
          FileAuditLog.open(dir, AuditSigningKey.in(dir, root), logOptions, Clock.systemUTC());
      KeyUsageIndex usage = new KeyUsageIndex(Instant.now());
      return new ServerAudit(log, AuditTrail.over(log, Clock.systemUTC(), usage), temporary, usage);
    } catch (IOException e) {
      deleteQuietly(temporary);
      throw new UncheckedIOException("cannot open the audit log", e);
    } catch (RuntimeException e) {
      deleteQuietly(temporary);
      throw e;
    }
  }

  AuditTrail trail() {
    return trail;
  }

  /** The log, unless audit is off for a benchmark. */
  Optional<AuditLog> log() {
    return Optional.ofNullable(log);
  }

  /** Where the log is, unless audit is off for a benchmark. */
  Optional<Path> directory() {
    return log == null ? Optional.empty() : Optional.of(log.directory());
  }

  /** Each key's last cryptographic use, for KMS GetKeyLastUsage (nothing while audit is off). */
  KeyLastUsage keyUsage() {
    return usage;
  }

  /** Seals the log with a final digest; removes a dev server's temporary log. */
  @Override
  public void close() {
    if (usageRebuild != null) {
      usageRebuild.interrupt();
    }
    if (log != null) {
      log.close();
    }
    deleteQuietly(temporary);
  }

  private static void deleteQuietly(Path dir) {
    if (dir == null) {
      return;
    }
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException | UncheckedIOException e) {
      LOG.log(Level.DEBUG, "could not remove the temporary audit log " + dir);
    }
  }
}

package io.keywarden.services.secrets;

import io.keywarden.domain.secret.SecretRecord;
import io.keywarden.domain.storage.SecretRepository;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Instant;

/**
 * The work Secrets Manager does on its own: permanently removing the secrets whose recovery window
 * has ended ({@code DeletedDate} passed), each recorded as {@code EndSecretVersionDelete} by {@link
 * SecretPurge}. {@link #runDue()} is idempotent and safe to run from a scheduler on every node at
 * once; the clock is the service's, so tests move it rather than wait.
 */
public final class SecretsBackgroundJobs {
  private static final Logger LOG = System.getLogger(SecretsBackgroundJobs.class.getName());

  private final SecretRepository secrets;
  private final SecretPurge purge;
  private final Clock clock;

  SecretsBackgroundJobs(SecretRepository secrets, SecretPurge purge, Clock clock) {
    this.secrets = secrets;
    this.purge = purge;
    this.clock = clock;
  }

  /** Removes every secret whose deletion date has passed; returns how many this run removed. */
  public int runDue() {
    Instant now = clock.instant();
    int removed = 0;
    for (SecretRecord s : secrets.markedForDeletion()) {
      if (s.deletedDate().isAfter(now)) {
        continue;
      }
      try {
        if (purge.purge(s)) {
          removed++;
        }
      } catch (RuntimeException e) {
        LOG.log(Level.WARNING, "purging secret " + s.arn() + " failed; retrying on the next run", e);
      }
    }
    return removed;
  }
}

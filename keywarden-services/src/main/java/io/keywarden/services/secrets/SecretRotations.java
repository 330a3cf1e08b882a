package io.keywarden.services.secrets;

import io.keywarden.domain.audit.AuditUnavailableException;
import io.keywarden.domain.secret.SecretRecord;
import io.keywarden.domain.secret.SecretRotation;
import io.keywarden.domain.secret.SecretVersion;
import io.keywarden.domain.storage.StaleRecordException;
import io.keywarden.services.api.AuditResource;
import io.keywarden.services.api.ServiceEvent;
import io.keywarden.services.api.ServiceEvents;
import io.keywarden.services.secrets.rotation.RotationEvent;
import io.keywarden.services.secrets.rotation.RotationFailedException;
import io.keywarden.services.secrets.rotation.RotationFunction;
import io.keywarden.services.secrets.rotation.RotationFunctions;
import io.keywarden.services.secrets.rotation.RotationSchedule;
import io.keywarden.services.secrets.rotation.RotationSecrets;
import io.keywarden.services.secrets.rotation.RotationStep;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BiFunction;

/**
 * Runs secret rotations: AWS's protocol ({@code createSecret}, {@code setSecret}, {@code testSecret},
 * {@code finishSecret}, each with the new version's id as {@code ClientRequestToken}) against the
 * function the secret's {@code RotationLambdaARN} names, off the request thread. A rotation succeeded
 * when {@code finishSecret} left AWSCURRENT on the new version (AWSPREVIOUS then on the old one):
 * AWSPENDING is taken off it, {@code LastRotatedDate} set and the next window computed. A failed step
 * is recorded on the secret ({@link SecretRotation#lastFailure()}, shown by DescribeSecret) and the
 * AWSPENDING version kept; the rotation is reattempted, with the same version id, after {@link
 * #RETRY_DELAYS}, then in the schedule's next window, or at the next RotateSecret.
 *
 * <p>Only one node runs a secret's rotation: whoever starts one (RotateSecret, or {@link #runDue()} on
 * any node) first takes a lease on the record by compare-and-swap; a node that dies mid-rotation loses
 * the lease after {@link #LEASE}, and the scheduler then reattempts the rotation.
 *
 * <p>Each rotation is audited as AWS records it: {@code RotationStarted}, then {@code
 * RotationSucceeded}, {@code RotationFailed} (with the step and the message) or {@code
 * RotationAbandoned}, as {@code AwsServiceEvent}s of {@code secretsmanager.amazonaws.com}.
 */
public final class SecretRotations {
  private static final Logger LOG = System.getLogger(SecretRotations.class.getName());
  /** How long a rotation may run before another node may take it over. */
  static final Duration LEASE = Duration.ofMinutes(15);
  /** After the first and second failure of an attempt, how long until the automatic retry. */
  static final List<Duration> RETRY_DELAYS = List.of(Duration.ofMinutes(1), Duration.ofMinutes(5));
  private static final String SECRET_TYPE = "AWS::SecretsManager::Secret";

  private final SecretBook book;
  private final RotationFunctions functions;
  private final BiFunction<String, String, RotationSecrets> secretsFor;
  private final ServiceEvents events;
  private final ExecutorService executor;
  private final Map<String, CompletableFuture<Void>> running = new ConcurrentHashMap<>();

  /**
   * @param secretsFor the Secrets Manager calls a managed rotator makes, for an account and region
   * @param executor where rotations run
   */
  SecretRotations(SecretBook book, RotationFunctions functions,
      BiFunction<String, String, RotationSecrets> secretsFor, ServiceEvents events,
      ExecutorService executor) {
    this.book = book;
    this.functions = functions;
    this.secretsFor = secretsFor;
    this.events = events;
    this.executor = executor;
  }

  /** The registry of rotation functions (HTTP endpoints, managed rotators). */
  public RotationFunctions functions() {
    return functions;
  }

  /** Whether {@code lambdaArn} names a function that can be invoked. */
  boolean invocable(String lambdaArn) {
    return functions.exists(lambdaArn);
  }

  /**
   * Starts a rotation that the caller has leased on the record: every step, or only {@code testSecret}
   * (RotateSecret with {@code RotateImmediately} false, whose test version is removed afterwards).
   */
  void launch(String arn, String token, boolean testOnly) {
    CompletableFuture<Void> run = CompletableFuture.runAsync(() -> run(arn, token, testOnly), executor);
    running.put(arn + "#" + token, run);
    run.whenComplete((v, e) -> running.remove(arn + "#" + token, run));
  }

  /**
   * Starts every rotation that is due: a scheduled window that has opened, or a failed rotation whose
   * retry time has come, or one whose node lost its lease. Safe on every node at once.
   *
   * @return how many rotations it started
   */
  public int runDue() {
    Instant now = book.now();
    int started = 0;
    for (SecretRecord s : book.repository().listWithRotation()) {
      try {
        if (startIfDue(s, now)) {
          started++;
        }
      } catch (StaleRecordException e) {
        LOG.log(Level.DEBUG, "secret {0} changed meanwhile; its rotation is left for the next run", s.arn());
      } catch (RuntimeException e) {
        LOG.log(Level.WARNING, "could not start the rotation of " + s.arn(), e);
      }
    }
    return started;
  }

  /** Waits until no rotation started on this node is running (tests; shutdown). */
  public void awaitIdle(Duration timeout) throws TimeoutException, InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!running.isEmpty()) {
      for (CompletableFuture<Void> f : List.copyOf(running.values())) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          throw new TimeoutException("rotations still running: " + running.keySet());
        }
        try {
          f.get(left, TimeUnit.NANOSECONDS);
        } catch (ExecutionException e) {
          // Logged where it ran.
        }
      }
    }
  }

  /** Stops running rotations (shutdown); their leases run out and another node reattempts them. */
  public void shutdown() {
    executor.shutdownNow();
  }

  private boolean startIfDue(SecretRecord s, Instant now) {
    SecretRotation r = s.rotation();
    if (s.deletedDate() != null || r.lambdaArn() == null
        || r.leaseUntil() != null && r.leaseUntil().isAfter(now)) {
      return false;
    }
    SecretVersion pending = pending(s);
    String token;
    List<SecretVersion> versions = s.versions();
    if (pending != null) {
      if (!retryDue(r, now)) {
        return false;
      }
      token = pending.versionId();
    } else {
      if (!r.enabled() || r.windowStart() == null || r.windowStart().isAfter(now)) {
        return false;
      }
      token = UUID.randomUUID().toString();
      versions = withPendingVersion(versions, token, now);
    }
    book.repository().put(s.next().versions(versions).rotation(r.withLease(now.plus(LEASE))).build());
    launch(s.arn(), token, false);
    return true;
  }

  /**
   * Whether a rotation left unfinished is to be reattempted now: after a failure, once its retry delay
   * has passed (then in the next window); after a lost lease, at once.
   */
  private static boolean retryDue(SecretRotation r, Instant now) {
    if (r.lastFailure() == null) {
      return true;
    }
    if (r.failedAttempts() <= RETRY_DELAYS.size()) {
      return !r.lastFailure().date().plus(RETRY_DELAYS.get(r.failedAttempts() - 1)).isAfter(now);
    }
    return r.enabled() && r.windowStart() != null && !r.windowStart().isAfter(now);
  }

  /** The version with AWSPENDING but not AWSCURRENT: a rotation in progress, or unfinished. */
  static SecretVersion pending(SecretRecord s) {
    SecretVersion v = StagingLabels.holder(s.versions(), StagingLabels.PENDING);
    return v == null || v.hasStage(StagingLabels.CURRENT) ? null : v;
  }

  /** {@code versions} with a new empty version {@code token} holding AWSPENDING (from wherever it was). */
  static List<SecretVersion> withPendingVersion(List<SecretVersion> versions, String token, Instant now) {
    List<SecretVersion> out = new ArrayList<>(versions);
    out.add(new SecretVersion(token, List.of(), now, null, null));
    return StagingLabels.move(out, StagingLabels.PENDING, token);
  }

  private void run(String arn, String token, boolean testOnly) {
    SecretRecord s = book.repository().find(arn).orElse(null);
    if (s == null || s.rotation() == null) {
      return;
    }
    String lambdaArn = s.rotation().lambdaArn();
    RotationSecrets secrets = secretsFor.apply(s.accountId(), s.region());
    Optional<RotationFunction> function = functions.resolve(lambdaArn, secrets);
    record(s, "RotationStarted", token, null);
    List<RotationStep> steps = testOnly ? List.of(RotationStep.TEST_SECRET) : List.of(RotationStep.values());
    for (RotationStep step : steps) {
      if (function.isEmpty()) {
        fail(arn, token, step, "Secrets Manager cannot invoke the specified Lambda function " + lambdaArn
            + ".", testOnly);
        return;
      }
      if (!stillPending(arn, token)) {
        abandon(arn, token);
        return;
      }
      try {
        function.get().invoke(new RotationEvent(arn, token, step));
      } catch (RotationFailedException e) {
        fail(arn, token, step, e.getMessage(), testOnly);
        return;
      } catch (RuntimeException e) {
        LOG.log(Level.WARNING, "rotation function " + lambdaArn + " failed at " + step.wireName(), e);
        fail(arn, token, step, "the rotation function failed: " + e.getClass().getSimpleName(), testOnly);
        return;
      }
    }
    if (testOnly) {
      finishTest(arn, token);
    } else {
      succeed(arn, token);
    }
  }

  private boolean stillPending(String arn, String token) {
    return book.repository().find(arn)
        .flatMap(s -> s.version(token))
        .map(v -> v.hasStage(StagingLabels.PENDING))
        .orElse(false);
  }

  /** Checks that finishSecret made the new version current, and records the success. */
  private void succeed(String arn, String token) {
    String[] failure = new String[1];
    SecretRecord done = book.retrying(() -> {
      SecretRecord s = book.repository().find(arn).orElse(null);
      if (s == null) {
        return null;
      }
      Optional<SecretVersion> v = s.version(token);
      if (v.isEmpty() || !v.get().hasStage(StagingLabels.CURRENT)) {
        failure[0] = "finishSecret did not move AWSCURRENT to version " + token;
        return null;
      }
      Instant now = book.now();
      SecretRotation r = s.rotation();
      RotationSchedule.Window next = schedule(r).map(x -> x.next(now, now)).orElse(null);
      List<SecretVersion> versions = StagingLabels.detach(s.versions(), token, StagingLabels.PENDING);
      SecretRecord out = s.next().versions(versions).lastChangedDate(now)
          .rotation(r.succeeded(now, next == null ? null : next.start(), next == null ? null : next.end()))
          .build();
      book.repository().put(out);
      return out;
    });
    if (failure[0] != null) {
      fail(arn, token, RotationStep.FINISH_SECRET, failure[0], false);
    } else if (done != null) {
      LOG.log(Level.INFO, "rotated secret {0} to version {1}", arn, token);
      record(done, "RotationSucceeded", token, null);
    }
  }

  /** RotateImmediately false: the test version goes, whatever the test said. */
  private void finishTest(String arn, String token) {
    book.retrying(() -> {
      SecretRecord s = book.repository().find(arn).orElse(null);
      if (s == null) {
        return null;
      }
      List<SecretVersion> versions = new ArrayList<>(s.versions());
      versions.removeIf(v -> v.versionId().equals(token) && !v.hasStage(StagingLabels.CURRENT));
      book.repository().put(s.next().versions(versions).rotation(s.rotation().withLease(null)).build());
      return null;
    });
  }

  private void fail(String arn, String token, RotationStep step, String message, boolean testOnly) {
    LOG.log(Level.INFO, "rotation of secret {0} failed at {1}: {2}", arn, step.wireName(), message);
    SecretRecord failed = book.retrying(() -> {
      SecretRecord s = book.repository().find(arn).orElse(null);
      if (s == null) {
        return null;
      }
      Instant now = book.now();
      SecretRotation r = s.rotation().failed(new SecretRotation.Failure(step.wireName(), message, now));
      if (r.failedAttempts() > RETRY_DELAYS.size()) {
        // The automatic retries are spent: the next window (or RotateSecret) reattempts it.
        RotationSchedule.Window next = schedule(r).map(x -> x.next(now, now)).orElse(null);
        if (next != null) {
          r = new SecretRotation(r.enabled(), r.lambdaArn(), r.automaticallyAfterDays(),
              r.scheduleExpression(), r.duration(), r.lastRotatedDate(), r.nextRotationDate(),
              next.start(), null, r.lastFailure(), r.failedAttempts());
        }
      }
      SecretRecord out = s.next().rotation(r).build();
      book.repository().put(out);
      return out;
    });
    if (failed != null) {
      Map<String, String> details = new LinkedHashMap<>();
      details.put("failedStep", step.wireName());
      details.put("failureMessage", message);
      record(failed, "RotationFailed", token, details);
    }
    if (testOnly) {
      finishTest(arn, token);
    }
  }

  private void abandon(String arn, String token) {
    SecretRecord s = book.retrying(() -> {
      SecretRecord r = book.repository().find(arn).orElse(null);
      if (r == null) {
        return null;
      }
      SecretRecord out = r.next().rotation(r.rotation().withLease(null)).build();
      book.repository().put(out);
      return out;
    });
    if (s != null) {
      record(s, "RotationAbandoned", token, null);
    }
  }

  /** The schedule of a secret's stored rules (validated when they were set), if it has one. */
  static Optional<RotationSchedule> schedule(SecretRotation r) {
    if (r.automaticallyAfterDays() == null && r.scheduleExpression() == null) {
      return Optional.empty();
    }
    return Optional.of(RotationSchedule.of(r.automaticallyAfterDays(), r.scheduleExpression(), r.duration()));
  }

  private void record(SecretRecord s, String eventName, String token, Map<String, String> extra) {
    Map<String, String> details = new LinkedHashMap<>();
    details.put("secretId", s.arn());
    details.put("clientRequestToken", token);
    if (extra != null) {
      details.putAll(extra);
    }
    ServiceEvent event = new ServiceEvent("secretsmanager", eventName, s.region(), s.accountId(),
        List.of(new AuditResource(SECRET_TYPE, s.arn(), s.accountId())), null, details);
    try {
      events.record(event);
    } catch (AuditUnavailableException e) {
      LOG.log(Level.ERROR, "the audit log did not record " + eventName + " of " + s.arn(), e);
    }
  }
}

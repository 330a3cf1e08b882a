package io.keywarden.services.audit;

import io.keywarden.domain.audit.AuditEvent;
import io.keywarden.domain.audit.AuditLog;
import io.keywarden.domain.audit.AuditUnavailableException;
import io.keywarden.services.api.ServiceEvent;
import io.keywarden.services.api.ServiceEvents;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/**
 * Records calls and service events in the audit log. {@link #record(ApiCall)} completes once every
 * record of the call is durable, and exceptionally (with {@link AuditUnavailableException}) if any
 * could not be built or made durable: the caller then must not release the call's answer.
 *
 * <p>{@link #none()} records nothing. Only the benchmark's audit-off switch and protocol tests that
 * do not look at audit use it; a server records every call.
 */
public final class AuditTrail implements ServiceEvents {
  private static final AuditTrail NONE = new AuditTrail(null, Clock.systemUTC(), null);

  private static final System.Logger LOG = System.getLogger(AuditTrail.class.getName());

  private final AuditLog log;
  private final Clock clock;
  private final Listener listener;

  /** Told of each call once all its records are durable, before the call is answered. */
  public interface Listener {
    /**
     * @param events the call's records, as {@link CloudTrailEvents#apiCall} made them
     */
    void recorded(ApiCall call, List<AuditEvent> events);
  }

  private AuditTrail(AuditLog log, Clock clock, Listener listener) {
    this.log = log;
    this.clock = clock;
    this.listener = listener;
  }

  /**
   * @param clock the time stamped on service events (API calls carry the time they were received)
   */
  public static AuditTrail over(AuditLog log, Clock clock) {
    return new AuditTrail(Objects.requireNonNull(log, "log"), Objects.requireNonNull(clock, "clock"), null);
  }

  /**
   * As {@link #over(AuditLog, Clock)}, telling {@code listener} of each call once its records are
   * durable (and before the call is answered, so that what the listener learns is visible to the
   * caller's next call). A listener's failure is logged; it never fails the call.
   */
  public static AuditTrail over(AuditLog log, Clock clock, Listener listener) {
    return new AuditTrail(Objects.requireNonNull(log, "log"), Objects.requireNonNull(clock, "clock"),
        Objects.requireNonNull(listener, "listener"));
  }

  /** A trail that records nothing (the benchmark's audit-off switch; protocol tests). */
  public static AuditTrail none() {
    return NONE;
  }

  /** Whether calls are recorded: when not, callers skip building records altogether. */
  public boolean enabled() {
    return log != null;
  }

  /** Appends the records of {@code call}; the future completes when all are durable. */
  public CompletableFuture<Void> record(ApiCall call) {
    if (log == null) {
      return CompletableFuture.completedFuture(null);
    }
    try {
      List<AuditEvent> events = CloudTrailEvents.apiCall(call);
      CompletableFuture<Void> durable;
      if (events.size() == 1) {
        durable = log.append(events.get(0));
      } else {
        CompletableFuture<?>[] appends = new CompletableFuture<?>[events.size()];
        for (int i = 0; i < appends.length; i++) {
          appends[i] = log.append(events.get(i));
        }
        durable = CompletableFuture.allOf(appends);
      }
      return listener == null ? durable : durable.thenRun(() -> tell(call, events));
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(
          new AuditUnavailableException("cannot record request " + call.requestId(), e));
    }
  }

  private void tell(ApiCall call, List<AuditEvent> events) {
    try {
      listener.recorded(call, events);
    } catch (RuntimeException e) {
      LOG.log(System.Logger.Level.WARNING, "audit listener failed for request " + call.requestId(), e);
    }
  }

  /** Appends a service event and waits until it is durable. */
  @Override
  public void record(ServiceEvent event) {
    if (log == null) {
      return;
    }
    try {
      log.append(CloudTrailEvents.serviceEvent(event, clock.instant())).get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AuditUnavailableException("interrupted while recording " + event.eventName(), e);
    } catch (ExecutionException | CompletionException e) {
      throw unavailable(event, e.getCause());
    } catch (RuntimeException e) {
      throw unavailable(event, e);
    }
  }

  private static AuditUnavailableException unavailable(ServiceEvent event, Throwable cause) {
    return cause instanceof AuditUnavailableException a
        ? a
        : new AuditUnavailableException("cannot record " + event.eventName(), cause);
  }
}

package io.keywarden.services.cloudtrail;

import io.keywarden.domain.audit.AuditLog;
import io.keywarden.services.api.ApiException;
import io.keywarden.services.api.ApiService;
import io.keywarden.services.api.OperationBinding;
import io.keywarden.services.api.OperationTable;
import io.keywarden.services.identity.IdentityPolicies;
import java.time.Clock;
import java.util.Map;
import java.util.Objects;

/**
 * AWS CloudTrail (model {@code cloudtrail}, AWS JSON 1.1, target prefix {@code
 * com.amazonaws.cloudtrail.v20131101.CloudTrail_20131101}, SigV4 name {@code cloudtrail}): {@code
 * LookupEvents} over the audit log, so that {@code aws cloudtrail lookup-events} reads what Keywarden
 * recorded. Every other operation of the model answers {@code UnsupportedOperationException}.
 *
 * <p>CloudTrail's model has no {@code ValidationException}: CloudTrail answers bad input with the
 * exceptions each operation lists ({@code InvalidMaxResultsException}...), so this service checks its
 * input itself ({@link #checksModelConstraints()} is {@code false}).
 */
public final class CloudTrailService implements ApiService {
  /** The JSON protocol's target prefix. */
  public static final String TARGET_PREFIX = "com.amazonaws.cloudtrail.v20131101.CloudTrail_20131101";

  private final Map<String, OperationBinding> operations;

  /**
   * @param log the audit log to read; {@code null} when calls are not recorded (the benchmark's audit
   *     off): LookupEvents then finds nothing
   * @param identities the IAM side: who may call {@code cloudtrail:LookupEvents}
   */
  public CloudTrailService(AuditLog log, IdentityPolicies identities, Clock clock) {
    Objects.requireNonNull(identities, "identities");
    Objects.requireNonNull(clock, "clock");
    LookupEventsOperation lookup = new LookupEventsOperation(log, identities, clock);
    // Reads the log from disk: on the blocking pool.
    this.operations = new OperationTable().blocking("LookupEvents", lookup::invoke).toMap();
  }

  @Override
  public String modelName() {
    return "cloudtrail";
  }

  @Override
  public String signingName() {
    return "cloudtrail";
  }

  @Override
  public String targetPrefix() {
    return TARGET_PREFIX;
  }

  @Override
  public Map<String, OperationBinding> operations() {
    return operations;
  }

  @Override
  public ApiException notImplemented(String operation) {
    return CloudTrailErrors.unsupported(operation);
  }

  @Override
  public boolean checksModelConstraints() {
    return false;
  }
}

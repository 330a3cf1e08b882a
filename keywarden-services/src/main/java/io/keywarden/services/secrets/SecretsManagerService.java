package io.keywarden.services.secrets;

import io.keywarden.domain.storage.Storage;
import io.keywarden.services.api.ApiException;
import io.keywarden.services.api.ApiService;
import io.keywarden.services.api.OperationBinding;
import io.keywarden.services.api.OperationTable;
import io.keywarden.services.audit.AuditTrail;
import io.keywarden.services.identity.IdentityPolicies;
import io.keywarden.services.kms.KmsService;
import io.keywarden.services.secrets.rotation.RotationEndpoints;
import io.keywarden.services.secrets.rotation.RotationFunctions;
import io.keywarden.services.secrets.rotation.managed.ManagedRotators;
import java.time.Clock;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * AWS Secrets Manager (model {@code secretsmanager}, AWS JSON 1.1, target prefix and SigV4 name
 * {@code secretsmanager}): CreateSecret, GetSecretValue, PutSecretValue, UpdateSecret, DescribeSecret,
 * ListSecrets, BatchGetSecretValue, ListSecretVersionIds, UpdateSecretVersionStage, DeleteSecret,
 * RestoreSecret, TagResource, UntagResource, Get/Put/Delete/ValidateResourcePolicy,
 * GetRandomPassword, RotateSecret and CancelRotateSecret, and replication: ReplicateSecretToRegions,
 * RemoveRegionsFromReplication, StopReplicationToReplica ({@link ReplicationOperations}, {@link
 * ReplicaSync}). Values are envelope-encrypted through {@code kms} on the caller's behalf ({@link
 * SecretEnvelope}); calls are authorised by identity and resource policies ({@link SecretAccess}).
 * Rotations run in the background ({@link SecretRotations}: started by RotateSecret, and by {@link
 * SecretRotations#runDue()} when a schedule is due) against the functions of {@link
 * RotationFunctions}. Secrets whose recovery window has ended are removed by {@link
 * #backgroundJobs()}. That is every operation of the model; an operation it does not have answers
 * {@code UnsupportedOperationException}.
 */
public final class SecretsManagerService implements ApiService {
  private final Map<String, OperationBinding> operations;
  private final SecretRecordCache records;
  private final DataKeyCache dataKeys = new DataKeyCache();
  private final SecretsBackgroundJobs jobs;
  private final SecretRotations rotations;

  /**
   * A service whose KMS calls are not audited (tests of the service alone).
   *
   * @param kms the KMS whose GenerateDataKey and Decrypt protect the values
   * @param identities the IAM side: the callers' identity policies
   */
  public SecretsManagerService(Storage storage, KmsService kms, Clock clock, IdentityPolicies identities) {
    this(storage, kms, clock, identities, AuditTrail.none());
  }

  /**
   * A service with the HTTP rotation functions registered in {@code storage}'s settings, the managed
   * database rotators ({@link ManagedRotators}), and rotations on daemon threads of its own.
   *
   * @param trail where the KMS calls this service makes on callers' behalf, and the deletions it
   *     makes on its own, are recorded (a server's audit trail)
   */
  public SecretsManagerService(Storage storage, KmsService kms, Clock clock, IdentityPolicies identities,
      AuditTrail trail) {
    this(storage, kms, clock, identities, trail,
        ManagedRotators.registerIn(new RotationFunctions(new RotationEndpoints(storage.settings()),
            RotationFunctions.DEFAULT_HTTP_TIMEOUT)),
        rotationThreads());
  }

  /**
   * @param trail where the calls this service makes itself (to KMS, and a managed rotator's) and its
   *     rotation events are recorded
   * @param functions the rotation functions that RotationLambdaARNs name
   * @param rotationExecutor where rotations run (shut down by {@link SecretRotations#shutdown()})
   */
  public SecretsManagerService(Storage storage, KmsService kms, Clock clock, IdentityPolicies identities,
      AuditTrail trail, RotationFunctions functions, ExecutorService rotationExecutor) {
    Objects.requireNonNull(kms, "kms");
    Objects.requireNonNull(trail, "trail");
    Objects.requireNonNull(clock, "clock");
    // Every read and write of the service goes through the record cache (ADR 14).
    this.records = new SecretRecordCache(storage.secrets());
    SecretPurge purge = new SecretPurge(records, trail);
    SecretBook book = new SecretBook(records, clock, purge);
    SecretAccess access = new SecretAccess(identities);
    SecretEnvelope envelope =
        new SecretEnvelope(kms.operations(), trail, kms::keyRevision, dataKeys);
    ReplicaSync replicas = new ReplicaSync(book, envelope);
    book.afterSave(replicas::saved);
    SecretValueOperations values = new SecretValueOperations(book, access, envelope, replicas);
    AuditedCalls calls = new AuditedCalls(trail);
    this.rotations = new SecretRotations(book, functions,
        (account, region) -> new ServiceRotationSecrets(operations(), calls, clock, account, region),
        trail, rotationExecutor);
    OperationTable table = new OperationTable();
    values.register(table);
    new SecretMetadataOperations(book, values, purge).register(table);
    new ReplicationOperations(book, values, replicas).register(table);
    new ResourcePolicyOperations(book, values, access).register(table);
    new RotationOperations(book, values, rotations).register(table);
    ListSecretsOperation list = new ListSecretsOperation(book, access);
    table.blocking("ListSecrets", list::invoke);
    table.blocking("BatchGetSecretValue",
        new BatchGetSecretValueOperation(values, list, access)::invoke);
    table.inline("GetRandomPassword", new RandomPasswordOperation(access)::invoke);
    this.operations = table.toMap();
    this.jobs = new SecretsBackgroundJobs(records, purge, clock);
  }

  /** The purge of secrets whose recovery window has ended, for the server's job scheduler. */
  public SecretsBackgroundJobs backgroundJobs() {
    return jobs;
  }

  /**
   * Forgets the secrets and unwrapped data keys held in memory (after the storage was wiped: dev-mode
   * reset).
   */
  public void clearCaches() {
    records.clear();
    dataKeys.clear();
  }

  /** The rotation engine: its scheduler entry point, its function registry. */
  public SecretRotations rotations() {
    return rotations;
  }

  /** Daemon threads for rotations, as many as rotations run at once. */
  public static ExecutorService rotationThreads() {
    AtomicInteger n = new AtomicInteger();
    return Executors.newCachedThreadPool(r -> {
      Thread t = new Thread(r, "keywarden-rotation-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    });
  }

  @Override
  public String modelName() {
    return "secretsmanager";
  }

  @Override
  public String signingName() {
    return "secretsmanager";
  }

  @Override
  public String targetPrefix() {
    return "secretsmanager";
  }

  @Override
  public Map<String, OperationBinding> operations() {
    return operations;
  }

  @Override
  public ApiException notImplemented(String operation) {
    return SecretsErrors.unsupported(operation);
  }
}

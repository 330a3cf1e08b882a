package io.keywarden.services.secrets;

import io.keywarden.domain.storage.Storage;
import io.keywarden.services.api.ApiException;
import io.keywarden.services.api.ApiService;
import io.keywarden.services.api.OperationBinding;
import io.keywarden.services.api.OperationTable;
import io.keywarden.services.audit.AuditTrail;
import io.keywarden.services.identity.IdentityPolicies;
import io.keywarden.services.kms.KmsService;
import java.time.Clock;
import java.util.Map;
import java.util.Objects;

/**
 * AWS Secrets Manager (model {@code secretsmanager}, AWS JSON 1.1, target prefix and SigV4 name
 * {@code secretsmanager}): CreateSecret, GetSecretValue, PutSecretValue, UpdateSecret, DescribeSecret,
 * ListSecrets, BatchGetSecretValue, ListSecretVersionIds, UpdateSecretVersionStage, DeleteSecret,
 * RestoreSecret, TagResource, UntagResource, Get/Put/Delete/ValidateResourcePolicy and
 * GetRandomPassword. Values are envelope-encrypted through {@code kms}
 * on the caller's behalf ({@link SecretEnvelope}); calls are authorised by identity policies ({@link
 * SecretAccess}). The model's other operations (rotation, replication)
 * answer {@code UnsupportedOperationException}.
 */
public final class SecretsManagerService implements ApiService {
  private final Map<String, OperationBinding> operations;
  private final SecretRecordCache records;
  private final DataKeyCache dataKeys = new DataKeyCache();

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
   * @param trail where the KMS calls this service makes on callers' behalf are recorded (a server's
   *     audit trail)
   */
  public SecretsManagerService(Storage storage, KmsService kms, Clock clock, IdentityPolicies identities,
      AuditTrail trail) {
    Objects.requireNonNull(kms, "kms");
    Objects.requireNonNull(trail, "trail");
    this.records = new SecretRecordCache(storage.secrets());
    SecretBook book = new SecretBook(records, Objects.requireNonNull(clock, "clock"));
    SecretAccess access = new SecretAccess(identities);
    SecretValueOperations values = new SecretValueOperations(book, access,
        new SecretEnvelope(kms.operations(), trail, kms::keyRevision, dataKeys));
    OperationTable table = new OperationTable();
    values.register(table);
    new SecretMetadataOperations(book, values).register(table);
    new ResourcePolicyOperations(book, values, access).register(table);
    ListSecretsOperation list = new ListSecretsOperation(book, access);
    table.blocking("ListSecrets", list::invoke);
    table.blocking("BatchGetSecretValue",
        new BatchGetSecretValueOperation(values, list, access)::invoke);
    table.inline("GetRandomPassword", new RandomPasswordOperation(access)::invoke);
    this.operations = table.toMap();
  }

  /**
   * Forgets the secrets and unwrapped data keys held in memory (after the storage was wiped: dev-mode
   * reset).
   */
  public void clearCaches() {
    records.clear();
    dataKeys.clear();
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

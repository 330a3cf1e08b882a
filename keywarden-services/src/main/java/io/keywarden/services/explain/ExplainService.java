package io.keywarden.services.explain;

import io.keywarden.services.api.ApiException;
import io.keywarden.services.api.ApiService;
import io.keywarden.services.api.OperationBinding;
import io.keywarden.services.api.OperationTable;
import io.keywarden.services.identity.IdentityDirectory;
import io.keywarden.services.kms.KmsService;
import java.util.Map;

/**
 * Keywarden's own JSON service (model {@code keywarden}: {@code X-Amz-Target:
 * Keywarden.<Operation>}, requests signed with SigV4 for the {@code kms} service in the caller's
 * region, so that any credentials and region that work for KMS work here). Its one operation,
 * {@code ExplainKeyAccess}, is {@link ExplainKeyAccess}. Calls are audited as KMS calls are, under
 * event source {@code kms.amazonaws.com} with their own event name.
 */
public final class ExplainService implements ApiService {
  /** The IAM action a caller needs (the account root has it). */
  public static final String ACTION = "keywarden:ExplainKeyAccess";

  private final Map<String, OperationBinding> operations;

  public ExplainService(KmsService kms, IdentityDirectory directory) {
    ExplainKeyAccess explain = new ExplainKeyAccess(kms, directory);
    // A grant token naming a grant this node does not know yet re-reads the key's grants: blocking.
    this.operations = new OperationTable().blocking("ExplainKeyAccess", explain::invoke).toMap();
  }

  @Override
  public String modelName() {
    return "keywarden";
  }

  @Override
  public String signingName() {
    return "kms";
  }

  @Override
  public String targetPrefix() {
    return "Keywarden";
  }

  @Override
  public Map<String, OperationBinding> operations() {
    return operations;
  }

  @Override
  public ApiException notImplemented(String operation) {
    return new ApiException("UnsupportedOperationException", "Keywarden does not implement " + operation + ".");
  }
}

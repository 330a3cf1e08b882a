package io.keywarden.services.secrets;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.keywarden.domain.identity.Principal;
import io.keywarden.services.api.ApiException;
import io.keywarden.services.api.CallContext;
import io.keywarden.services.api.JsonOutput;
import io.keywarden.services.api.OperationBinding;
import io.keywarden.services.secrets.rotation.RotationFailedException;
import io.keywarden.services.secrets.rotation.RotationSecrets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * {@link RotationSecrets} for managed rotators: the Secrets Manager operations called in-process for the
 * rotating secret's account, as its root acting through Secrets Manager ({@code
 * secretsmanager.<region>.amazonaws.com}, which the audit record shows as {@code invokedBy} and source),
 * so that the account's resource policies and KMS key policies apply, and each call is audited as a
 * call of its own. An error of a call becomes a {@link RotationFailedException} naming the operation and
 * AWS's error (never a value).
 */
final class ServiceRotationSecrets implements RotationSecrets {
  private static final String SERVICE = "secretsmanager";
  private static final String SOURCE = "secretsmanager.amazonaws.com";

  private final Map<String, OperationBinding> operations;
  private final AuditedCalls calls;
  private final Clock clock;
  private final String accountId;
  private final String region;

  /**
   * @param operations Secrets Manager's operations
   * @param accountId the account the calls act for (the rotating secret's)
   * @param region the rotating secret's region
   */
  ServiceRotationSecrets(Map<String, OperationBinding> operations, AuditedCalls calls, Clock clock,
      String accountId, String region) {
    this.operations = operations;
    this.calls = calls;
    this.clock = clock;
    this.accountId = accountId;
    this.region = region;
  }

  @Override
  public Optional<String> secretString(String secretArn, String versionId, String stage)
      throws RotationFailedException {
    ObjectNode in = JsonOutput.object().put("SecretId", secretArn);
    JsonOutput.string(in, "VersionId", versionId);
    JsonOutput.string(in, "VersionStage", stage);
    ObjectNode out = call("GetSecretValue", in, true);
    JsonNode value = out == null ? null : out.get("SecretString");
    return Optional.ofNullable(value == null ? null : value.asText());
  }

  @Override
  public void putPending(String secretArn, String token, String secretString) throws RotationFailedException {
    ObjectNode in = JsonOutput.object().put("SecretId", secretArn).put("ClientRequestToken", token)
        .put("SecretString", secretString);
    in.putArray("VersionStages").add(StagingLabels.PENDING);
    call("PutSecretValue", in);
  }

  @Override
  public Map<String, List<String>> versionStages(String secretArn) throws RotationFailedException {
    JsonNode stages = call("DescribeSecret", JsonOutput.object().put("SecretId", secretArn))
        .get("VersionIdsToStages");
    Map<String, List<String>> out = new LinkedHashMap<>();
    if (stages != null) {
      stages.fields().forEachRemaining(e -> {
        List<String> labels = new ArrayList<>();
        e.getValue().forEach(l -> labels.add(l.asText()));
        out.put(e.getKey(), List.copyOf(labels));
      });
    }
    return out;
  }

  @Override
  public void promote(String secretArn, String toVersionId, String fromVersionId)
      throws RotationFailedException {
    ObjectNode in = JsonOutput.object().put("SecretId", secretArn)
        .put("VersionStage", StagingLabels.CURRENT).put("MoveToVersionId", toVersionId);
    JsonOutput.string(in, "RemoveFromVersionId", fromVersionId);
    call("UpdateSecretVersionStage", in);
  }

  @Override
  public String randomPassword(String excludeCharacters) throws RotationFailedException {
    ObjectNode in = JsonOutput.object();
    JsonOutput.string(in, "ExcludeCharacters", excludeCharacters);
    return call("GetRandomPassword", in).get("RandomPassword").asText();
  }

  private ObjectNode call(String operation, ObjectNode in) throws RotationFailedException {
    return call(operation, in, false);
  }

  /** The answer of {@code operation}; {@code null} for ResourceNotFoundException if {@code orNull}. */
  private ObjectNode call(String operation, ObjectNode in, boolean orNull) throws RotationFailedException {
    CallContext ctx = new CallContext(Principal.root(accountId, SERVICE), region,
        UUID.randomUUID().toString(), SOURCE, SOURCE, true, clock.instant()).onBehalfOf(SERVICE);
    try {
      return calls.invoke(ctx, SERVICE, operation, operations.get(operation).operation(), in);
    } catch (ApiException e) {
      if (orNull && e.code().equals("ResourceNotFoundException")) {
        return null;
      }
      throw new RotationFailedException(operation + " failed: " + e.code() + ": " + e.getMessage());
    }
  }
}

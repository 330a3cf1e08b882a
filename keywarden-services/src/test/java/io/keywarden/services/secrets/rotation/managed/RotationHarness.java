package io.keywarden.services.secrets.rotation.managed;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.keywarden.domain.identity.Principal;
import io.keywarden.services.api.ApiException;
import io.keywarden.services.api.CallContext;
import io.keywarden.services.identity.IdentityPolicies;
import io.keywarden.services.kms.KmsService;
import io.keywarden.services.secrets.SecretsManagerService;
import io.keywarden.services.secrets.rotation.RotationEndpoints;
import io.keywarden.services.secrets.rotation.RotationEvent;
import io.keywarden.services.secrets.rotation.RotationFailedException;
import io.keywarden.services.secrets.rotation.RotationFunction;
import io.keywarden.services.secrets.rotation.RotationFunctions;
import io.keywarden.services.secrets.rotation.RotationSecrets;
import io.keywarden.services.secrets.rotation.RotationStep;
import io.keywarden.storage.memory.MemoryStorage;
import io.keywarden.trust.ephemeral.EphemeralRootOfTrust;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The real Secrets Manager (and the KMS it uses) in-process over memory storage, with a {@link
 * RotationSecrets} that makes its calls as the account's root through the service's operations (the
 * engine's own is package-private to it), so that single steps can be run; whole rotations also run
 * through the service's RotateSecret.
 */
final class RotationHarness implements AutoCloseable {
  static final String ACCOUNT = "111122223333";
  static final String REGION = "us-east-1";
  static final ObjectMapper JSON = new ObjectMapper();

  private final MemoryStorage storage = new MemoryStorage();
  final SecretsManagerService service;
  final RotationSecrets secrets = new ServiceSecrets();
  /** The registry with the managed rotators, as the service's own has them. */
  final RotationFunctions functions;

  RotationHarness() {
    KmsService kms = new KmsService(storage, new EphemeralRootOfTrust(), Clock.systemUTC(),
        IdentityPolicies.ROOTS_ONLY);
    this.service = new SecretsManagerService(storage, kms, Clock.systemUTC(), IdentityPolicies.ROOTS_ONLY);
    this.functions = ManagedRotators.registerIn(
        new RotationFunctions(new RotationEndpoints(storage.settings()), RotationFunctions.DEFAULT_HTTP_TIMEOUT));
  }

  /** A rotation function ARN with {@code functionName}. */
  static String functionArn(String functionName) {
    return "arn:aws:lambda:" + REGION + ":" + ACCOUNT + ":function:" + functionName;
  }

  /** The managed rotator that {@code functionName}'s ARN names, over this harness's {@link #secrets}. */
  RotationFunction rotator(String functionName) {
    return functions.resolve(functionArn(functionName), secrets).orElseThrow();
  }

  /** Calls an operation as the account's root. */
  ObjectNode call(String operation, ObjectNode input) {
    CallContext context = new CallContext(Principal.root(ACCOUNT, "AKIAROOT"), REGION,
        UUID.randomUUID().toString(), "127.0.0.1", "test", true, Clock.systemUTC().instant());
    return service.operations().get(operation).operation().invoke(context, input);
  }

  /** CreateSecret with a string value; its ARN. */
  String createSecret(String name, String secretString) {
    ObjectNode in = JSON.createObjectNode().put("Name", name).put("SecretString", secretString);
    return call("CreateSecret", in).get("ARN").asText();
  }

  /** The value labelled {@code stage}. */
  String value(String arn, String stage) {
    return call("GetSecretValue", JSON.createObjectNode().put("SecretId", arn).put("VersionStage", stage))
        .get("SecretString").asText();
  }

  /** A member of the JSON value labelled {@code stage}. */
  String member(String arn, String stage, String member) throws Exception {
    return JSON.readTree(value(arn, stage)).get(member).asText();
  }

  /** The version IDs that hold {@code stage}. */
  List<String> versionsWith(String arn, String stage) throws RotationFailedException {
    List<String> ids = new ArrayList<>();
    secrets.versionStages(arn).forEach((id, stages) -> {
      if (stages.contains(stage)) {
        ids.add(id);
      }
    });
    return ids;
  }

  /** Runs the four steps with a new token; the token. */
  static String rotate(RotationFunction function, String arn) throws RotationFailedException {
    String token = UUID.randomUUID().toString();
    for (RotationStep step : RotationStep.values()) {
      function.invoke(new RotationEvent(arn, token, step));
    }
    return token;
  }

  @Override
  public void close() {
    storage.close();
  }

  /** Secrets Manager calls through the service's own operations. */
  private final class ServiceSecrets implements RotationSecrets {
    @Override
    public Optional<String> secretString(String secretArn, String versionId, String stage)
        throws RotationFailedException {
      ObjectNode in = JSON.createObjectNode().put("SecretId", secretArn);
      if (versionId != null) {
        in.put("VersionId", versionId);
      }
      if (stage != null) {
        in.put("VersionStage", stage);
      }
      try {
        JsonNode value = call("GetSecretValue", in).get("SecretString");
        return Optional.ofNullable(value).map(JsonNode::asText);
      } catch (ApiException e) {
        if (e.code().equals("ResourceNotFoundException")) {
          return Optional.empty();
        }
        throw new RotationFailedException(e.code() + ": " + e.getMessage());
      }
    }

    @Override
    public void putPending(String secretArn, String token, String secretString) throws RotationFailedException {
      ObjectNode in = JSON.createObjectNode().put("SecretId", secretArn).put("ClientRequestToken", token)
          .put("SecretString", secretString);
      in.putArray("VersionStages").add("AWSPENDING");
      invoke("PutSecretValue", in);
    }

    @Override
    public Map<String, List<String>> versionStages(String secretArn) throws RotationFailedException {
      JsonNode stages = invoke("DescribeSecret", JSON.createObjectNode().put("SecretId", secretArn))
          .get("VersionIdsToStages");
      Map<String, List<String>> out = new LinkedHashMap<>();
      for (Iterator<Map.Entry<String, JsonNode>> it = stages.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        List<String> labels = new ArrayList<>();
        e.getValue().forEach(l -> labels.add(l.asText()));
        out.put(e.getKey(), labels);
      }
      return out;
    }

    @Override
    public void promote(String secretArn, String toVersionId, String fromVersionId) throws RotationFailedException {
      ObjectNode in = JSON.createObjectNode().put("SecretId", secretArn).put("VersionStage", "AWSCURRENT")
          .put("MoveToVersionId", toVersionId);
      if (fromVersionId != null) {
        in.put("RemoveFromVersionId", fromVersionId);
      }
      invoke("UpdateSecretVersionStage", in);
    }

    @Override
    public String randomPassword(String excludeCharacters) throws RotationFailedException {
      ObjectNode in = JSON.createObjectNode().put("ExcludeCharacters", excludeCharacters).put("PasswordLength", 32)
          .put("RequireEachIncludedType", true);
      return invoke("GetRandomPassword", in).get("RandomPassword").asText();
    }

    private ObjectNode invoke(String operation, ObjectNode in) throws RotationFailedException {
      try {
        return call(operation, in);
      } catch (ApiException e) {
        throw new RotationFailedException(e.code() + ": " + e.getMessage());
      }
    }
  }
}

package io.keywarden.services.kms;

import static io.keywarden.services.api.JsonInput.isTrue;
import static io.keywarden.services.api.JsonInput.string;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.keywarden.services.api.CallContext;
import io.keywarden.services.api.JsonOutput;
import io.keywarden.services.api.OperationTable;
import io.keywarden.services.kms.access.KeyPolicy;

/**
 * GetKeyPolicy, PutKeyPolicy, ListKeyPolicies. A key has one policy, named {@code default}. A new
 * policy is checked ({@link KeyPolicyRules}), stored in AWS's pretty-printed form, and parsed once
 * when the key is next loaded into the key ring.
 */
final class PolicyOperations {
  static final String POLICY_NAME = "default";

  private final KmsCore core;

  PolicyOperations(KmsCore core) {
    this.core = core;
  }

  void register(OperationTable table) {
    table
        .blocking("GetKeyPolicy", this::getKeyPolicy)
        .blocking("PutKeyPolicy", this::putKeyPolicy)
        .blocking("ListKeyPolicies", this::listKeyPolicies);
  }

  ObjectNode getKeyPolicy(CallContext ctx, ObjectNode in) {
    LoadedKey key = core.resolve(ctx, string(in, "KeyId"), false, "GetKeyPolicy");
    checkPolicyName(string(in, "PolicyName"));
    ObjectNode out = JsonOutput.object();
    out.put("Policy", key.record().policy());
    out.put("PolicyName", POLICY_NAME);
    return out;
  }

  ObjectNode putKeyPolicy(CallContext ctx, ObjectNode in) {
    boolean bypass = isTrue(in, "BypassPolicyLockoutSafetyCheck");
    KeyAccess access =
        KeyAccess.to("PutKeyPolicy").put("kms:BypassPolicyLockoutSafetyCheck", Boolean.toString(bypass));
    LoadedKey key = core.resolve(ctx, string(in, "KeyId"), false, access);
    checkPolicyName(string(in, "PolicyName"));
    String requested = string(in, "Policy");
    KeyPolicy parsed = KeyPolicyRules.check(requested, core.identities);
    if (!bypass) {
      KeyPolicyRules.checkLockout(
          core.authorizer,
          ctx,
          key.arn(),
          key.record().accountId(),
          parsed,
          core.accessRequest(ctx, key, access).conditionKeys());
    }
    String policy = PolicyDocuments.normalized(requested);
    core.keys.update(
        key.record().region(),
        key.record().keyId(),
        current -> current.toBuilder().policy(policy).build());
    return JsonOutput.object();
  }

  ObjectNode listKeyPolicies(CallContext ctx, ObjectNode in) {
    core.resolve(ctx, string(in, "KeyId"), false, "ListKeyPolicies");
    ObjectNode out = JsonOutput.object();
    out.putArray("PolicyNames").add(POLICY_NAME);
    out.put("Truncated", false);
    return out;
  }

  private static void checkPolicyName(String name) {
    if (name != null && !name.equals(POLICY_NAME)) {
      throw KmsErrors.notFound("No such policy exists");
    }
  }
}

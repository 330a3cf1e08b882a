package io.keywarden.services.kms;

import io.keywarden.domain.policy.PolicyDocument;
import io.keywarden.domain.policy.PrincipalBlock;
import io.keywarden.domain.policy.Statement;
import io.keywarden.services.api.CallContext;
import io.keywarden.services.identity.IdentityPolicies;
import io.keywarden.services.kms.access.AccessRequest;
import io.keywarden.services.kms.access.GrantCheck;
import io.keywarden.services.kms.access.KeyAuthorizer;
import io.keywarden.services.kms.access.KeyPolicy;
import io.keywarden.services.policy.PolicyParseException;
import io.keywarden.services.policy.PolicyParser;
import java.nio.charset.StandardCharsets;

/**
 * What CreateKey and PutKeyPolicy require of a new key policy (PutKeyPolicy's {@code Policy} member
 * in the KMS API reference): valid policy grammar, at most 32 KB ("Key policy document size" quota;
 * LimitExceededException), principals that exist, and — unless {@code
 * BypassPolicyLockoutSafetyCheck} — that the policy lets the caller call PutKeyPolicy later.
 */
final class KeyPolicyRules {
  /** The key policy document size quota. */
  static final int MAX_BYTES = 32 * 1024;

  private KeyPolicyRules() {}

  /**
   * Parses and checks a policy; throws MalformedPolicyDocumentException or LimitExceededException with
   * AWS's messages.
   */
  static KeyPolicy check(String json, IdentityPolicies identities) {
    if (json.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
      throw KmsErrors.limitExceeded("Policy exceeds the maximum size of " + MAX_BYTES + " bytes.");
    }
    PolicyDocument doc;
    try {
      doc = PolicyParser.parse(json, PolicyParser.Kind.RESOURCE);
    } catch (PolicyParseException e) {
      throw KmsErrors.malformedPolicy(e.getMessage());
    }
    for (Statement s : doc.statements()) {
      checkPrincipals(s.principal(), identities);
      checkPrincipals(s.notPrincipal(), identities);
    }
    return KeyPolicy.of(json);
  }

  /** AWS: "The principals in the key policy must exist and be visible to KMS." */
  private static void checkPrincipals(PrincipalBlock block, IdentityPolicies identities) {
    if (block == null) {
      return;
    }
    for (String p : block.of("AWS")) {
      if (p.equals("*") || p.matches("\\d{12}")) {
        continue;
      }
      if (!identities.exists(p)) {
        throw KmsErrors.malformedPolicy(
            "Policy contains a statement with one or more invalid principals.");
      }
    }
  }

  /**
   * The policy lockout safety check: the new policy (with the caller's IAM policies) must allow the
   * caller kms:PutKeyPolicy on the key.
   *
   * @param conditionKeys the request's condition keys, evaluated as for a PutKeyPolicy on this key
   */
  static void checkLockout(
      KeyAuthorizer authorizer,
      CallContext ctx,
      String keyArn,
      String keyAccount,
      KeyPolicy policy,
      io.keywarden.domain.policy.RequestContext.Source conditionKeys) {
    AccessRequest putKeyPolicy =
        new AccessRequest(
            ctx, "kms:PutKeyPolicy", keyArn, keyAccount, policy, conditionKeys, GrantCheck.NONE);
    if (!authorizer.decide(putKeyPolicy).allowed()) {
      throw KmsErrors.malformedPolicy(
          "The new key policy will not allow you to update the key policy in the future.");
    }
  }
}

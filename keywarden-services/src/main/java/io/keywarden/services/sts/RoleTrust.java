package io.keywarden.services.sts;

import io.keywarden.domain.policy.Effect;
import io.keywarden.domain.policy.PolicyDocument;
import io.keywarden.domain.policy.PolicyEvaluator;
import io.keywarden.domain.policy.PrincipalMatch;
import io.keywarden.domain.policy.RequestContext;
import io.keywarden.domain.policy.StatementMatch;
import io.keywarden.services.identity.IdentityPolicies.NamedPolicy;
import java.util.List;

/**
 * Whether a caller may perform an STS action on a role, by the rules of the IAM User Guide ("Policy
 * evaluation logic", "Cross-account policy evaluation logic", and the role trust policy pages):
 *
 * <ul>
 *   <li>an explicit Deny in the trust policy or in the caller's IAM policies refuses;
 *   <li>the trust policy must allow, always;
 *   <li>in the role's own account, a trust policy statement that names the caller itself (its user, its
 *       role or session, or {@code "*"}) is enough alone; one that names only the account ({@code
 *       arn:aws:iam::ACCOUNT:root}) delegates to IAM, and the caller's IAM policies must allow too;
 *   <li>from another account, the caller's IAM policies must allow too, whatever the trust policy
 *       names.
 * </ul>
 */
final class RoleTrust {
  private RoleTrust() {}

  static boolean allows(PolicyDocument trustPolicy, List<NamedPolicy> callerPolicies,
      RequestContext request, boolean sameAccount) {
    boolean trustAllows = false;
    boolean trustNamesCaller = false;
    for (StatementMatch m : PolicyEvaluator.matches(trustPolicy, request)) {
      if (m.effect() == Effect.Deny) {
        return false;
      }
      trustAllows = true;
      if (m.principal() == PrincipalMatch.SPECIFIC || m.principal() == PrincipalMatch.EVERYONE) {
        trustNamesCaller = true;
      }
    }
    boolean iamAllows = false;
    for (NamedPolicy p : callerPolicies) {
      for (StatementMatch m : PolicyEvaluator.matches(p.document(), request)) {
        if (m.effect() == Effect.Deny) {
          return false;
        }
        iamAllows = true;
      }
    }
    if (!trustAllows) {
      return false;
    }
    return iamAllows || (sameAccount && trustNamesCaller);
  }
}

package io.keywarden.services.identity;

import io.keywarden.domain.identity.Principal;
import io.keywarden.domain.policy.CompiledPolicy;
import io.keywarden.domain.policy.PolicyDocument;
import java.util.List;

/**
 * The identity-based (IAM) side of authorisation: the policies attached to a caller, and which
 * principals exist. Implementations parse each policy once and keep it in memory until the identity
 * changes; nothing here reads storage per request.
 */
public interface IdentityPolicies {

  /**
   * The identity policies that apply to {@code principal}'s calls: an IAM user's policies, an
   * assumed-role session's role policies; none for an account root (the root is allowed everything in
   * its own account by IAM) or a service.
   */
  List<NamedPolicy> policiesOf(Principal principal);

  /**
   * Whether {@code principalArn} names a principal that exists, for key policy validation: any
   * account's root, and the users and roles (by ARN) that this Keywarden knows.
   */
  boolean exists(String principalArn);

  /**
   * A parsed identity policy, its name, and its form prepared for the data plane (made once, with the
   * policy).
   */
  record NamedPolicy(String name, PolicyDocument document, CompiledPolicy compiled) {
    public NamedPolicy {
      java.util.Objects.requireNonNull(document, "document");
      if (compiled == null || compiled.document() != document) {
        compiled = CompiledPolicy.of(document);
      }
    }

    public NamedPolicy(String name, PolicyDocument document) {
      this(name, document, CompiledPolicy.of(document));
    }
  }

  /** No users and roles: only account roots exist and nobody has identity policies. */
  IdentityPolicies ROOTS_ONLY =
      new IdentityPolicies() {
        @Override
        public List<NamedPolicy> policiesOf(Principal principal) {
          return List.of();
        }

        @Override
        public boolean exists(String principalArn) {
          return principalArn.matches("arn:aws:iam::\\d{12}:root");
        }
      };
}

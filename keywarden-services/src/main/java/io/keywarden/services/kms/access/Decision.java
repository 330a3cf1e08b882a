package io.keywarden.services.kms.access;

import io.keywarden.domain.policy.Effect;
import java.util.List;
import java.util.Objects;

/**
 * The outcome of an authorisation and, when explained, what decided it.
 *
 * @param outcome why access is allowed or denied
 * @param basis the policy statements (and grant) that applied, in evaluation order; empty on the fast
 *     path, which does not explain
 * @param grantId the grant that allowed the request, or {@code null}
 */
public record Decision(Outcome outcome, List<Basis> basis, String grantId) {
  public Decision {
    Objects.requireNonNull(outcome, "outcome");
    basis = List.copyOf(basis);
  }

  /** How AWS KMS came to allow or deny. */
  public enum Outcome {
    /** The key policy allows the caller itself (or everyone). */
    ALLOWED_BY_KEY_POLICY(true),
    /** The key policy allows the caller's account, and the caller's IAM policies allow too. */
    ALLOWED_BY_KEY_POLICY_AND_IDENTITY_POLICY(true),
    /** A resource without a key policy (alias, {@code *}): the caller's IAM policies allow. */
    ALLOWED_BY_IDENTITY_POLICY(true),
    /** A grant allows the operation. */
    ALLOWED_BY_GRANT(true),
    /** A Deny statement of the key policy applies. */
    DENIED_EXPLICITLY_BY_KEY_POLICY(false),
    /** A Deny statement of an IAM policy applies. */
    DENIED_EXPLICITLY_BY_IDENTITY_POLICY(false),
    /** No statement of the key policy allows the caller (nor does any grant). */
    DENIED_NO_KEY_POLICY_ALLOWS(false),
    /** The key policy delegates to IAM (or the resource has none), but no IAM policy allows. */
    DENIED_NO_IDENTITY_POLICY_ALLOWS(false);

    private final boolean allowed;

    Outcome(boolean allowed) {
      this.allowed = allowed;
    }

    public boolean allowed() {
      return allowed;
    }
  }

  /**
   * One thing that applied.
   *
   * @param source {@code key policy}, {@code identity policy <name>}, {@code account root} or
   *     {@code grant <id>}
   * @param statement the statement's position in its document, or -1
   * @param sid the statement's Sid, or {@code null}
   * @param effect Allow or Deny
   * @param note how it applied (e.g. "names the caller's account: delegates to IAM policies")
   */
  public record Basis(String source, int statement, String sid, Effect effect, String note) {}

  public boolean allowed() {
    return outcome.allowed();
  }

  /**
   * AWS's AccessDeniedException message for a denied {@code action} on {@code resource} by {@code
   * principalArn}.
   */
  public String deniedMessage(String principalArn, String action, String resource) {
    StringBuilder m =
        new StringBuilder(200)
            .append("User: ")
            .append(principalArn)
            .append(" is not authorized to perform: ")
            .append(action);
    if (resource != null) {
      m.append(" on resource: ").append(resource);
    }
    switch (outcome) {
      case DENIED_EXPLICITLY_BY_KEY_POLICY:
        return m.append(" with an explicit deny in a resource-based policy").toString();
      case DENIED_EXPLICITLY_BY_IDENTITY_POLICY:
        return m.append(" with an explicit deny in an identity-based policy").toString();
      case DENIED_NO_KEY_POLICY_ALLOWS:
        return m.append(" because no resource-based policy allows the ")
            .append(action)
            .append(" action")
            .toString();
      case DENIED_NO_IDENTITY_POLICY_ALLOWS:
        return m.append(" because no identity-based policy allows the ")
            .append(action)
            .append(" action")
            .toString();
      default:
        throw new IllegalStateException("not denied: " + outcome);
    }
  }
}

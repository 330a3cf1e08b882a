package io.keywarden.services.kms.access;

import io.keywarden.domain.identity.Principal;
import io.keywarden.domain.identity.PrincipalType;
import io.keywarden.domain.key.Grant;
import io.keywarden.domain.policy.Caller;
import io.keywarden.domain.policy.CompiledPolicy;
import io.keywarden.domain.policy.Effect;
import io.keywarden.domain.policy.PolicyDocument;
import io.keywarden.domain.policy.PolicyEvaluator;
import io.keywarden.domain.policy.PrincipalMatch;
import io.keywarden.domain.policy.RequestContext;
import io.keywarden.domain.policy.StatementMatch;
import io.keywarden.services.api.ApiException;
import io.keywarden.services.identity.IdentityPolicies;
import io.keywarden.services.kms.access.Decision.Basis;
import io.keywarden.services.kms.access.Decision.Outcome;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * AWS KMS's authorisation logic ("Determining access to KMS keys", KMS developer guide):
 *
 * <ol>
 *   <li>A Deny statement that applies, in the key policy or in the caller's IAM policies, denies.
 *   <li>The key policy is primary. A statement that names the caller itself (user, role — which names
 *       its sessions —, assumed-role session, the account root when the root calls) or everyone
 *       ({@code "*"}) allows on its own, within the key's account.
 *   <li>A statement that names the caller's account ({@code arn:aws:iam::ACCOUNT:root} or the account
 *       id) delegates to that account's IAM policies: an IAM policy of the caller must allow too. The
 *       root user is allowed everything by IAM in its own account.
 *   <li>A caller from another account needs both: the key policy must allow it (or its account), and
 *       its own IAM policies must allow.
 *   <li>Otherwise a grant on the key for the caller and the operation allows.
 * </ol>
 *
 * Resources without a key policy (alias ARNs, {@code *} for CreateKey, ListKeys...) are authorised by
 * IAM policies alone. Policies come parsed (key policies in {@link KeyPolicy}, identity policies from
 * {@link IdentityPolicies}, each with its compiled form); nothing is parsed here. {@link #decide} is the
 * fast path, on the compiled forms, and allocates no explanation; {@link #explain} evaluates every
 * statement and records each one and the grant that applied. Both reach the same outcome.
 */
public final class KeyAuthorizer {
  private static final Decision[] PLAIN = new Decision[Outcome.values().length];

  static {
    for (Outcome o : Outcome.values()) {
      PLAIN[o.ordinal()] = new Decision(o, List.of(), null);
    }
  }

  private final IdentityPolicies identities;

  public KeyAuthorizer(IdentityPolicies identities) {
    this.identities = Objects.requireNonNull(identities, "identities");
  }

  /**
   * The decision, without explanation: the fast path, on the policies' compiled forms ({@link
   * CompiledPolicy}), which stop at the first Deny that applies or the first Allow that settles.
   */
  public Decision decide(AccessRequest r) {
    Principal p = r.call().principal();
    RequestContext context = context(r, p);
    int key = 0;
    KeyPolicy keyPolicy = r.keyPolicy();
    if (keyPolicy != null && keyPolicy.compiled() != null) { // a policy that does not parse allows nothing
      key = keyPolicy.compiled().evaluate(context);
      if ((key & CompiledPolicy.DENY) != 0) {
        return PLAIN[Outcome.DENIED_EXPLICITLY_BY_KEY_POLICY.ordinal()];
      }
    }
    boolean root = p.type() == PrincipalType.Root;
    boolean identityDeny = false;
    boolean identityAllows = root;
    if (!root) {
      for (IdentityPolicies.NamedPolicy policy : identities.policiesOf(p)) {
        int identity = policy.compiled().evaluate(context);
        if ((identity & CompiledPolicy.DENY) != 0) {
          identityDeny = true;
          break;
        }
        identityAllows |= identity != 0;
      }
    }
    return decision(r, p, false, (key & CompiledPolicy.ALLOW) != 0, (key & CompiledPolicy.ALLOW_ACCOUNT) != 0,
        identityDeny, identityAllows, null);
  }

  /** The decision with every statement and grant that applied. */
  public Decision explain(AccessRequest request) {
    return evaluate(request, new ArrayList<>());
  }

  /**
   * Throws AWS's AccessDeniedException unless the request is allowed.
   *
   * @return the decision (allowed)
   */
  public Decision check(AccessRequest request) {
    return check(request, request.resource());
  }

  /**
   * As {@link #check(AccessRequest)}, naming {@code messageResource} in the message ({@code null}: no
   * "on resource" part, as AWS answers for kms:TagResource checked by CreateKey).
   */
  public Decision check(AccessRequest request, String messageResource) {
    Decision d = decide(request);
    if (!d.allowed()) {
      throw denied(d, request, messageResource);
    }
    return d;
  }

  /** AWS's AccessDeniedException for a denied decision. */
  public static ApiException denied(Decision d, AccessRequest request, String messageResource) {
    return new ApiException(
        "AccessDeniedException",
        d.deniedMessage(request.call().principal().arn(), request.action(), messageResource));
  }

  /** The policy-evaluation view of a principal. */
  public static Caller callerOf(Principal p) {
    return new Caller(
        p.accountId(),
        p.arn(),
        p.roleArn(),
        p.type() == PrincipalType.AWSService ? p.arn() : null,
        p.type() == PrincipalType.Root);
  }

  private static RequestContext context(AccessRequest r, Principal p) {
    return RequestContext.builder(callerOf(p), r.action(), r.resource()).source(r.conditionKeys()).build();
  }

  /** The explained decision: every statement of every policy, each one that applies recorded. */
  private Decision evaluate(AccessRequest r, List<Basis> basis) {
    Principal p = r.call().principal();
    RequestContext context = context(r, p);

    boolean keyDeny = false;
    boolean keyAllowsCaller = false;
    boolean keyAllowsAccount = false;
    KeyPolicy keyPolicy = r.keyPolicy();
    if (keyPolicy != null) {
      PolicyDocument doc = keyPolicy.document();
      if (doc == null) {
        if (basis != null) {
          basis.add(new Basis("key policy", -1, null, Effect.Deny,
              "the stored key policy does not parse (" + keyPolicy.error() + "): it allows nothing"));
        }
      } else {
        for (StatementMatch m : PolicyEvaluator.matches(doc, context)) {
          if (m.effect() == Effect.Deny) {
            keyDeny = true;
          } else if (m.principal() == PrincipalMatch.ACCOUNT) {
            keyAllowsAccount = true;
          } else {
            keyAllowsCaller = true;
          }
          if (basis != null) {
            basis.add(new Basis("key policy", m.index(), m.sid(), m.effect(), keyNote(m)));
          }
        }
      }
    }

    boolean root = p.type() == PrincipalType.Root;
    boolean identityDeny = false;
    boolean identityAllows = root;
    if (root && basis != null) {
      basis.add(new Basis("account root", -1, null, Effect.Allow,
          "IAM allows the root user every action in its own account"));
    }
    if (!root) {
      for (IdentityPolicies.NamedPolicy policy : identities.policiesOf(p)) {
        for (StatementMatch m : PolicyEvaluator.matches(policy.document(), context)) {
          if (m.effect() == Effect.Deny) {
            identityDeny = true;
          } else {
            identityAllows = true;
          }
          if (basis != null) {
            basis.add(new Basis("identity policy " + policy.name(), m.index(), m.sid(), m.effect(),
                m.effect() == Effect.Deny ? "explicit deny" : "allows"));
          }
        }
      }
    }

    return decision(r, p, keyDeny, keyAllowsCaller, keyAllowsAccount, identityDeny, identityAllows, basis);
  }

  /**
   * The outcome of what the policies said, then of the grants if no policy settled it.
   *
   * @param basis where to record the grant that decided, or {@code null}
   */
  private static Decision decision(
      AccessRequest r,
      Principal p,
      boolean keyDeny,
      boolean keyAllowsCaller,
      boolean keyAllowsAccount,
      boolean identityDeny,
      boolean identityAllows,
      List<Basis> basis) {
    KeyPolicy keyPolicy = r.keyPolicy();
    Outcome outcome = null;
    if (keyDeny) {
      outcome = Outcome.DENIED_EXPLICITLY_BY_KEY_POLICY;
    } else if (identityDeny) {
      outcome = Outcome.DENIED_EXPLICITLY_BY_IDENTITY_POLICY;
    } else if (keyPolicy == null) {
      outcome =
          identityAllows ? Outcome.ALLOWED_BY_IDENTITY_POLICY : Outcome.DENIED_NO_IDENTITY_POLICY_ALLOWS;
    } else if (p.accountId().equals(r.resourceAccount())) {
      if (keyAllowsCaller) {
        outcome = Outcome.ALLOWED_BY_KEY_POLICY;
      } else if (keyAllowsAccount && identityAllows) {
        outcome = Outcome.ALLOWED_BY_KEY_POLICY_AND_IDENTITY_POLICY;
      }
    } else if ((keyAllowsCaller || keyAllowsAccount) && identityAllows) {
      outcome = Outcome.ALLOWED_BY_KEY_POLICY_AND_IDENTITY_POLICY;
    }
    String grantId = null;
    if (outcome == null) {
      Optional<Grant> grant = r.grants().allowingGrant();
      if (grant.isPresent() && !identityAllows && namesOnlyTheAccount(grant.get(), p)) {
        // A grant to the caller's account delegates to its IAM policies, like a key policy statement.
        outcome = Outcome.DENIED_NO_IDENTITY_POLICY_ALLOWS;
        if (basis != null) {
          basis.add(new Basis("grant " + grant.get().grantId(), -1, grant.get().name(), Effect.Allow,
              "grants to the caller's account: needs an IAM policy allow too, and none applies"));
        }
      } else if (grant.isPresent()) {
        outcome = Outcome.ALLOWED_BY_GRANT;
        grantId = grant.get().grantId();
        if (basis != null) {
          basis.add(new Basis("grant " + grantId, -1, grant.get().name(), Effect.Allow,
              "grants " + grant.get().operations() + " to " + grant.get().granteePrincipal()));
        }
      } else if (keyAllowsCaller || keyAllowsAccount) {
        outcome = Outcome.DENIED_NO_IDENTITY_POLICY_ALLOWS;
      } else {
        outcome = Outcome.DENIED_NO_KEY_POLICY_ALLOWS;
      }
    }
    if (basis == null && grantId == null) {
      return PLAIN[outcome.ordinal()];
    }
    return new Decision(outcome, basis == null ? List.of() : basis, grantId);
  }

  /**
   * Whether a grant applies to {@code p} only because it names p's account ({@code
   * arn:aws:iam::ACCOUNT:root}) and p is not that root: p's IAM policies must then allow too.
   */
  private static boolean namesOnlyTheAccount(Grant g, Principal p) {
    return !g.granteePrincipal().equals(p.arn())
        && g.granteePrincipal().equals(Principal.rootArn(p.accountId()));
  }

  private static String keyNote(StatementMatch m) {
    if (m.effect() == Effect.Deny) {
      return "explicit deny";
    }
    switch (m.principal()) {
      case ACCOUNT:
        return "names the caller's account: delegates to its IAM policies";
      case EVERYONE:
        return "allows everyone";
      default:
        return "names the caller";
    }
  }
}

package io.keywarden.services.secrets;

import io.keywarden.domain.key.Tag;
import io.keywarden.domain.secret.SecretRecord;
import io.keywarden.services.api.CallContext;
import io.keywarden.services.identity.IdentityPolicies;
import io.keywarden.domain.policy.Effect;
import io.keywarden.domain.policy.PolicyDocument;
import io.keywarden.domain.policy.PolicyEvaluator;
import io.keywarden.domain.policy.PrincipalMatch;
import io.keywarden.domain.policy.RequestContext;
import io.keywarden.domain.policy.StatementMatch;
import io.keywarden.services.api.ApiException;
import io.keywarden.services.kms.access.AccessRequest;
import io.keywarden.services.kms.access.Decision;
import io.keywarden.services.kms.access.GlobalConditionKeys;
import io.keywarden.services.kms.access.KeyAuthorizer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * IAM authorisation of Secrets Manager calls: {@code secretsmanager:<Operation>} on the secret's ARN
 * (or {@code *} for ListSecrets and GetRandomPassword), decided by the caller's identity policies with
 * the engine KMS uses. Condition keys: the global {@code aws:*} keys of the call, {@code
 * secretsmanager:Name}, {@code secretsmanager:SecretId}, {@code secretsmanager:KmsKeyId}, {@code
 * secretsmanager:Description}, {@code secretsmanager:ResourceTag/*} and {@code aws:ResourceTag/*} of
 * the secret, and the request's own keys ({@code aws:RequestTag/*}, {@code aws:TagKeys},
 * {@code secretsmanager:VersionStage}...).
 *
 * <p>A secret's resource policy is evaluated with the identity policies as IAM does within an account:
 * a Deny in either denies; otherwise an Allow in the identity policies, or a resource policy statement
 * that names the caller itself (its user, role or session) or everyone, allows. A statement naming the
 * caller's account delegates to the account's identity policies, so it allows nothing on its own.
 * Another account's secret (named by ARN) needs both: its resource policy must allow the caller (by
 * name, by account, or everyone) and the caller's identity policies must allow; the KMS key policy then
 * decides the value's decryption, as AWS's cross-account access does.
 */
final class SecretAccess {
  private final KeyAuthorizer authorizer;

  SecretAccess(IdentityPolicies identities) {
    this.authorizer = new KeyAuthorizer(identities);
  }

  /** The request keys of a call, lower-cased, to which the secret's keys are added. */
  static Map<String, List<String>> keys() {
    return new HashMap<>();
  }

  /** {@code aws:RequestTag/*} and {@code aws:TagKeys} of tags in a request. */
  static void requestTags(Map<String, List<String>> keys, List<Tag> tags) {
    List<String> tagKeys = new ArrayList<>();
    for (Tag t : tags) {
      keys.put("aws:requesttag/" + t.key().toLowerCase(Locale.ROOT), List.of(t.value()));
      tagKeys.add(t.key());
    }
    if (!tags.isEmpty()) {
      keys.put("aws:tagkeys", tagKeys);
    }
  }

  /** Checks {@code action} on an existing secret. */
  void check(CallContext ctx, String action, SecretRecord secret, String secretId,
      Map<String, List<String>> requestKeys) {
    Map<String, List<String>> keys = new HashMap<>(requestKeys);
    keys.put("secretsmanager:name", List.of(secret.name()));
    keys.put("secretsmanager:secretid", List.of(secretId == null ? secret.arn() : secretId));
    if (secret.kmsKeyId() != null) {
      keys.putIfAbsent("secretsmanager:kmskeyid", List.of(secret.kmsKeyId()));
    }
    if (secret.description() != null) {
      keys.putIfAbsent("secretsmanager:description", List.of(secret.description()));
    }
    if (secret.replication() != null) {
      keys.put("secretsmanager:secretprimaryregion", List.of(secret.replication().primaryRegion()));
    }
    Map<String, String> tags = new LinkedHashMap<>();
    for (Tag t : secret.tags()) {
      tags.put(t.key(), t.value());
    }
    check(ctx, action, secret.arn(), secret.accountId(), keys, tags, secret.resourcePolicy());
  }

  /** Checks {@code action} on a resource that is not a stored secret (a new one's ARN, or {@code *}). */
  void check(CallContext ctx, String action, String resource, Map<String, List<String>> keys) {
    check(ctx, action, resource, ctx.accountId(), keys, Map.of(), null);
  }

  private void check(CallContext ctx, String action, String resource, String owner,
      Map<String, List<String>> keys, Map<String, String> resourceTags, String resourcePolicy) {
    RequestContext.Source source = conditionKeys(ctx, keys, resourceTags);
    AccessRequest request =
        AccessRequest.identityOnly(ctx, "secretsmanager:" + action, resource, source);
    boolean crossAccount = !owner.equals(ctx.accountId());
    if (resourcePolicy == null && !crossAccount) {
      authorizer.check(request);
      return;
    }
    PolicyDocument policy = resourcePolicy == null ? null : ResourcePolicies.parsed(resourcePolicy);
    boolean resourceAllows = false;
    if (policy != null) {
      RequestContext context = RequestContext.builder(
          KeyAuthorizer.callerOf(ctx.principal()), request.action(), resource).source(source).build();
      for (StatementMatch m : PolicyEvaluator.matches(policy, context)) {
        if (m.effect() == Effect.Deny) {
          throw new ApiException("AccessDeniedException", "User: " + ctx.principal().arn()
              + " is not authorized to perform: " + request.action() + " on resource: " + resource
              + " with an explicit deny in a resource-based policy");
        }
        if (m.principal() == PrincipalMatch.SPECIFIC || m.principal() == PrincipalMatch.EVERYONE
            || crossAccount && m.principal() == PrincipalMatch.ACCOUNT) {
          resourceAllows = true;
        }
      }
    }
    Decision identity = authorizer.decide(request);
    if (crossAccount) {
      // Another account's secret: its resource policy and the caller's identity policies must allow.
      if (resourceAllows && identity.allowed()) {
        return;
      }
      throw new ApiException("AccessDeniedException", "User: " + ctx.principal().arn()
          + " is not authorized to perform: " + request.action() + " on resource: " + resource
          + (identity.allowed() ? " because no resource-based policy allows the " + request.action()
              + " action" : " because no identity-based policy allows the " + request.action()
              + " action"));
    }
    if (identity.allowed()
        || resourceAllows && identity.outcome() != Decision.Outcome.DENIED_EXPLICITLY_BY_IDENTITY_POLICY) {
      return;
    }
    throw KeyAuthorizer.denied(identity, request, resource);
  }

  private static RequestContext.Source conditionKeys(CallContext ctx, Map<String, List<String>> keys,
      Map<String, String> resourceTags) {
    return k -> {
      List<String> v = keys.get(k);
      if (v != null) {
        return v;
      }
      if (k.startsWith("secretsmanager:resourcetag/")) {
        return GlobalConditionKeys.tag(resourceTags, k.substring("secretsmanager:resourcetag/".length()));
      }
      if (k.startsWith("aws:resourcetag/")) {
        return GlobalConditionKeys.tag(resourceTags, k.substring("aws:resourcetag/".length()));
      }
      return k.startsWith("aws:") ? GlobalConditionKeys.values(ctx, k) : null;
    };
  }
}

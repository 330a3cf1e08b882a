package io.keywarden.services.secrets;

import io.keywarden.domain.key.Tag;
import io.keywarden.domain.secret.SecretRecord;
import io.keywarden.services.api.CallContext;
import io.keywarden.services.identity.IdentityPolicies;
import io.keywarden.services.kms.access.AccessRequest;
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
 * {@code secretsmanager:VersionStage}...). Resource policies are not evaluated yet.
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
    Map<String, String> tags = new LinkedHashMap<>();
    for (Tag t : secret.tags()) {
      tags.put(t.key(), t.value());
    }
    check(ctx, action, secret.arn(), keys, tags);
  }

  /** Checks {@code action} on a resource that is not a stored secret (a new one's ARN, or {@code *}). */
  void check(CallContext ctx, String action, String resource, Map<String, List<String>> keys) {
    check(ctx, action, resource, keys, Map.of());
  }

  private void check(CallContext ctx, String action, String resource,
      Map<String, List<String>> keys, Map<String, String> resourceTags) {
    authorizer.check(
        AccessRequest.identityOnly(ctx, "secretsmanager:" + action, resource, k -> {
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
        }));
  }
}

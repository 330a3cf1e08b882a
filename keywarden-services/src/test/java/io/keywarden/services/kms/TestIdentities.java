package io.keywarden.services.kms;

import io.keywarden.domain.identity.IamUser;
import io.keywarden.domain.identity.Principal;
import io.keywarden.domain.key.Tag;
import io.keywarden.services.identity.IdentityPolicies;
import io.keywarden.services.policy.PolicyParseException;
import io.keywarden.services.policy.PolicyParser;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A test-only {@link IdentityPolicies}: users and roles made by the test, with inline policies parsed
 * once, and principals for them.
 */
final class TestIdentities implements IdentityPolicies {
  private final Map<String, List<NamedPolicy>> policies = new ConcurrentHashMap<>();
  private final Set<String> known = ConcurrentHashMap.newKeySet();

  /** A user of {@code account} with tags; its principal signs with a made-up access key. */
  Principal user(String account, String name, Map<String, String> tags) {
    List<Tag> t = new ArrayList<>();
    tags.forEach((k, v) -> t.add(new Tag(k, v)));
    IamUser u =
        new IamUser(account, name, "AIDA" + name.toUpperCase(java.util.Locale.ROOT), "/",
            java.time.Instant.EPOCH, t, Map.of(), 1);
    known.add(u.arn());
    return Principal.user(u, "AKIA" + name.toUpperCase(java.util.Locale.ROOT));
  }

  Principal user(String account, String name) {
    return user(account, name, Map.of());
  }

  /** A session of role {@code roleName} with the given (role + session) tags. */
  Principal session(String account, String roleName, String sessionName, Map<String, String> tags) {
    String roleArn = "arn:aws:iam::" + account + ":role/" + roleName;
    known.add(roleArn);
    return new Principal(
        io.keywarden.domain.identity.PrincipalType.AssumedRole,
        account,
        Principal.sessionArn(account, roleName, sessionName),
        "AROA" + roleName.toUpperCase(java.util.Locale.ROOT) + ":" + sessionName,
        "ASIA" + sessionName.toUpperCase(java.util.Locale.ROOT),
        null,
        roleArn,
        new HashMap<>(tags),
        Set.of());
  }

  /** Attaches an identity policy to a user (by its ARN) or a role (its sessions' role ARN). */
  TestIdentities attach(Principal p, String name, String json) {
    String owner = p.roleArn() != null ? p.roleArn() : p.arn();
    try {
      policies
          .computeIfAbsent(owner, k -> new java.util.concurrent.CopyOnWriteArrayList<>())
          .add(new NamedPolicy(name, PolicyParser.parse(json, PolicyParser.Kind.IDENTITY)));
    } catch (PolicyParseException e) {
      throw new IllegalArgumentException(e.getMessage(), e);
    }
    return this;
  }

  void detachAll(Principal p) {
    policies.remove(p.roleArn() != null ? p.roleArn() : p.arn());
  }

  @Override
  public List<NamedPolicy> policiesOf(Principal principal) {
    String owner = principal.roleArn() != null ? principal.roleArn() : principal.arn();
    return policies.getOrDefault(owner, List.of());
  }

  @Override
  public boolean exists(String principalArn) {
    return ROOTS_ONLY.exists(principalArn) || known.contains(principalArn);
  }
}

package io.keywarden.services.identity;

import io.keywarden.domain.identity.IamRole;
import io.keywarden.domain.identity.IamUser;
import io.keywarden.domain.policy.PolicyDocument;
import io.keywarden.domain.storage.IdentityRepository;
import io.keywarden.services.identity.IdentityPolicies.NamedPolicy;
import io.keywarden.services.policy.PolicyParseException;
import io.keywarden.services.policy.PolicyParser;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Every account's users and roles as loaded at one moment, with their policies parsed. Immutable.
 *
 * <p>A stored policy that no longer parses (it was validated when stored, so only a newer, stricter
 * parser can make this happen) becomes a policy that denies everything: failing closed, since
 * leaving it out could drop a Deny.
 */
final class IdentitySnapshot {
  private static final Logger LOG = System.getLogger(IdentitySnapshot.class.getName());
  private static final PolicyDocument DENY_ALL = denyAll();

  /** A user and its parsed inline policies. */
  record UserEntry(IamUser user, List<NamedPolicy> policies) {}

  /** A role, its parsed trust policy and inline policies. */
  record RoleEntry(IamRole role, PolicyDocument trustPolicy, List<NamedPolicy> policies) {}

  static final IdentitySnapshot EMPTY = new IdentitySnapshot(new byte[0], Map.of(), Map.of(), Map.of());

  final byte[] generation;
  private final Map<String, UserEntry> usersByArn;
  private final Map<String, RoleEntry> rolesByArn;
  /** By {@code account + "/" + roleName}: session ARNs name roles without their path. */
  private final Map<String, RoleEntry> rolesByName;

  private IdentitySnapshot(
      byte[] generation,
      Map<String, UserEntry> usersByArn,
      Map<String, RoleEntry> rolesByArn,
      Map<String, RoleEntry> rolesByName) {
    this.generation = generation;
    this.usersByArn = usersByArn;
    this.rolesByArn = rolesByArn;
    this.rolesByName = rolesByName;
  }

  /** Reads every account's users and roles; {@code generation} is the marker read before. */
  static IdentitySnapshot load(IdentityRepository repository, byte[] generation) {
    Map<String, UserEntry> users = new HashMap<>();
    Map<String, RoleEntry> roles = new HashMap<>();
    Map<String, RoleEntry> byName = new HashMap<>();
    for (String account : repository.accounts()) {
      for (IamUser u : repository.listUsers(account)) {
        users.put(u.arn(), new UserEntry(u, parse(u.arn(), u.policies())));
      }
      for (IamRole r : repository.listRoles(account)) {
        RoleEntry entry =
            new RoleEntry(r, parseTrust(r), parse(r.arn(), r.policies()));
        roles.put(r.arn(), entry);
        byName.put(account + "/" + r.roleName(), entry);
      }
    }
    return new IdentitySnapshot(generation, Map.copyOf(users), Map.copyOf(roles), Map.copyOf(byName));
  }

  UserEntry user(String arn) {
    return usersByArn.get(arn);
  }

  RoleEntry role(String arn) {
    return rolesByArn.get(arn);
  }

  RoleEntry role(String accountId, String roleName) {
    return rolesByName.get(accountId + "/" + roleName);
  }

  int users() {
    return usersByArn.size();
  }

  int roles() {
    return rolesByArn.size();
  }

  private static List<NamedPolicy> parse(String owner, Map<String, String> policies) {
    if (policies.isEmpty()) {
      return List.of();
    }
    List<NamedPolicy> out = new ArrayList<>(policies.size());
    for (Map.Entry<String, String> p : new TreeMap<>(policies).entrySet()) {
      try {
        out.add(new NamedPolicy(p.getKey(), PolicyParser.parse(p.getValue(), PolicyParser.Kind.IDENTITY)));
      } catch (PolicyParseException e) {
        LOG.log(Level.WARNING, "policy {0} of {1} does not parse; it denies everything: {2}",
            p.getKey(), owner, e.getMessage());
        out.add(new NamedPolicy(p.getKey(), DENY_ALL));
      }
    }
    return List.copyOf(out);
  }

  /** A trust policy that does not parse trusts nobody. */
  private static PolicyDocument parseTrust(IamRole r) {
    try {
      return PolicyParser.parse(r.trustPolicy(), PolicyParser.Kind.TRUST);
    } catch (PolicyParseException e) {
      LOG.log(Level.WARNING, "the trust policy of {0} does not parse; nobody may assume it: {1}",
          r.arn(), e.getMessage());
      return new PolicyDocument(PolicyDocument.VERSION_2012, null, List.of());
    }
  }

  private static PolicyDocument denyAll() {
    try {
      return PolicyParser.parse(
          "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Deny\",\"Action\":\"*\",\"Resource\":\"*\"}]}",
          PolicyParser.Kind.IDENTITY);
    } catch (PolicyParseException e) {
      throw new IllegalStateException(e);
    }
  }
}

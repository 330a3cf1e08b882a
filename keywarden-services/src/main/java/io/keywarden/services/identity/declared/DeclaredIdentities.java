package io.keywarden.services.identity.declared;

import io.keywarden.domain.key.Tag;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What an identities file declares: each account it names is managed whole — its users and roles are
 * exactly those declared.
 */
public record DeclaredIdentities(List<Account> accounts) {
  public DeclaredIdentities {
    accounts = List.copyOf(accounts);
  }

  /** An account and everything it holds. */
  public record Account(String id, List<User> users, List<Role> roles) {
    public Account {
      Objects.requireNonNull(id, "id");
      users = List.copyOf(users);
      roles = List.copyOf(roles);
    }
  }

  /**
   * An IAM user.
   *
   * @param policies inline policies by name, as compact JSON
   * @param accessKeys exactly the user's access keys; {@code null} when the file does not manage them
   * @param createAccessKey issue a key (shown once) when the user has none
   */
  public record User(String name, String path, List<Tag> tags, Map<String, String> policies,
      List<DeclaredAccessKey> accessKeys, boolean createAccessKey) {
    public User {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(path, "path");
      tags = List.copyOf(tags);
      policies = Map.copyOf(policies);
      accessKeys = accessKeys == null ? null : List.copyOf(accessKeys);
    }
  }

  /**
   * An IAM role.
   *
   * @param trustPolicy compact JSON
   * @param policies inline policies by name, as compact JSON
   */
  public record Role(String name, String path, String trustPolicy, int maxSessionSeconds,
      List<Tag> tags, Map<String, String> policies) {
    public Role {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(path, "path");
      Objects.requireNonNull(trustPolicy, "trustPolicy");
      tags = List.copyOf(tags);
      policies = Map.copyOf(policies);
    }
  }
}

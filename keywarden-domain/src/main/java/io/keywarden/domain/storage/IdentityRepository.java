package io.keywarden.domain.storage;

import io.keywarden.domain.identity.IamRole;
import io.keywarden.domain.identity.IamUser;
import java.util.List;
import java.util.Optional;

/**
 * IAM users and roles, unique by account and name. Updates are compare-and-swap on {@code revision}
 * like keys: {@code put} inserts a record of revision 1 (a duplicate name throws
 * DuplicateRecordException) or replaces the record whose revision is one lower (else
 * StaleRecordException).
 */
public interface IdentityRepository {

  Optional<IamUser> findUser(String accountId, String userName);

  /** By the unique user id ({@code AIDA...}). */
  Optional<IamUser> findUserById(String userId);

  void putUser(IamUser user);

  /** @return whether a user was deleted (its access keys are the caller's to delete) */
  boolean deleteUser(String accountId, String userName);

  /** The account's users, ordered by name. */
  List<IamUser> listUsers(String accountId);

  Optional<IamRole> findRole(String accountId, String roleName);

  void putRole(IamRole role);

  boolean deleteRole(String accountId, String roleName);

  /** The account's roles, ordered by name. */
  List<IamRole> listRoles(String accountId);

  /** The accounts that have at least one user or role, in order. */
  List<String> accounts();
}

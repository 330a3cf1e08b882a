package io.keywarden.services.identity.declared;

import io.keywarden.domain.identity.AccessKeyRecord;
import io.keywarden.domain.identity.IamRole;
import io.keywarden.domain.identity.IamUser;
import io.keywarden.domain.storage.AccessKeyRepository;
import io.keywarden.domain.storage.IdentityRepository;
import io.keywarden.domain.storage.SettingsRepository;
import io.keywarden.domain.storage.Storage;
import io.keywarden.services.identity.AccessKeys;
import io.keywarden.services.identity.IdentityGeneration;
import io.keywarden.services.identity.declared.DeclaredIdentities.Account;
import io.keywarden.services.identity.declared.DeclaredIdentities.Role;
import io.keywarden.services.identity.declared.DeclaredIdentities.User;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Makes storage hold what a file declares, changing only what differs, so that applying the same file
 * twice changes nothing the second time. For each account of the file: users and roles not declared
 * are deleted (a user with its access keys); declared ones are created, or updated where their path,
 * tags, policies, trust policy or maximum session duration differ (keeping their ids); a user's
 * access keys, when the file lists them, become exactly those listed — a key with its secret is
 * imported (or its secret replaced), a key by id only must exist already, {@code active} switches a
 * key on or off; {@code createAccessKey} issues a key to a user that has none. Accounts the file does
 * not name are left alone.
 *
 * <p>Nothing is changed before the whole file is known to be consistent with storage (an access key
 * id of another principal, a key listed by id that does not exist). When something changed, the
 * identity generation is bumped, so that running servers reload within a second.
 */
public final class IdentitiesApply {
  private static final char[] ID_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567".toCharArray();
  private static final SecureRandom RANDOM = new SecureRandom();

  private final IdentityRepository identities;
  private final AccessKeyRepository keyStore;
  private final SettingsRepository settings;
  private final AccessKeys accessKeys;
  private final Clock clock;

  /** @param accessKeys wraps and compares secrets (needs an unsealed root of trust) */
  public IdentitiesApply(Storage storage, AccessKeys accessKeys, Clock clock) {
    this.identities = storage.identities();
    this.keyStore = storage.accessKeys();
    this.settings = storage.settings();
    this.accessKeys = accessKeys;
    this.clock = clock;
  }

  /**
   * Applies {@code declared}; with {@code dryRun}, only says what it would change (and issues no
   * key).
   *
   * @throws IllegalArgumentException if the file conflicts with storage (nothing is changed then)
   */
  public ApplyResult apply(DeclaredIdentities declared, boolean dryRun) {
    check(declared);
    List<String> changes = new ArrayList<>();
    List<ApplyResult.Issued> issued = new ArrayList<>();
    for (Account account : declared.accounts()) {
      applyAccount(account, dryRun, changes, issued);
    }
    if (!dryRun && !changes.isEmpty()) {
      IdentityGeneration.bump(settings);
    }
    return new ApplyResult(changes, issued);
  }

  /** Access keys the file lists must not belong to someone else, and keys by id must exist. */
  private void check(DeclaredIdentities declared) {
    for (Account a : declared.accounts()) {
      for (User u : a.users()) {
        if (u.accessKeys() == null) {
          continue;
        }
        String arn = userArn(a.id(), u);
        for (DeclaredAccessKey k : u.accessKeys()) {
          Optional<AccessKeyRecord> stored = keyStore.find(k.accessKeyId());
          if (stored.isPresent() && !ownedBy(stored.get(), a.id(), u)) {
            throw new IllegalArgumentException("access key " + k.accessKeyId()
                + " belongs to " + stored.get().principalArn() + ", not to " + arn);
          }
          if (stored.isEmpty() && !k.hasSecret()) {
            throw new IllegalArgumentException("account " + a.id() + ", user " + u.name()
                + ": access key " + k.accessKeyId() + " does not exist; give its secretAccessKey to"
                + " import it, or use createAccessKey to have one issued");
          }
        }
      }
    }
  }

  /** A key of this user, also under a path the file changes. */
  private boolean ownedBy(AccessKeyRecord key, String accountId, User u) {
    if (!key.accountId().equals(accountId)) {
      return false;
    }
    return identities.findUser(accountId, u.name()).map(IamUser::arn).orElse(userArn(accountId, u))
        .equals(key.principalArn()) || key.principalArn().equals(userArn(accountId, u));
  }

  private void applyAccount(Account a, boolean dryRun, List<String> changes,
      List<ApplyResult.Issued> issued) {
    String acct = a.id();
    Map<String, List<AccessKeyRecord>> keysByPrincipal = new HashMap<>();
    for (AccessKeyRecord k : keyStore.list(acct)) {
      keysByPrincipal.computeIfAbsent(k.principalArn(), x -> new ArrayList<>()).add(k);
    }

    Set<String> declaredUsers = new HashSet<>();
    a.users().forEach(u -> declaredUsers.add(u.name()));
    for (IamUser existing : identities.listUsers(acct)) {
      if (!declaredUsers.contains(existing.userName())) {
        List<AccessKeyRecord> keys = keysByPrincipal.getOrDefault(existing.arn(), List.of());
        changes.add("- user " + acct + "/" + existing.userName()
            + (keys.isEmpty() ? "" : " and its " + keys.size() + " access key(s)"));
        if (!dryRun) {
          keys.forEach(k -> accessKeys.delete(k.accessKeyId()));
          identities.deleteUser(acct, existing.userName());
        }
      }
    }
    Set<String> declaredRoles = new HashSet<>();
    a.roles().forEach(r -> declaredRoles.add(r.name()));
    for (IamRole existing : identities.listRoles(acct)) {
      if (!declaredRoles.contains(existing.roleName())) {
        changes.add("- role " + acct + "/" + existing.roleName());
        if (!dryRun) {
          identities.deleteRole(acct, existing.roleName());
        }
      }
    }

    for (User u : a.users()) {
      IamUser user = applyUser(acct, u, dryRun, changes, keysByPrincipal);
      applyKeys(acct, u, user, dryRun, changes, issued, keysByPrincipal);
    }
    for (Role r : a.roles()) {
      applyRole(acct, r, dryRun, changes);
    }
  }

  private IamUser applyUser(String acct, User u, boolean dryRun, List<String> changes,
      Map<String, List<AccessKeyRecord>> keysByPrincipal) {
    Optional<IamUser> found = identities.findUser(acct, u.name());
    if (found.isEmpty()) {
      IamUser created = new IamUser(acct, u.name(), newId("AIDA"), u.path(), clock.instant(), u.tags(),
          u.policies(), 1);
      changes.add("+ user " + acct + "/" + u.name());
      if (!dryRun) {
        identities.putUser(created);
      }
      return created;
    }
    IamUser old = found.get();
    List<String> what = new ArrayList<>();
    if (!old.path().equals(u.path())) {
      what.add("path");
    }
    if (!old.tags().equals(u.tags())) {
      what.add("tags");
    }
    if (!old.policies().equals(u.policies())) {
      what.add("policies");
    }
    if (what.isEmpty()) {
      return old;
    }
    IamUser updated = new IamUser(acct, u.name(), old.userId(), u.path(), old.createdAt(), u.tags(),
        u.policies(), old.revision() + 1);
    changes.add("~ user " + acct + "/" + u.name() + ": " + String.join(", ", what));
    if (!dryRun) {
      identities.putUser(updated);
      if (!old.arn().equals(updated.arn())) {
        // A new path is a new ARN: the user's keys follow it.
        for (AccessKeyRecord k : keysByPrincipal.getOrDefault(old.arn(), List.of())) {
          accessKeys.delete(k.accessKeyId());
          keyStore.insert(new AccessKeyRecord(k.accessKeyId(), k.accountId(), updated.arn(),
              k.wrappedSecret(), k.createdAt(), k.active()));
        }
      }
    }
    keysByPrincipal.put(updated.arn(), keysByPrincipal.getOrDefault(old.arn(), List.of()).stream()
        .map(k -> new AccessKeyRecord(k.accessKeyId(), k.accountId(), updated.arn(), k.wrappedSecret(),
            k.createdAt(), k.active()))
        .toList());
    return updated;
  }

  private void applyKeys(String acct, User u, IamUser user, boolean dryRun, List<String> changes,
      List<ApplyResult.Issued> issued, Map<String, List<AccessKeyRecord>> keysByPrincipal) {
    List<AccessKeyRecord> existing = keysByPrincipal.getOrDefault(user.arn(), List.of());
    String who = " of user " + acct + "/" + u.name();
    if (u.accessKeys() == null) {
      if (u.createAccessKey() && existing.isEmpty()) {
        changes.add("+ access key (issued)" + who);
        if (!dryRun) {
          issued.add(new ApplyResult.Issued(acct, u.name(), accessKeys.createForUser(user)));
        }
      }
      return;
    }
    Map<String, AccessKeyRecord> byId = new HashMap<>();
    existing.forEach(k -> byId.put(k.accessKeyId(), k));
    Set<String> listed = new HashSet<>();
    for (DeclaredAccessKey k : u.accessKeys()) {
      listed.add(k.accessKeyId());
      AccessKeyRecord stored = byId.get(k.accessKeyId());
      char[] secret = k.secret();
      try {
        if (stored == null) {
          changes.add("+ access key " + k.accessKeyId() + who + (k.active() ? "" : " (inactive)"));
          if (!dryRun) {
            accessKeys.importKey(k.accessKeyId(), acct, user.arn(), secret, k.active());
          }
          continue;
        }
        if (secret != null && !accessKeys.secretMatches(stored, secret)) {
          changes.add("~ access key " + k.accessKeyId() + who + ": secret");
          if (!dryRun) {
            accessKeys.delete(k.accessKeyId());
            accessKeys.importKey(k.accessKeyId(), acct, user.arn(), secret, k.active());
          }
          continue;
        }
        if (stored.active() != k.active()) {
          changes.add("~ access key " + k.accessKeyId() + who + ": "
              + (k.active() ? "activated" : "deactivated"));
          if (!dryRun) {
            accessKeys.setActive(stored, k.active());
          }
        }
      } finally {
        if (secret != null) {
          Arrays.fill(secret, '\0');
        }
      }
    }
    for (AccessKeyRecord k : existing) {
      if (!listed.contains(k.accessKeyId())) {
        changes.add("- access key " + k.accessKeyId() + who);
        if (!dryRun) {
          accessKeys.delete(k.accessKeyId());
        }
      }
    }
  }

  private void applyRole(String acct, Role r, boolean dryRun, List<String> changes) {
    Optional<IamRole> found = identities.findRole(acct, r.name());
    if (found.isEmpty()) {
      changes.add("+ role " + acct + "/" + r.name());
      if (!dryRun) {
        identities.putRole(new IamRole(acct, r.name(), newId("AROA"), r.path(), clock.instant(),
            r.trustPolicy(), r.maxSessionSeconds(), r.tags(), r.policies(), 1));
      }
      return;
    }
    IamRole old = found.get();
    List<String> what = new ArrayList<>();
    if (!old.path().equals(r.path())) {
      what.add("path");
    }
    if (!old.trustPolicy().equals(r.trustPolicy())) {
      what.add("trust policy");
    }
    if (old.maxSessionSeconds() != r.maxSessionSeconds()) {
      what.add("max session duration");
    }
    if (!old.tags().equals(r.tags())) {
      what.add("tags");
    }
    if (!old.policies().equals(r.policies())) {
      what.add("policies");
    }
    if (what.isEmpty()) {
      return;
    }
    changes.add("~ role " + acct + "/" + r.name() + ": " + String.join(", ", what));
    if (!dryRun) {
      identities.putRole(new IamRole(acct, r.name(), old.roleId(), r.path(), old.createdAt(),
          r.trustPolicy(), r.maxSessionSeconds(), r.tags(), r.policies(), old.revision() + 1));
    }
  }

  private static String userArn(String accountId, User u) {
    return "arn:aws:iam::" + accountId + ":user" + u.path() + u.name();
  }

  /** AWS's unique ids: a four-letter prefix and 17 characters. */
  private static String newId(String prefix) {
    char[] out = new char[17];
    for (int i = 0; i < out.length; i++) {
      out[i] = ID_ALPHABET[RANDOM.nextInt(ID_ALPHABET.length)];
    }
    return prefix + new String(out);
  }
}

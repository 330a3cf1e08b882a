package io.keywarden.services.identity;

import io.keywarden.domain.identity.IamRole;
import io.keywarden.domain.identity.IamUser;
import io.keywarden.domain.identity.Principal;
import io.keywarden.domain.identity.PrincipalType;
import io.keywarden.domain.policy.PolicyDocument;
import io.keywarden.domain.storage.IdentityRepository;
import io.keywarden.domain.storage.SettingsRepository;
import io.keywarden.services.identity.IdentitySnapshot.RoleEntry;
import io.keywarden.services.identity.IdentitySnapshot.UserEntry;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.security.MessageDigest;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The users and roles of every account, in memory, with their policies parsed once: the {@link
 * IdentityPolicies} that authorisation consults on every call, and what authentication (user access
 * keys, sessions) and STS look principals up in.
 *
 * <p>Kept current two ways. A change made through this process calls {@link #changed()}, which marks
 * the change in settings ({@link IdentityGeneration}) and reloads at once. A change made by another
 * process on the same database (the {@code keywarden iam apply} command while the server runs,
 * another node) is seen by {@link #refreshIfChanged()}, which the server runs every second: one small
 * settings read, and a reload only when the marker moved. Listeners ({@link #onChange}) hear of every
 * reload, so that caches derived from identities (access keys, sessions) are dropped.
 *
 * <p>Reads never touch storage and are safe from any thread.
 */
public final class IdentityDirectory implements IdentityPolicies {
  private static final Logger LOG = System.getLogger(IdentityDirectory.class.getName());
  private static final Pattern ACCOUNT = Pattern.compile("\\d{12}");
  private static final Pattern ROOT = Pattern.compile("arn:aws:iam::(\\d{12}):root");
  private static final Pattern SESSION =
      Pattern.compile("arn:aws:sts::(\\d{12}):assumed-role/([^/]+)/[^/]+");

  private final IdentityRepository repository;
  private final SettingsRepository settings;
  private final List<Runnable> listeners = new CopyOnWriteArrayList<>();
  private volatile IdentitySnapshot snapshot = IdentitySnapshot.EMPTY;

  /** Loads every account's users and roles. */
  public IdentityDirectory(IdentityRepository repository, SettingsRepository settings) {
    this.repository = Objects.requireNonNull(repository, "repository");
    this.settings = Objects.requireNonNull(settings, "settings");
    reload();
  }

  /** Runs {@code listener} after each reload (on the reloading thread). */
  public void onChange(Runnable listener) {
    listeners.add(Objects.requireNonNull(listener, "listener"));
  }

  /**
   * Marks users, roles or access keys as changed for every process and reloads. Call after storing
   * the change.
   */
  public void changed() {
    IdentityGeneration.bump(settings);
    reload();
  }

  /** Reloads from storage now (after a reset, say), whatever the marker says. */
  public synchronized void reload() {
    byte[] generation = IdentityGeneration.current(settings);
    snapshot = IdentitySnapshot.load(repository, generation);
    notifyListeners();
  }

  /**
   * Reloads if another process changed identities since the last load; cheap otherwise (one settings
   * read). Errors are logged, and the identities kept, so that a failing database does not take the
   * directory down with it.
   *
   * @return whether it reloaded
   */
  public synchronized boolean refreshIfChanged() {
    try {
      byte[] generation = IdentityGeneration.current(settings);
      if (MessageDigest.isEqual(generation, snapshot.generation)) {
        return false;
      }
      snapshot = IdentitySnapshot.load(repository, generation);
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "could not refresh identities; keeping those loaded", e);
      return false;
    }
    notifyListeners();
    return true;
  }

  private void notifyListeners() {
    for (Runnable l : listeners) {
      l.run();
    }
  }

  /** The user whose ARN this is. */
  public Optional<IamUser> user(String userArn) {
    UserEntry e = snapshot.user(userArn);
    return e == null ? Optional.empty() : Optional.of(e.user());
  }

  /** The role whose ARN this is (with its path). */
  public Optional<IamRole> role(String roleArn) {
    RoleEntry e = snapshot.role(roleArn);
    return e == null ? Optional.empty() : Optional.of(e.role());
  }

  /** The role of that name in that account. */
  public Optional<IamRole> role(String accountId, String roleName) {
    RoleEntry e = snapshot.role(accountId, roleName);
    return e == null ? Optional.empty() : Optional.of(e.role());
  }

  /** The parsed trust policy of the role of that name; empty if there is no such role. */
  public Optional<PolicyDocument> trustPolicy(String accountId, String roleName) {
    RoleEntry e = snapshot.role(accountId, roleName);
    return e == null ? Optional.empty() : Optional.of(e.trustPolicy());
  }

  @Override
  public List<NamedPolicy> policiesOf(Principal principal) {
    if (principal.type() == PrincipalType.IAMUser) {
      UserEntry e = snapshot.user(principal.arn());
      return e != null && e.user().userId().equals(principal.userId()) ? e.policies() : List.of();
    }
    if (principal.type() == PrincipalType.AssumedRole && principal.roleArn() != null) {
      RoleEntry e = snapshot.role(principal.roleArn());
      // A role deleted and created again under the same name is another role: its policies do not
      // apply to the sessions of the old one (AWS tells them apart by role id, as here).
      return e != null && principal.userId().startsWith(e.role().roleId() + ":")
          ? e.policies()
          : List.of();
    }
    return List.of();
  }

  @Override
  public boolean exists(String principalArn) {
    if (ACCOUNT.matcher(principalArn).matches() || ROOT.matcher(principalArn).matches()) {
      return true;
    }
    IdentitySnapshot s = snapshot;
    if (s.user(principalArn) != null || s.role(principalArn) != null) {
      return true;
    }
    Matcher m = SESSION.matcher(principalArn);
    return m.matches() && s.role(m.group(1), m.group(2)) != null;
  }

  @Override
  public String toString() {
    IdentitySnapshot s = snapshot;
    return "IdentityDirectory[" + s.users() + " users, " + s.roles() + " roles]";
  }
}

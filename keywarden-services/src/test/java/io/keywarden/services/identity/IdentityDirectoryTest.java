package io.keywarden.services.identity;

import static io.keywarden.services.identity.Identities.ACCOUNT;
import static io.keywarden.services.identity.Identities.ALLOW_KMS;
import static io.keywarden.services.identity.Identities.OTHER_ACCOUNT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.keywarden.domain.identity.IamRole;
import io.keywarden.domain.identity.IamUser;
import io.keywarden.domain.identity.Principal;
import io.keywarden.domain.key.Tag;
import io.keywarden.domain.policy.Effect;
import io.keywarden.domain.storage.Storage;
import io.keywarden.services.identity.IdentityPolicies.NamedPolicy;
import io.keywarden.storage.memory.MemoryStorage;
import io.keywarden.storage.sqlite.SqliteStorage;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IdentityDirectoryTest {
  private static final String ROLE_ID = "AROAAPPROLE0000000001";

  private static IamRole appRole(String roleId) {
    return Identities.role(ACCOUNT, "app", roleId,
        Identities.trust("\"" + ACCOUNT + "\"", "\"sts:AssumeRole\""), 3600, List.of(),
        Map.of("kms", ALLOW_KMS));
  }

  private static Principal session(IamRole role, String name) {
    return Principal.session(role, name, "ASIATEST", Map.of(), Set.of());
  }

  @Test
  void policiesOf_userRoleSessionAndRoot() {
    MemoryStorage storage = new MemoryStorage();
    IamUser alice = Identities.user(ACCOUNT, "alice", "AIDAALICE000000000001",
        Map.of("b-deny", "{\"Statement\":{\"Effect\":\"Deny\",\"Action\":\"kms:Decrypt\",\"Resource\":\"*\"}}",
            "a-allow", ALLOW_KMS),
        List.of(new Tag("team", "blue")));
    storage.identities().putUser(alice);
    storage.identities().putRole(appRole(ROLE_ID));
    IdentityDirectory directory = new IdentityDirectory(storage.identities(), storage.settings());

    List<NamedPolicy> policies = directory.policiesOf(Principal.user(alice, "AKIA1"));
    assertEquals(List.of("a-allow", "b-deny"), policies.stream().map(NamedPolicy::name).toList());
    assertEquals(Effect.Deny, policies.get(1).document().statement(0).effect());

    IamRole role = directory.role(ACCOUNT, "app").orElseThrow();
    assertEquals(List.of("kms"),
        directory.policiesOf(session(role, "s1")).stream().map(NamedPolicy::name).toList());
    assertEquals(List.of(), directory.policiesOf(Principal.root(ACCOUNT, "AKIAROOT")));
  }

  @Test
  void policiesOf_aRecreatedUserOrRoleIsAnotherPrincipal() {
    MemoryStorage storage = new MemoryStorage();
    IamUser old = Identities.user(ACCOUNT, "bob", "AIDABOB00000000000001", Map.of("p", ALLOW_KMS), List.of());
    storage.identities().putUser(old);
    IamRole oldRole = appRole(ROLE_ID);
    storage.identities().putRole(oldRole);
    IdentityDirectory directory = new IdentityDirectory(storage.identities(), storage.settings());
    Principal oldBob = Principal.user(old, "AKIA1");
    Principal oldSession = session(oldRole, "s");
    assertEquals(1, directory.policiesOf(oldBob).size());
    assertEquals(1, directory.policiesOf(oldSession).size());

    storage.identities().deleteUser(ACCOUNT, "bob");
    storage.identities().putUser(
        Identities.user(ACCOUNT, "bob", "AIDABOB00000000000002", Map.of("p", ALLOW_KMS), List.of()));
    storage.identities().deleteRole(ACCOUNT, "app");
    storage.identities().putRole(appRole("AROAAPPROLE0000000002"));
    directory.changed();

    assertEquals(List.of(), directory.policiesOf(oldBob));
    assertEquals(List.of(), directory.policiesOf(oldSession));
  }

  @Test
  void unparseablePolicy_deniesEverything() {
    MemoryStorage storage = new MemoryStorage();
    IamUser u = Identities.user(ACCOUNT, "carol", "AIDACAROL000000000001",
        Map.of("broken", "{\"Statement\":[{\"Effect\":\"Maybe\"}]}"), List.of());
    storage.identities().putUser(u);
    IdentityDirectory directory = new IdentityDirectory(storage.identities(), storage.settings());
    List<NamedPolicy> policies = directory.policiesOf(Principal.user(u, "AKIA1"));
    assertEquals(1, policies.size());
    assertEquals(Effect.Deny, policies.get(0).document().statement(0).effect());
    assertEquals(List.of("*"), policies.get(0).document().statement(0).actions());
  }

  @Test
  void exists_rootsUsersRolesAndSessionsOfKnownRoles() {
    MemoryStorage storage = new MemoryStorage();
    storage.identities().putUser(
        new IamUser(ACCOUNT, "dave", "AIDADAVE0000000000001", "/ops/", Identities.T0, List.of(), Map.of(), 1));
    storage.identities().putRole(new IamRole(ACCOUNT, "deploy", ROLE_ID, "/ci/", Identities.T0,
        "{\"Statement\":[]}", 3600, List.of(), Map.of(), 1));
    IdentityDirectory d = new IdentityDirectory(storage.identities(), storage.settings());

    assertTrue(d.exists("arn:aws:iam::" + OTHER_ACCOUNT + ":root"));
    assertTrue(d.exists(OTHER_ACCOUNT));
    assertTrue(d.exists("arn:aws:iam::" + ACCOUNT + ":user/ops/dave"));
    assertFalse(d.exists("arn:aws:iam::" + ACCOUNT + ":user/dave"), "the path is part of the ARN");
    assertFalse(d.exists("arn:aws:iam::" + OTHER_ACCOUNT + ":user/ops/dave"));
    assertTrue(d.exists("arn:aws:iam::" + ACCOUNT + ":role/ci/deploy"));
    assertTrue(d.exists("arn:aws:sts::" + ACCOUNT + ":assumed-role/deploy/any-session"));
    assertFalse(d.exists("arn:aws:sts::" + ACCOUNT + ":assumed-role/other/any-session"));
    assertFalse(d.exists("arn:aws:iam::" + ACCOUNT + ":role/nobody"));
    assertFalse(d.exists("arn:aws:iam::12345:root"));
  }

  @Test
  void changeByAnotherProcess_seenByRefreshIfChanged(@TempDir Path dir) {
    try (Storage server = SqliteStorage.open(dir); Storage cli = SqliteStorage.open(dir)) {
      IdentityDirectory serverView = new IdentityDirectory(server.identities(), server.settings());
      AtomicInteger reloads = new AtomicInteger();
      serverView.onChange(reloads::incrementAndGet);
      assertFalse(serverView.refreshIfChanged(), "nothing changed");

      IdentityDirectory cliView = new IdentityDirectory(cli.identities(), cli.settings());
      cli.identities().putUser(Identities.user("erin", "AIDAERIN0000000000001"));
      cliView.changed();

      assertTrue(serverView.user("arn:aws:iam::" + ACCOUNT + ":user/erin").isEmpty(), "not yet checked");
      assertTrue(serverView.refreshIfChanged());
      assertTrue(serverView.user("arn:aws:iam::" + ACCOUNT + ":user/erin").isPresent());
      assertEquals(1, reloads.get());
      assertFalse(serverView.refreshIfChanged(), "a second check finds nothing new");
      assertEquals(1, reloads.get());
    }
  }

  @Test
  void reads_shareOneParsedPolicyInstance() {
    MemoryStorage storage = new MemoryStorage();
    IamUser u = Identities.user(ACCOUNT, "fay", "AIDAFAY00000000000001", Map.of("p", ALLOW_KMS), List.of());
    storage.identities().putUser(u);
    IdentityDirectory d = new IdentityDirectory(storage.identities(), storage.settings());
    Principal p = Principal.user(u, "AKIA1");
    assertSame(d.policiesOf(p).get(0).document(), d.policiesOf(p).get(0).document(),
        "parsed once, not per call");
  }
}

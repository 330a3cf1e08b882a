package io.keywarden.services.identity;

import static io.keywarden.services.identity.Identities.ACCOUNT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.keywarden.domain.identity.IamRole;
import io.keywarden.domain.identity.Principal;
import io.keywarden.domain.identity.PrincipalType;
import io.keywarden.domain.key.Tag;
import io.keywarden.domain.storage.Storage;
import io.keywarden.domain.trust.RootOfTrust;
import io.keywarden.storage.memory.MemoryStorage;
import io.keywarden.storage.sqlite.SqliteStorage;
import io.keywarden.trust.dev.DevRootOfTrust;
import io.keywarden.trust.ephemeral.EphemeralRootOfTrust;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SessionTokensTest {
  private static final String ROLE_ID = "AROAAPPROLE0000000001";

  private final TestClock clock = new TestClock(Instant.parse("2026-03-01T10:00:00Z"));
  private final MemoryStorage storage = new MemoryStorage();
  private final RootOfTrust root = new EphemeralRootOfTrust();
  private final IamRole role = new IamRole(ACCOUNT, "app", ROLE_ID, "/svc/", Identities.T0,
      "{\"Statement\":[]}", 7200, List.of(new Tag("team", "blue"), new Tag("Env", "prod")), Map.of(), 1);
  private final IdentityDirectory directory;
  private final SessionTokens tokens;

  SessionTokensTest() {
    storage.identities().putRole(role);
    directory = new IdentityDirectory(storage.identities(), storage.settings());
    tokens = new SessionTokens(storage.settings(), root, clock, directory);
  }

  private IssuedSession issue(Map<String, String> tags, Set<String> transitive, Duration d) {
    return tokens.issue(role, "build-42", tags, transitive, d);
  }

  @Test
  void issuedSession_resolvesToTheAssumedRolePrincipal() {
    Map<String, String> tags = new LinkedHashMap<>();
    tags.put("env", "dev");
    tags.put("project", "x");
    IssuedSession s = issue(tags, Set.of("project"), Duration.ofHours(1));
    assertTrue(s.accessKeyId().matches("ASIA[A-Z2-7]{16}"), s.accessKeyId());
    assertEquals(Instant.parse("2026-03-01T11:00:00Z"), s.expiresAt());

    Principal p = tokens.find(s.accessKeyId(), s.sessionToken()).orElseThrow().principal();
    assertEquals(PrincipalType.AssumedRole, p.type());
    assertEquals("arn:aws:sts::" + ACCOUNT + ":assumed-role/app/build-42", p.arn());
    assertEquals(ROLE_ID + ":build-42", p.userId());
    assertEquals("arn:aws:iam::" + ACCOUNT + ":role/svc/app", p.roleArn());
    assertEquals(s.accessKeyId(), p.accessKeyId());
    // Role tags overridden by session tags, keys compared without case (Env / env).
    assertEquals(Map.of("team", "blue", "env", "dev", "project", "x"), p.tags());
    assertEquals(Set.of("project"), p.transitiveTagKeys());
    assertSame(tokens.find(s.accessKeyId(), s.sessionToken()).orElseThrow(),
        tokens.find(s.accessKeyId(), s.sessionToken()).orElseThrow(), "cached instance");
  }

  @Test
  void expiredSession_resolvesToNothing_andIsToldApart() {
    IssuedSession s = issue(Map.of(), Set.of(), Duration.ofMinutes(15));
    assertTrue(tokens.find(s.accessKeyId(), s.sessionToken()).isPresent());
    assertFalse(tokens.expired(s.accessKeyId(), s.sessionToken()));
    clock.advance(Duration.ofMinutes(15));
    assertTrue(tokens.find(s.accessKeyId(), s.sessionToken()).isEmpty(), "expired from the cache");
    assertTrue(tokens.expired(s.accessKeyId(), s.sessionToken()));
    tokens.clearCache();
    assertTrue(tokens.find(s.accessKeyId(), s.sessionToken()).isEmpty(), "expired from the token");
  }

  @Test
  void tokenWithAnotherAccessKey_resolvesToNothing() {
    IssuedSession a = issue(Map.of(), Set.of(), Duration.ofHours(1));
    IssuedSession b = issue(Map.of(), Set.of(), Duration.ofHours(1));
    assertTrue(tokens.find(a.accessKeyId(), b.sessionToken()).isEmpty());
    assertTrue(tokens.find(b.accessKeyId(), a.sessionToken()).isEmpty());
    assertFalse(tokens.expired(a.accessKeyId(), b.sessionToken()), "not a token of that key at all");
    assertTrue(tokens.find(a.accessKeyId(), a.sessionToken()).isPresent(), "a cached key, a wrong token");
    assertTrue(tokens.find(a.accessKeyId(), b.sessionToken()).isEmpty());
  }

  @Test
  void tamperedToken_resolvesToNothing() {
    IssuedSession s = issue(Map.of("k", "v"), Set.of(), Duration.ofHours(1));
    byte[] bytes = Base64.getDecoder().decode(s.sessionToken());
    for (int i : new int[] {0, 5, bytes.length / 2, bytes.length - 1}) {
      byte[] t = bytes.clone();
      t[i] ^= 0x01;
      String tampered = Base64.getEncoder().encodeToString(t);
      assertTrue(tokens.find(s.accessKeyId(), tampered).isEmpty(), "byte " + i);
      assertFalse(tokens.expired(s.accessKeyId(), tampered), "byte " + i);
    }
    for (String garbage : List.of("", "not base64 !", "AAAA", s.sessionToken().substring(0, 40),
        "x".repeat(9000))) {
      assertTrue(tokens.find(s.accessKeyId(), garbage).isEmpty(), garbage);
      assertFalse(tokens.expired(s.accessKeyId(), garbage), garbage);
    }
  }

  @Test
  void anotherProcessOnTheSameDatabase_acceptsTheTokensAcrossRestarts(@TempDir Path dir) {
    IssuedSession s;
    try (Storage first = SqliteStorage.open(dir)) {
      first.identities().putRole(role);
      SessionTokens issuer = new SessionTokens(first.settings(), DevRootOfTrust.openOrCreate(first.settings()),
          clock, new IdentityDirectory(first.identities(), first.settings()));
      s = issuer.issue(role, "ci", Map.of(), Set.of(), Duration.ofHours(1));
    }
    try (Storage second = SqliteStorage.open(dir)) {
      SessionTokens other = new SessionTokens(second.settings(), DevRootOfTrust.openOrCreate(second.settings()),
          clock, new IdentityDirectory(second.identities(), second.settings()));
      Principal p = other.find(s.accessKeyId(), s.sessionToken()).orElseThrow().principal();
      assertEquals("arn:aws:sts::" + ACCOUNT + ":assumed-role/app/ci", p.arn());
    }
  }

  @Test
  void anotherInstallation_refusesTheTokens() {
    IssuedSession s = issue(Map.of(), Set.of(), Duration.ofHours(1));
    MemoryStorage elsewhere = new MemoryStorage();
    SessionTokens foreign = new SessionTokens(elsewhere.settings(), new EphemeralRootOfTrust(), clock,
        new IdentityDirectory(elsewhere.identities(), elsewhere.settings()));
    assertTrue(foreign.find(s.accessKeyId(), s.sessionToken()).isEmpty());
  }

  @Test
  void roleTagsChange_seenBySessionsAfterReload_andAGoneRoleLeavesSessionTagsOnly() {
    IssuedSession s = issue(Map.of("project", "x"), Set.of(), Duration.ofHours(1));
    assertEquals("blue", tokens.find(s.accessKeyId(), s.sessionToken()).orElseThrow().principal().tags().get("team"));
    storage.identities().putRole(new IamRole(ACCOUNT, "app", ROLE_ID, "/svc/", Identities.T0,
        "{\"Statement\":[]}", 7200, List.of(new Tag("team", "red")), Map.of(), 2));
    directory.changed();
    assertEquals(Map.of("team", "red", "project", "x"),
        tokens.find(s.accessKeyId(), s.sessionToken()).orElseThrow().principal().tags());
    storage.identities().deleteRole(ACCOUNT, "app");
    directory.changed();
    assertEquals(Map.of("project", "x"),
        tokens.find(s.accessKeyId(), s.sessionToken()).orElseThrow().principal().tags());
  }

  @Test
  void secretsAndTokens_differPerSession() {
    IssuedSession a = issue(Map.of(), Set.of(), Duration.ofHours(1));
    IssuedSession b = issue(Map.of(), Set.of(), Duration.ofHours(1));
    assertNotEquals(a.accessKeyId(), b.accessKeyId());
    assertNotEquals(new String(a.secretAccessKey()), new String(b.secretAccessKey()));
    assertNotEquals(a.sessionToken(), b.sessionToken());
    assertFalse(a.toString().contains(new String(a.secretAccessKey())));
    assertFalse(a.toString().contains(a.sessionToken()));
  }
}

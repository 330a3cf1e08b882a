package io.keywarden.services.identity;

import static io.keywarden.services.identity.Identities.ACCOUNT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.keywarden.domain.identity.AccessKeyRecord;
import io.keywarden.domain.identity.IamUser;
import io.keywarden.domain.identity.Principal;
import io.keywarden.domain.identity.PrincipalType;
import io.keywarden.domain.key.Tag;
import io.keywarden.storage.memory.MemoryStorage;
import io.keywarden.trust.ephemeral.EphemeralRootOfTrust;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class UserAccessKeysTest {
  private static final String KEY_ID = "AKIAALICE00000000001";
  private static final char[] SECRET = "alice-secret-0123456789abcdefghijklmnop".toCharArray();

  private final MemoryStorage storage = new MemoryStorage();
  private final IamUser alice = Identities.user(ACCOUNT, "alice", "AIDAALICE000000000001", Map.of(),
      List.of(new Tag("team", "blue"), new Tag("level", "3")));
  private final IdentityDirectory directory;
  private final AccessKeys keys;

  UserAccessKeysTest() {
    storage.identities().putUser(alice);
    directory = new IdentityDirectory(storage.identities(), storage.settings());
    keys = new AccessKeys(storage.accessKeys(), new EphemeralRootOfTrust(), Clock.systemUTC(), null,
        directory);
  }

  @Test
  void userKey_signsAsTheUserWithItsTags() {
    keys.importKey(KEY_ID, ACCOUNT, alice.arn(), SECRET, true);
    SigningCredential c = keys.find(KEY_ID).orElseThrow();
    Principal p = c.principal();
    assertEquals(PrincipalType.IAMUser, p.type());
    assertEquals("arn:aws:iam::" + ACCOUNT + ":user/alice", p.arn());
    assertEquals("AIDAALICE000000000001", p.userId());
    assertEquals("alice", p.userName());
    assertEquals(Map.of("team", "blue", "level", "3"), p.tags());
    assertEquals(KEY_ID, p.accessKeyId());
    assertSame(c, keys.find(KEY_ID).orElseThrow(), "cached: the same instance");
    assertTrue(keys.secretMatches(storage.accessKeys().find(KEY_ID).orElseThrow(), SECRET));
    assertFalse(keys.secretMatches(storage.accessKeys().find(KEY_ID).orElseThrow(),
        "another-secret-0123456789abcdefghijk".toCharArray()));
  }

  @Test
  void issuedUserKey_isAnAkiaKeyOfTheUser() {
    IssuedAccessKey issued = keys.createForUser(alice);
    assertTrue(issued.accessKeyId().matches("AKIA[A-Z2-7]{16}"), issued.accessKeyId());
    AccessKeyRecord stored = storage.accessKeys().find(issued.accessKeyId()).orElseThrow();
    assertEquals(alice.arn(), stored.principalArn());
    assertTrue(keys.secretMatches(stored, issued.secretAccessKey()));
    assertEquals(alice.arn(), keys.find(issued.accessKeyId()).orElseThrow().principal().arn());
  }

  @Test
  void deletedUser_keyAuthenticatesNothing_evenInDevMode() {
    AccessKeys dev = new AccessKeys(storage.accessKeys(), new EphemeralRootOfTrust(),
        Clock.systemUTC(), "000000000000", directory);
    dev.importKey(KEY_ID, ACCOUNT, alice.arn(), SECRET, true);
    assertTrue(dev.find(KEY_ID).isPresent());

    storage.identities().deleteUser(ACCOUNT, "alice");
    directory.changed();

    assertTrue(dev.find(KEY_ID).isEmpty());
    assertTrue(dev.unverifiedFallback(KEY_ID).isEmpty(), "a known key is not 'any credentials'");
    assertEquals("arn:aws:iam::000000000000:root",
        dev.unverifiedFallback("AKIAUNKNOWN000000001").orElseThrow().arn());
  }

  @Test
  void deactivatedKey_authenticatesNothing_andReactivates() {
    keys.importKey(KEY_ID, ACCOUNT, alice.arn(), SECRET, true);
    assertTrue(keys.find(KEY_ID).isPresent());
    keys.setActive(storage.accessKeys().find(KEY_ID).orElseThrow(), false);
    assertTrue(keys.find(KEY_ID).isEmpty());
    keys.setActive(storage.accessKeys().find(KEY_ID).orElseThrow(), true);
    assertTrue(keys.find(KEY_ID).isPresent());
    assertTrue(keys.secretMatches(storage.accessKeys().find(KEY_ID).orElseThrow(), SECRET));
  }

  @Test
  void userTagsChanged_seenAfterReload() {
    keys.importKey(KEY_ID, ACCOUNT, alice.arn(), SECRET, true);
    assertEquals("blue", keys.find(KEY_ID).orElseThrow().principal().tags().get("team"));
    storage.identities().putUser(new IamUser(ACCOUNT, "alice", alice.userId(), "/", alice.createdAt(),
        List.of(new Tag("team", "red")), Map.of(), 2));
    directory.changed();
    assertEquals(Map.of("team", "red"), keys.find(KEY_ID).orElseThrow().principal().tags());
  }

  @Test
  void rootsOnlyAccessKeys_refuseUserKeys() {
    AccessKeys rootsOnly =
        new AccessKeys(storage.accessKeys(), new EphemeralRootOfTrust(), Clock.systemUTC(), null);
    rootsOnly.importKey(KEY_ID, ACCOUNT, alice.arn(), SECRET, true);
    assertTrue(rootsOnly.find(KEY_ID).isEmpty());
    String root = rootsOnly.createForAccountRoot(ACCOUNT).accessKeyId();
    assertEquals(PrincipalType.Root, rootsOnly.find(root).orElseThrow().principal().type());
  }

  @Test
  void importKey_refusesMalformedIdsAndSecrets() {
    assertThrows(IllegalArgumentException.class,
        () -> keys.importKey("akia-lower", ACCOUNT, alice.arn(), SECRET, true));
    assertThrows(IllegalArgumentException.class,
        () -> keys.importKey(KEY_ID, ACCOUNT, alice.arn(), "short".toCharArray(), true));
    assertThrows(IllegalArgumentException.class,
        () -> keys.importKey(KEY_ID, ACCOUNT, alice.arn(), "with a space in it 1234".toCharArray(), true));
    assertNull(storage.accessKeys().find(KEY_ID).orElse(null));
  }
}

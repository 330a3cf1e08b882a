package io.keywarden.services.identity.declared;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.keywarden.domain.identity.AccessKeyRecord;
import io.keywarden.domain.identity.IamRole;
import io.keywarden.domain.identity.IamUser;
import io.keywarden.domain.key.Tag;
import io.keywarden.domain.storage.Storage;
import io.keywarden.domain.trust.RootOfTrust;
import io.keywarden.services.identity.AccessKeys;
import io.keywarden.services.identity.IdentityDirectory;
import io.keywarden.storage.sqlite.SqliteStorage;
import io.keywarden.trust.dev.DevRootOfTrust;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Applying identities files to a SQLite database: idempotent, and exact for the accounts named. */
class IdentitiesApplyTest {
  private static final String ACCOUNT = "111122223333";
  private static final String OTHER = "444455556666";
  private static final String ALICE_KEY = "AKIAALICE00000000001";
  private static final String ALICE_SECRET = "alice-secret-0123456789";

  @TempDir Path dir;
  private Storage storage;
  private RootOfTrust root;
  private IdentityDirectory directory;
  private AccessKeys keys;

  @BeforeEach
  void open() {
    storage = SqliteStorage.open(dir);
    root = DevRootOfTrust.openOrCreate(storage.settings());
    directory = new IdentityDirectory(storage.identities(), storage.settings());
    keys = new AccessKeys(storage.accessKeys(), root, Clock.systemUTC(), null, directory);
  }

  @AfterEach
  void close() {
    storage.close();
  }

  private ApplyResult apply(String json) {
    return apply(json, false);
  }

  private ApplyResult apply(String json, boolean dryRun) {
    try {
      DeclaredIdentities declared = IdentitiesDocument.parse(new ObjectMapper().readTree(json));
      return new IdentitiesApply(storage, keys, Clock.systemUTC()).apply(declared, dryRun);
    } catch (IOException e) {
      throw new IllegalArgumentException(e);
    }
  }

  private static final String FILE = """
      {"accounts": [{
        "id": "111122223333",
        "users": [
          {"name": "alice", "tags": {"team": "blue", "level": "3"},
           "policies": {"kms": {"Version": "2012-10-17",
             "Statement": [{"Effect": "Allow", "Action": "kms:*", "Resource": "*"}]}},
           "accessKeys": [{"accessKeyId": "AKIAALICE00000000001",
                           "secretAccessKey": "alice-secret-0123456789"}]},
          {"name": "bob", "path": "/ops/", "createAccessKey": true}
        ],
        "roles": [
          {"name": "app", "maxSessionDuration": 7200, "tags": {"env": "prod"},
           "trustPolicy": {"Version": "2012-10-17", "Statement": [{"Effect": "Allow",
             "Principal": {"AWS": "arn:aws:iam::111122223333:user/alice"},
             "Action": ["sts:AssumeRole", "sts:TagSession"]}]},
           "policies": {"use": "{\\"Statement\\":[{\\"Effect\\":\\"Allow\\",\\"Action\\":\\"kms:Encrypt\\",\\"Resource\\":\\"*\\"}]}"}}
        ]
      }]}
      """;

  @Test
  void applyingTwice_changesNothingTheSecondTime() {
    ApplyResult first = apply(FILE);
    assertEquals(List.of(
        "+ user 111122223333/alice",
        "+ access key AKIAALICE00000000001 of user 111122223333/alice",
        "+ user 111122223333/bob",
        "+ access key (issued) of user 111122223333/bob",
        "+ role 111122223333/app"), first.changes());
    assertEquals(1, first.issued().size());
    String bobKey = first.issued().get(0).key().accessKeyId();
    first.issued().forEach(i -> i.key().destroy());

    ApplyResult second = apply(FILE);
    assertFalse(second.changed(), second.changes().toString());
    assertEquals(List.of(), second.issued(), "bob has a key: none is issued again");

    IamUser alice = storage.identities().findUser(ACCOUNT, "alice").orElseThrow();
    assertEquals(List.of(new Tag("team", "blue"), new Tag("level", "3")), alice.tags());
    assertTrue(alice.userId().matches("AIDA[A-Z2-7]{17}"), alice.userId());
    IamRole app = storage.identities().findRole(ACCOUNT, "app").orElseThrow();
    assertEquals(7200, app.maxSessionSeconds());
    assertTrue(app.roleId().matches("AROA[A-Z2-7]{17}"), app.roleId());
    assertEquals("{\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"kms:Encrypt\",\"Resource\":\"*\"}]}",
        app.policies().get("use"));
    assertEquals("arn:aws:iam::111122223333:user/ops/bob",
        storage.accessKeys().find(bobKey).orElseThrow().principalArn());
  }

  @Test
  void userKeys_signAsTheirUsersOnceTheDirectorySeesTheChange() {
    apply(FILE);
    assertTrue(directory.refreshIfChanged(), "the apply marked the change");
    assertEquals("arn:aws:iam::111122223333:user/alice",
        keys.find(ALICE_KEY).orElseThrow().principal().arn());
    assertEquals(Map.of("team", "blue", "level", "3"), keys.find(ALICE_KEY).orElseThrow().principal().tags());
    assertTrue(keys.secretMatches(storage.accessKeys().find(ALICE_KEY).orElseThrow(),
        ALICE_SECRET.toCharArray()));
    assertEquals(1, directory.policiesOf(keys.find(ALICE_KEY).orElseThrow().principal()).size());
  }

  @Test
  void removedUserRoleAndPolicy_areRemoved_otherAccountsUntouched() {
    apply(FILE);
    apply("{\"accounts\":[{\"id\":\"" + OTHER + "\",\"users\":[{\"name\":\"carol\"}]}]}");
    String bobKey = storage.accessKeys().list(ACCOUNT).stream()
        .filter(k -> k.principalArn().endsWith("/bob")).findFirst().orElseThrow().accessKeyId();

    ApplyResult result = apply("""
        {"accounts": [{"id": "111122223333", "users": [
          {"name": "alice", "tags": {"team": "blue", "level": "3"},
           "accessKeys": [{"accessKeyId": "AKIAALICE00000000001"}]}]}]}
        """);
    assertEquals(List.of(
        "- user 111122223333/bob and its 1 access key(s)",
        "- role 111122223333/app",
        "~ user 111122223333/alice: policies"), result.changes());
    assertTrue(storage.identities().findUser(ACCOUNT, "bob").isEmpty());
    assertTrue(storage.accessKeys().find(bobKey).isEmpty(), "a deleted user's keys go with it");
    assertTrue(storage.identities().findRole(ACCOUNT, "app").isEmpty());
    assertEquals(Map.of(), storage.identities().findUser(ACCOUNT, "alice").orElseThrow().policies());
    assertTrue(storage.accessKeys().find(ALICE_KEY).isPresent(), "listed by id: kept");
    assertTrue(storage.identities().findUser(OTHER, "carol").isPresent(), "not named: left alone");
  }

  @Test
  void accessKeys_deactivatedReplacedAndUnlistedDeleted() {
    apply(FILE);
    String user = "{\"accounts\":[{\"id\":\"" + ACCOUNT + "\",\"users\":[{\"name\":\"alice\","
        + "\"tags\":{\"team\":\"blue\",\"level\":\"3\"},\"accessKeys\":[%s]}]}]}";
    ApplyResult deactivated = apply(String.format(user,
        "{\"accessKeyId\":\"" + ALICE_KEY + "\",\"active\":false},"
            + "{\"accessKeyId\":\"AKIAALICE00000000002\",\"secretAccessKey\":\"second-secret-0123456\"}"));
    assertTrue(deactivated.changes().contains(
        "~ access key AKIAALICE00000000001 of user 111122223333/alice: deactivated"), deactivated.changes().toString());
    directory.refreshIfChanged();
    assertTrue(keys.find(ALICE_KEY).isEmpty(), "inactive");
    assertTrue(keys.find("AKIAALICE00000000002").isPresent());

    ApplyResult replaced = apply(String.format(user,
        "{\"accessKeyId\":\"AKIAALICE00000000002\",\"secretAccessKey\":\"changed-secret-012345\"}"));
    assertEquals(List.of(
        "~ access key AKIAALICE00000000002 of user 111122223333/alice: secret",
        "- access key AKIAALICE00000000001 of user 111122223333/alice"), replaced.changes());
    assertTrue(keys.secretMatches(storage.accessKeys().find("AKIAALICE00000000002").orElseThrow(),
        "changed-secret-012345".toCharArray()));
    assertTrue(storage.accessKeys().find(ALICE_KEY).isEmpty());
  }

  @Test
  void pathChange_movesTheUsersKeysToItsNewArn() {
    apply(FILE);
    ApplyResult moved = apply(FILE.replace("{\"name\": \"alice\",", "{\"name\": \"alice\", \"path\": \"/dev/\","));
    assertEquals(List.of("~ user 111122223333/alice: path"), moved.changes());
    assertEquals("arn:aws:iam::111122223333:user/dev/alice",
        storage.accessKeys().find(ALICE_KEY).orElseThrow().principalArn());
    assertFalse(apply(FILE.replace("{\"name\": \"alice\",", "{\"name\": \"alice\", \"path\": \"/dev/\",")).changed());
  }

  @Test
  void dryRun_saysWhatWouldChange_andChangesNothing() {
    ApplyResult dry = apply(FILE, true);
    assertEquals(5, dry.changes().size());
    assertEquals(List.of(), dry.issued());
    assertTrue(storage.identities().accounts().isEmpty());
    assertFalse(directory.refreshIfChanged());
  }

  @Test
  void conflictsWithStorage_changeNothing() {
    String rootKey = keys.createForAccountRoot(ACCOUNT).accessKeyId();
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> apply(
        "{\"accounts\":[{\"id\":\"" + ACCOUNT + "\",\"users\":[{\"name\":\"mallory\",\"accessKeys\":"
            + "[{\"accessKeyId\":\"" + rootKey + "\",\"secretAccessKey\":\"mallory-secret-0123\"}]}]}]}"));
    assertEquals("access key " + rootKey + " belongs to arn:aws:iam::111122223333:root, not to "
        + "arn:aws:iam::111122223333:user/mallory", e.getMessage());
    IllegalArgumentException missing = assertThrows(IllegalArgumentException.class, () -> apply(
        "{\"accounts\":[{\"id\":\"" + ACCOUNT + "\",\"users\":[{\"name\":\"mallory\",\"accessKeys\":"
            + "[{\"accessKeyId\":\"AKIAMISSING000000001\"}]}]}]}"));
    assertTrue(missing.getMessage().contains("AKIAMISSING000000001 does not exist"), missing.getMessage());
    assertTrue(storage.identities().listUsers(ACCOUNT).isEmpty());
  }
}

package io.keywarden.storage.contract;

import static io.keywarden.storage.contract.ContractFixtures.ACCOUNT;
import static io.keywarden.storage.contract.ContractFixtures.OTHER_ACCOUNT;
import static io.keywarden.storage.contract.ContractFixtures.REGION;
import static io.keywarden.storage.contract.ContractFixtures.T0;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.keywarden.domain.key.Tag;
import io.keywarden.domain.secret.EncryptedSecretValue;
import io.keywarden.domain.secret.SecretRecord;
import io.keywarden.domain.secret.SecretReplication;
import io.keywarden.domain.secret.SecretRotation;
import io.keywarden.domain.secret.SecretVersion;
import io.keywarden.domain.storage.DuplicateRecordException;
import io.keywarden.domain.storage.SecretRepository;
import io.keywarden.domain.storage.StaleRecordException;
import io.keywarden.domain.storage.Storage;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** {@link SecretRepository}: whole secrets by ARN, unique names, compare-and-swap puts. */
public interface SecretRepositoryContract {
  Storage storage();

  private SecretRepository secrets() {
    return storage().secrets();
  }

  static String secretArn(String accountId, String region, String name) {
    return "arn:aws:secretsmanager:" + region + ":" + accountId + ":secret:" + name + "-AbC123";
  }

  static SecretRecord secret(String accountId, String region, String name) {
    return new SecretRecord(secretArn(accountId, region, name), accountId, region, name, null, null,
        List.of(), T0, T0, null, null, null, List.of(), null, null, 1);
  }

  static SecretRecord fullSecret(String accountId, String region, String name) {
    EncryptedSecretValue value = new EncryptedSecretValue(
        "arn:aws:kms:" + region + ":" + accountId + ":key/1234abcd-12ab-34cd-56ef-1234567890ab",
        new byte[] {1, 2, 3, (byte) 0xff}, new byte[12], new byte[] {9, 8, 7, 0, -1}, true);
    SecretVersion current = new SecretVersion("EXAMPLE1-90ab-cdef-fedc-ba987SECRET1",
        List.of("AWSCURRENT", "custom"), T0.plusSeconds(1), T0.plusSeconds(86_400), value);
    SecretVersion deprecated = new SecretVersion("EXAMPLE2-90ab-cdef-fedc-ba987SECRET2", List.of(),
        T0, null, new EncryptedSecretValue("alias/aws/secretsmanager", new byte[0], new byte[12],
            new byte[16], false));
    return new SecretRecord(secretArn(accountId, region, name), accountId, region, name,
        "d\u00e9j\u00e0 \"vu\"", "alias/mine", List.of(new Tag("team", "red"), new Tag("a", "")),
        T0, T0.plusSeconds(5), T0.plusSeconds(86_400), T0.plusSeconds(7 * 86_400),
        "{\"Version\":\"2012-10-17\",\"Statement\":[]}", List.of(deprecated, current),
        new SecretRotation(true, "arn:aws:lambda:" + region + ":" + accountId + ":function:rot", 30L,
            "rate(4 hours)", "2h", T0.plusSeconds(60), T0.plusSeconds(4 * 3600)),
        new SecretReplication(region, List.of(
            new SecretReplication.Replica("eu-west-1", null, "InSync", null, T0),
            new SecretReplication.Replica("eu-central-1", "alias/x", "Failed", "no key", null))),
        1);
  }

  @Test
  default void missingSecret_isEmpty() {
    assertEquals(Optional.empty(), secrets().find(secretArn(ACCOUNT, REGION, "db")));
    assertEquals(Optional.empty(), secrets().findByName(ACCOUNT, REGION, "db"));
    assertEquals(List.of(), secrets().list(ACCOUNT, REGION));
  }

  @Test
  default void secret_roundTripsEveryField() {
    SecretRecord full = fullSecret(ACCOUNT, REGION, "prod/db");
    SecretRecord minimal = secret(ACCOUNT, REGION, "min");
    secrets().put(full);
    secrets().put(minimal);
    assertEquals(Optional.of(full), secrets().find(full.arn()));
    assertEquals(Optional.of(full), secrets().findByName(ACCOUNT, REGION, "prod/db"));
    assertEquals(Optional.of(minimal), secrets().find(minimal.arn()));
  }

  @Test
  default void names_areUniquePerAccountAndRegion() {
    secrets().put(secret(ACCOUNT, REGION, "db"));
    SecretRecord sameName = new SecretRecord(secretArn(ACCOUNT, REGION, "db") + "x", ACCOUNT, REGION,
        "db", null, null, List.of(), T0, T0, null, null, null, List.of(), null, null, 1);
    assertThrows(DuplicateRecordException.class, () -> secrets().put(sameName));
    assertThrows(DuplicateRecordException.class, () -> secrets().put(secret(ACCOUNT, REGION, "db")));
    secrets().put(secret(OTHER_ACCOUNT, REGION, "db"));
    secrets().put(secret(ACCOUNT, "eu-west-1", "db"));
    assertEquals(1, secrets().list(ACCOUNT, REGION).size());
  }

  @Test
  default void put_isCompareAndSwap() {
    SecretRecord first = secret(ACCOUNT, REGION, "db");
    secrets().put(first);
    SecretRecord second = first.next().description("two").build();
    secrets().put(second);
    assertEquals(Optional.of(second), secrets().find(first.arn()));
    assertThrows(StaleRecordException.class, () -> secrets().put(second));
    assertThrows(StaleRecordException.class,
        () -> secrets().put(first.next().description("lost").build()));
    SecretRecord never = secret(ACCOUNT, REGION, "never").next().build();
    assertThrows(StaleRecordException.class, () -> secrets().put(never));
    assertEquals(Optional.of(second), secrets().findByName(ACCOUNT, REGION, "db"));
  }

  @Test
  default void list_isInNameOrderWithinAccountAndRegion() {
    secrets().put(secret(ACCOUNT, REGION, "b"));
    secrets().put(secret(ACCOUNT, REGION, "a/x"));
    secrets().put(secret(ACCOUNT, REGION, "C"));
    secrets().put(secret(OTHER_ACCOUNT, REGION, "a"));
    secrets().put(secret(ACCOUNT, "us-west-2", "a"));
    assertEquals(List.of("C", "a/x", "b"),
        secrets().list(ACCOUNT, REGION).stream().map(SecretRecord::name).toList());
  }

  @Test
  default void delete_removesSecretAndFreesItsName() {
    SecretRecord s = secret(ACCOUNT, REGION, "db");
    secrets().put(s);
    assertTrue(secrets().delete(s.arn()));
    assertFalse(secrets().delete(s.arn()));
    assertEquals(Optional.empty(), secrets().findByName(ACCOUNT, REGION, "db"));
    secrets().put(s);
    assertEquals(Optional.of(s), secrets().find(s.arn()));
  }

  @Test
  default void markedForDeletion_listsEverySecretWithADeletionDate_inEveryAccountAndRegion() {
    SecretRecord marked = secret(ACCOUNT, REGION, "gone");
    SecretRecord elsewhere = secret(OTHER_ACCOUNT, "eu-west-1", "gone-too");
    secrets().put(marked);
    secrets().put(elsewhere);
    secrets().put(secret(ACCOUNT, REGION, "kept"));
    assertEquals(List.of(), secrets().markedForDeletion());
    SecretRecord m1 = marked.next().deletedDate(T0.plusSeconds(7 * 86_400)).build();
    SecretRecord m2 = elsewhere.next().deletedDate(T0.plusNanos(1)).build();
    secrets().put(m1);
    secrets().put(m2);
    List<SecretRecord> found = new java.util.ArrayList<>(secrets().markedForDeletion());
    found.sort(java.util.Comparator.comparing(SecretRecord::name));
    assertEquals(List.of(m1, m2), found);
    secrets().put(m1.next().deletedDate(null).build());
    assertEquals(List.of(m2), secrets().markedForDeletion());
  }

  @Test
  default void rotationInProgress_roundTrips() {
    SecretRecord full = fullSecret(ACCOUNT, REGION, "rotating");
    SecretVersion pending = new SecretVersion("EXAMPLE3-90ab-cdef-fedc-ba987SECRET3",
        List.of("AWSPENDING"), T0.plusSeconds(9), null, null);
    List<SecretVersion> versions = new java.util.ArrayList<>(full.versions());
    versions.add(pending);
    SecretRotation r = full.rotation();
    SecretRotation failing = new SecretRotation(true, r.lambdaArn(), null, "cron(0 8 ? * MON *)", null,
        null, T0.plusSeconds(7200), T0.plusSeconds(3600), T0.plusSeconds(900),
        new SecretRotation.Failure("setSecret", "the rotation function answered HTTP 500", T0), 2);
    SecretRecord s = full.next().versions(versions).rotation(failing).build();
    SecretRecord inserted = new SecretRecord(s.arn(), s.accountId(), s.region(), s.name(),
        s.description(), s.kmsKeyId(), s.tags(), s.createdDate(), s.lastChangedDate(),
        s.lastAccessedDate(), s.deletedDate(), s.resourcePolicy(), s.versions(), s.rotation(),
        s.replication(), 1);
    secrets().put(inserted);
    assertEquals(Optional.of(inserted), secrets().find(inserted.arn()));
  }

  @Test
  default void listWithRotation_findsEveryAccountsConfiguredSecrets() {
    secrets().put(secret(ACCOUNT, REGION, "plain"));
    secrets().put(fullSecret(ACCOUNT, REGION, "rotated"));
    secrets().put(fullSecret(OTHER_ACCOUNT, "eu-west-1", "elsewhere"));
    assertEquals(List.of("elsewhere", "rotated"),
        secrets().listWithRotation().stream().map(SecretRecord::name).sorted().toList());
  }
}

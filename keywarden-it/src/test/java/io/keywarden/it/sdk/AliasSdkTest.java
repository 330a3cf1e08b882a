package io.keywarden.it.sdk;

import static io.keywarden.it.sdk.SdkAssertions.aliasArn;
import static io.keywarden.it.sdk.SdkAssertions.assertKmsError;
import static io.keywarden.it.sdk.SdkAssertions.newKey;
import static io.keywarden.it.sdk.SdkAssertions.uniqueAlias;
import static io.keywarden.it.sdk.SdkAssertions.utf8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.keywarden.it.TestServer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.model.AliasListEntry;
import software.amazon.awssdk.services.kms.model.AlreadyExistsException;
import software.amazon.awssdk.services.kms.model.InvalidMarkerException;
import software.amazon.awssdk.services.kms.model.KeyMetadata;
import software.amazon.awssdk.services.kms.model.ListAliasesResponse;
import software.amazon.awssdk.services.kms.model.NotFoundException;

/** CreateAlias, UpdateAlias, DeleteAlias and ListAliases through the SDK. */
class AliasSdkTest {
  private static TestServer server;
  private static KmsClient kms;

  @BeforeAll
  static void start() {
    server = TestServer.dev();
    kms = server.kms();
  }

  @AfterAll
  static void stop() {
    kms.close();
    server.close();
  }

  @Test
  void createAlias_listAliasesFilteredByKey_listsOnlyThatKeysAliases() {
    KeyMetadata key = newKey(kms);
    KeyMetadata other = newKey(kms);
    String a = uniqueAlias("a");
    String b = uniqueAlias("b");
    kms.createAlias(r -> r.aliasName(a).targetKeyId(key.keyId()));
    kms.createAlias(r -> r.aliasName(b).targetKeyId(key.arn()));
    kms.createAlias(r -> r.aliasName(uniqueAlias("other")).targetKeyId(other.keyId()));

    List<AliasListEntry> listed = kms.listAliases(r -> r.keyId(key.keyId())).aliases();

    assertEquals(List.of(a, b), listed.stream().map(AliasListEntry::aliasName).sorted().toList());
    for (AliasListEntry e : listed) {
      assertEquals(aliasArn(e.aliasName()), e.aliasArn());
      assertEquals(key.keyId(), e.targetKeyId());
      assertNotNull(e.creationDate());
      assertEquals(e.creationDate(), e.lastUpdatedDate());
    }
    assertEquals(listed, kms.listAliases(r -> r.keyId(key.arn())).aliases());
  }

  @Test
  void createAlias_existingName_isAlreadyExists() {
    KeyMetadata key = newKey(kms);
    String alias = uniqueAlias("dup");
    kms.createAlias(r -> r.aliasName(alias).targetKeyId(key.keyId()));

    assertKmsError(AlreadyExistsException.class, "AlreadyExistsException",
        "An alias with the name " + aliasArn(alias) + " already exists",
        () -> kms.createAlias(r -> r.aliasName(alias).targetKeyId(newKey(kms).keyId())));
  }

  /** Recorded: test_create_alias. */
  @Test
  void createAlias_nameWithoutAliasPrefix_isTheRecordedValidationError() {
    KeyMetadata key = newKey(kms);

    assertKmsError("ValidationException",
        "Alias must start with the prefix \"alias/\". Please see"
            + " https://docs.aws.amazon.com/kms/latest/developerguide/kms-alias.html",
        () -> kms.createAlias(r -> r.aliasName("no-prefix").targetKeyId(key.keyId())));
  }

  @Test
  void createAlias_nameOutsideTheModelsPattern_isValidationError() {
    KeyMetadata key = newKey(kms);

    assertKmsError("ValidationException",
        "1 validation error detected: Value 'alias/has space' at 'aliasName' failed to satisfy"
            + " constraint: Member must satisfy regular expression pattern: ^[a-zA-Z0-9:/_-]+$",
        () -> kms.createAlias(r -> r.aliasName("alias/has space").targetKeyId(key.keyId())));
  }

  @Test
  void createAliasUpdateAliasDeleteAlias_underAliasAws_areRefused() {
    KeyMetadata key = newKey(kms);

    assertKmsError("NotAuthorizedException", null,
        () -> kms.createAlias(r -> r.aliasName("alias/aws/mine").targetKeyId(key.keyId())));
    assertKmsError("NotAuthorizedException", null,
        () -> kms.updateAlias(r -> r.aliasName("alias/aws/s3").targetKeyId(key.keyId())));
    assertKmsError("NotAuthorizedException", null, () -> kms.deleteAlias(r -> r.aliasName("alias/aws/s3")));
  }

  @Test
  void createAlias_targetGivenByAlias_isNotFoundInvalidKeyId() {
    KeyMetadata key = newKey(kms);
    String alias = uniqueAlias("first");
    kms.createAlias(r -> r.aliasName(alias).targetKeyId(key.keyId()));

    assertKmsError(NotFoundException.class, "NotFoundException", "Invalid keyId '" + alias + "'",
        () -> kms.createAlias(r -> r.aliasName(uniqueAlias("second")).targetKeyId(alias)));
  }

  @Test
  void updateAlias_pointsTheAliasAtTheNewKey() throws InterruptedException {
    KeyMetadata first = newKey(kms);
    KeyMetadata second = newKey(kms);
    String alias = uniqueAlias("moving");
    kms.createAlias(r -> r.aliasName(alias).targetKeyId(first.keyId()));
    Thread.sleep(5);

    kms.updateAlias(r -> r.aliasName(alias).targetKeyId(second.arn()));

    assertEquals(second.keyId(), kms.describeKey(r -> r.keyId(alias)).keyMetadata().keyId());
    assertEquals(second.arn(), kms.encrypt(r -> r.keyId(alias).plaintext(utf8("x"))).keyId());
    assertTrue(kms.listAliases(r -> r.keyId(first.keyId())).aliases().isEmpty());
    AliasListEntry e = kms.listAliases(r -> r.keyId(second.keyId())).aliases().get(0);
    assertEquals(alias, e.aliasName());
    assertTrue(e.lastUpdatedDate().isAfter(e.creationDate()), e::toString);
  }

  @Test
  void updateAliasAndDeleteAlias_unknownAlias_isNotFound() {
    KeyMetadata key = newKey(kms);
    String message = "Alias " + aliasArn("alias/never-created") + " is not found.";

    assertKmsError(NotFoundException.class, "NotFoundException", message,
        () -> kms.updateAlias(r -> r.aliasName("alias/never-created").targetKeyId(key.keyId())));
    assertKmsError(NotFoundException.class, "NotFoundException", message,
        () -> kms.deleteAlias(r -> r.aliasName("alias/never-created")));
  }

  @Test
  void deleteAlias_removesTheNameButNotTheKey() {
    KeyMetadata key = newKey(kms);
    String alias = uniqueAlias("gone");
    kms.createAlias(r -> r.aliasName(alias).targetKeyId(key.keyId()));

    kms.deleteAlias(r -> r.aliasName(alias));

    assertKmsError(NotFoundException.class, "NotFoundException", "Alias " + aliasArn(alias) + " is not found.",
        () -> kms.describeKey(r -> r.keyId(alias)));
    assertKmsError(NotFoundException.class, "NotFoundException", null, () -> kms.deleteAlias(r -> r.aliasName(alias)));
    assertEquals(key, kms.describeKey(r -> r.keyId(key.keyId())).keyMetadata());
    kms.createAlias(r -> r.aliasName(alias).targetKeyId(key.keyId()));
  }

  /** AWS lists the predefined alias/aws/... aliases, without TargetKeyId until their key exists. */
  @Test
  void listAliases_withoutKeyId_includesThePredefinedAwsAliases() {
    Map<String, AliasListEntry> all =
        kms.listAliasesPaginator(r -> r.limit(100)).aliases().stream()
            .collect(Collectors.toMap(AliasListEntry::aliasName, Function.identity()));

    for (String name : List.of("alias/aws/s3", "alias/aws/ebs", "alias/aws/rds", "alias/aws/lambda")) {
      AliasListEntry e = all.get(name);
      assertNotNull(e, name);
      assertEquals(aliasArn(name), e.aliasArn());
      assertNull(e.targetKeyId(), name);
    }
  }

  @Test
  void listAliases_withLimitAndMarker_pagesThroughEveryAliasOnce() {
    KeyMetadata key = newKey(kms);
    List<String> created = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      String alias = uniqueAlias("page" + i);
      kms.createAlias(r -> r.aliasName(alias).targetKeyId(key.keyId()));
      created.add(alias);
    }

    List<String> byKey = pageAll(key.keyId(), 2);
    assertEquals(created.stream().sorted().toList(), byKey.stream().sorted().toList());

    List<String> everything = pageAll(null, 7);
    assertEquals(everything.size(), everything.stream().distinct().count(), "no alias twice");
    assertTrue(everything.containsAll(created));
    assertTrue(everything.contains("alias/aws/s3"));
    assertEquals(
        everything,
        kms.listAliasesPaginator(r -> r.limit(7)).aliases().stream().map(AliasListEntry::aliasName).toList());
  }

  /**
   * A marker must name a position in the listing, not an offset: an alias created or deleted between
   * two pages must not make another alias appear twice or not at all (ListKeys resumes after the last
   * key id it returned and passes the same check in {@link ListKeysSdkTest}).
   */
  @Test
  void listAliases_aliasesCreatedOrDeletedBetweenPages_noOtherAliasTwiceOrMissing() {
    KeyMetadata key = newKey(kms);
    String prefix = uniqueAlias("stable");
    List<String> names = List.of(prefix + "-b1", prefix + "-b2", prefix + "-b3", prefix + "-b4", prefix + "-b5");
    names.forEach(n -> kms.createAlias(r -> r.aliasName(n).targetKeyId(key.keyId())));

    ListAliasesResponse first = kms.listAliases(r -> r.keyId(key.keyId()).limit(2));
    kms.createAlias(r -> r.aliasName(prefix + "-a0").targetKeyId(key.keyId()));
    List<String> seen = new ArrayList<>();
    first.aliases().forEach(a -> seen.add(a.aliasName()));
    kms.listAliasesPaginator(r -> r.keyId(key.keyId()).limit(2).marker(first.nextMarker()))
        .aliases().forEach(a -> seen.add(a.aliasName()));
    assertEquals(names, seen.stream().filter(names::contains).toList(), "after a create between pages: " + seen);

    ListAliasesResponse again = kms.listAliases(r -> r.keyId(key.keyId()).limit(2));
    kms.deleteAlias(r -> r.aliasName(again.aliases().get(0).aliasName()));
    List<String> rest = new ArrayList<>();
    again.aliases().forEach(a -> rest.add(a.aliasName()));
    kms.listAliasesPaginator(r -> r.keyId(key.keyId()).limit(2).marker(again.nextMarker()))
        .aliases().forEach(a -> rest.add(a.aliasName()));
    assertTrue(rest.containsAll(names), "after a delete between pages: " + rest);
  }

  @Test
  void listAliases_markerNotFromListAliases_isInvalidMarker() {
    assertKmsError(InvalidMarkerException.class, "InvalidMarkerException", null,
        () -> kms.listAliases(r -> r.marker("not-a-marker")));
  }

  private static List<String> pageAll(String keyId, int limit) {
    List<String> names = new ArrayList<>();
    String marker = null;
    int pages = 0;
    do {
      String m = marker;
      ListAliasesResponse page = kms.listAliases(r -> r.keyId(keyId).limit(limit).marker(m));
      assertTrue(page.aliases().size() <= limit);
      page.aliases().forEach(a -> names.add(a.aliasName()));
      if (page.truncated()) {
        assertNotNull(page.nextMarker());
        assertFalse(page.aliases().isEmpty());
      } else {
        assertNull(page.nextMarker());
      }
      marker = page.truncated() ? page.nextMarker() : null;
      pages++;
    } while (marker != null);
    assertTrue(pages > 1, "expected several pages");
    return names;
  }
}

package io.keywarden.it.sdk;

import static io.keywarden.it.sdk.SdkAssertions.assertKmsError;
import static io.keywarden.it.sdk.SdkAssertions.keyArn;
import static io.keywarden.it.sdk.SdkAssertions.newKey;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.keywarden.it.TestServer;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.model.InvalidMarkerException;
import software.amazon.awssdk.services.kms.model.KeyListEntry;
import software.amazon.awssdk.services.kms.model.ListKeysResponse;
import software.amazon.awssdk.services.kms.model.Tag;

/** ListKeys: Limit/Marker paging, the SDK paginator, and what a listing holds. */
class ListKeysSdkTest {
  private static final int KEYS = 11;

  private static TestServer server;
  private static KmsClient kms;
  private static Set<String> created;

  @BeforeAll
  static void start() {
    server = TestServer.dev();
    kms = server.kms();
    created = new HashSet<>();
    for (int i = 0; i < KEYS; i++) {
      created.add(newKey(kms).keyId());
    }
  }

  @AfterAll
  static void stop() {
    kms.close();
    server.close();
  }

  @Test
  void listKeys_withoutLimit_listsEveryKeyWithItsArn() {
    ListKeysResponse r = kms.listKeys(b -> {});

    assertFalse(r.truncated());
    assertNull(r.nextMarker());
    assertTrue(ids(r.keys()).containsAll(created));
    for (KeyListEntry e : r.keys()) {
      assertEquals(keyArn(e.keyId()), e.keyArn());
    }
  }

  @Test
  void listKeys_withLimitAndMarker_returnsEveryKeyExactlyOnceAcrossPages() {
    List<KeyListEntry> all = new ArrayList<>();
    String marker = null;
    int pages = 0;
    do {
      String m = marker;
      ListKeysResponse page = kms.listKeys(b -> b.limit(4).marker(m));
      pages++;
      assertTrue(page.keys().size() <= 4);
      all.addAll(page.keys());
      if (page.truncated()) {
        assertNotNull(page.nextMarker());
      }
      marker = page.truncated() ? page.nextMarker() : null;
    } while (marker != null);

    assertTrue(pages >= 3, "11 keys at 4 a page: at least 3 pages, got " + pages);
    assertEquals(all.size(), Set.copyOf(ids(all)).size(), "no key twice");
    assertTrue(ids(all).containsAll(created));
    assertEquals(kms.listKeys(b -> {}).keys(), all, "same keys, same order as one page");
  }

  @Test
  void listKeysPaginator_withSmallPages_yieldsEveryKey() {
    List<KeyListEntry> viaPaginator = kms.listKeysPaginator(b -> b.limit(2)).keys().stream().toList();

    assertTrue(ids(viaPaginator).containsAll(created));
    assertEquals(kms.listKeys(b -> {}).keys(), viaPaginator);
    assertTrue(kms.listKeysPaginator(b -> b.limit(2)).stream().count() >= 6, "pages of two");
  }

  @Test
  void listKeys_keyCreatedAfterTheFirstPage_appearsOnlyIfAfterTheMarker() {
    ListKeysResponse first = kms.listKeys(b -> b.limit(3));
    String added = newKey(kms).keyId();
    try {
      List<KeyListEntry> rest = new ArrayList<>(first.keys());
      kms.listKeysPaginator(b -> b.limit(3).marker(first.nextMarker())).keys().forEach(rest::add);
      assertEquals(rest.size(), Set.copyOf(ids(rest)).size(), "no key twice while keys are added");
      assertTrue(ids(rest).containsAll(created));
    } finally {
      kms.scheduleKeyDeletion(b -> b.keyId(added).pendingWindowInDays(7));
    }
  }

  @Test
  void listKeys_limitOutsideOneToThousand_isValidationError() {
    assertKmsError("ValidationException",
        "1 validation error detected: Value '0' at 'limit' failed to satisfy constraint: Member must have"
            + " value greater than or equal to 1",
        () -> kms.listKeys(b -> b.limit(0)));
    assertKmsError("ValidationException",
        "1 validation error detected: Value '1001' at 'limit' failed to satisfy constraint: Member must"
            + " have value less than or equal to 1000",
        () -> kms.listKeys(b -> b.limit(1001)));
  }

  @Test
  void listKeys_markerOfAnotherListing_isInvalidMarker() {
    String key = created.iterator().next();
    kms.tagResource(b -> b.keyId(key).tags(
        Tag.builder().tagKey("a").tagValue("1").build(), Tag.builder().tagKey("b").tagValue("2").build()));
    String tagsMarker = kms.listResourceTags(b -> b.keyId(key).limit(1)).nextMarker();
    assertNotNull(tagsMarker);

    assertKmsError(InvalidMarkerException.class, "InvalidMarkerException", null,
        () -> kms.listKeys(b -> b.marker(tagsMarker)));
    assertKmsError(InvalidMarkerException.class, "InvalidMarkerException", null,
        () -> kms.listKeys(b -> b.marker("garbage!")));
  }

  private static List<String> ids(List<KeyListEntry> entries) {
    return entries.stream().map(KeyListEntry::keyId).toList();
  }
}

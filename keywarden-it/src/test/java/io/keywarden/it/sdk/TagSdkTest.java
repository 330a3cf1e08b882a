package io.keywarden.it.sdk;

import static io.keywarden.it.sdk.SdkAssertions.assertKmsError;
import static io.keywarden.it.sdk.SdkAssertions.newKey;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.keywarden.it.TestServer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.model.KeyMetadata;
import software.amazon.awssdk.services.kms.model.ListResourceTagsResponse;
import software.amazon.awssdk.services.kms.model.Tag;
import software.amazon.awssdk.services.kms.model.TagException;

/**
 * TagResource, UntagResource and ListResourceTags, with AWS's recorded TagException and
 * ValidationException messages (test_create_key_with_too_many_tags_raises_error,
 * test_tag_key_with_duplicate_tag_keys_raises_error, test_create_key_with_invalid_tag_key,
 * test_key_with_long_tag_value_raises_error).
 */
class TagSdkTest {
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
  void tagResource_addsNewKeysAndReplacesValuesOfExistingOnes() {
    KeyMetadata key = kms.createKey(r -> r.tags(tag("tag1", "value1"))).keyMetadata();

    kms.tagResource(r -> r.keyId(key.keyId()).tags(tag("tag2", "value2"), tag("tag1", "changed")));

    assertEquals(List.of(tag("tag1", "changed"), tag("tag2", "value2")), tags(key));
  }

  /** Recorded: test_create_key_with_tag_and_untag. */
  @Test
  void untagResource_removesTheNamedKeys_andIgnoresUnknownOnes() {
    KeyMetadata key = kms.createKey(r -> r.tags(tag("tag1", "value1"), tag("tag2", "value2"))).keyMetadata();

    kms.untagResource(r -> r.keyId(key.arn()).tagKeys("tag1", "never-set"));
    assertEquals(List.of(tag("tag2", "value2")), tags(key));
    kms.untagResource(r -> r.keyId(key.keyId()).tagKeys("tag2"));
    assertEquals(List.of(), tags(key));
  }

  @Test
  void tagResource_reservedAwsPrefixInAnyCase_isTagException() {
    KeyMetadata key = newKey(kms);

    for (String reserved : List.of("aws:team", "AWS:team", "Aws:x")) {
      assertTagException("Tags beginning with aws: are reserved",
          () -> kms.tagResource(r -> r.keyId(key.keyId()).tags(tag(reserved, "v"))));
      assertTagException("Tags beginning with aws: are reserved",
          () -> kms.createKey(r -> r.tags(tag(reserved, "v"))));
    }
    assertTagException("Tags beginning with aws: are reserved",
        () -> kms.untagResource(r -> r.keyId(key.keyId()).tagKeys("aws:team")));
    assertEquals(List.of(), tags(key));
  }

  @Test
  void tagResource_duplicateKeysInOneRequest_isTagException() {
    KeyMetadata key = newKey(kms);

    assertTagException("Duplicate tag keys",
        () -> kms.tagResource(r -> r.keyId(key.keyId()).tags(tag("k", "1"), tag("k", "2"))));
    assertTagException("Duplicate tag keys", () -> kms.createKey(r -> r.tags(tag("k", "1"), tag("k", "2"))));
  }

  @Test
  void tags_moreThanFiftyOnAKey_isTagException() {
    assertTagException("Too many tags", () -> kms.createKey(r -> r.tags(numbered("k", 51))));

    KeyMetadata key = kms.createKey(r -> r.tags(numbered("k", 50))).keyMetadata();
    assertTagException("Too many tags", () -> kms.tagResource(r -> r.keyId(key.keyId()).tags(tag("one-more", "v"))));
    kms.tagResource(r -> r.keyId(key.keyId()).tags(tag("k0", "replacing is fine")));
    assertEquals(50, allTags(key, 50).size());
  }

  @Test
  void tags_keyOrValueLongerThanTheModelAllows_isTheRecordedValidationError() {
    String longKey = "a".repeat(129);
    String longValue = "v".repeat(257);

    assertKmsError("ValidationException",
        "1 validation error detected: Value '" + longKey + "' at 'tags.1.member.tagKey' failed to satisfy"
            + " constraint: Member must have length less than or equal to 128",
        () -> kms.createKey(r -> r.tags(tag(longKey, "v"))));
    assertKmsError("ValidationException",
        "1 validation error detected: Value '" + longValue + "' at 'tags.1.member.tagValue' failed to"
            + " satisfy constraint: Member must have length less than or equal to 256",
        () -> kms.createKey(r -> r.tags(tag("k", longValue))));
    KeyMetadata key = kms.createKey(r -> r.tags(tag("a".repeat(128), "v".repeat(256)))).keyMetadata();
    assertEquals(1, tags(key).size());
  }

  @Test
  void listResourceTags_withLimit_pagesThroughEveryTagOnceInOrder() {
    List<Tag> all = numbered("t", 12);
    KeyMetadata key = kms.createKey(r -> r.tags(all)).keyMetadata();

    assertEquals(all, allTags(key, 5));
    assertEquals(all, allTags(key, 1));
    ListResourceTagsResponse unlimited = kms.listResourceTags(r -> r.keyId(key.keyId()));
    assertEquals(all, unlimited.tags());
    assertFalse(unlimited.truncated());
    assertNull(unlimited.nextMarker());
  }

  private static List<Tag> allTags(KeyMetadata key, int limit) {
    List<Tag> out = new ArrayList<>();
    String marker = null;
    do {
      String m = marker;
      ListResourceTagsResponse page = kms.listResourceTags(r -> r.keyId(key.arn()).limit(limit).marker(m));
      assertTrue(page.tags().size() <= limit);
      out.addAll(page.tags());
      marker = page.truncated() ? page.nextMarker() : null;
    } while (marker != null);
    return out;
  }

  private static List<Tag> tags(KeyMetadata key) {
    return kms.listResourceTags(r -> r.keyId(key.keyId())).tags();
  }

  private static List<Tag> numbered(String prefix, int n) {
    List<Tag> tags = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      tags.add(tag(prefix + i, "value" + i));
    }
    return tags;
  }

  private static Tag tag(String key, String value) {
    return Tag.builder().tagKey(key).tagValue(value).build();
  }

  private static void assertTagException(String message, org.junit.jupiter.api.function.Executable call) {
    assertKmsError(TagException.class, "TagException", message, call);
  }
}

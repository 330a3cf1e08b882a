package io.keywarden.services.kms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class AliasAndTagTest {
  private final KmsHarness h = new KmsHarness();

  @Test
  void aliases_createUpdateDeleteWithAwsErrors() {
    String a = h.createKey();
    String b = h.createKey();
    h.call("CreateAlias", "{\"AliasName\":\"alias/app\",\"TargetKeyId\":\"" + a + "\"}");
    assertEquals("An alias with the name arn:aws:kms:us-east-1:111122223333:alias/app already exists",
        h.error("CreateAlias", "{\"AliasName\":\"alias/app\",\"TargetKeyId\":\"" + b + "\"}").getMessage());
    assertEquals("Alias must start with the prefix \"alias/\". Please see"
            + " https://docs.aws.amazon.com/kms/latest/developerguide/kms-alias.html",
        h.error("CreateAlias", "{\"AliasName\":\"app\",\"TargetKeyId\":\"" + b + "\"}").getMessage());
    assertEquals("NotAuthorizedException",
        h.error("CreateAlias", "{\"AliasName\":\"alias/aws/mine\",\"TargetKeyId\":\"" + b + "\"}").code());
    h.call("UpdateAlias", "{\"AliasName\":\"alias/app\",\"TargetKeyId\":\"" + b + "\"}");
    assertEquals(b, h.call("DescribeKey", "{\"KeyId\":\"alias/app\"}").get("KeyMetadata").get("KeyId").asText());
    h.call("DeleteAlias", "{\"AliasName\":\"alias/app\"}");
    assertEquals("Alias arn:aws:kms:us-east-1:111122223333:alias/app is not found.",
        h.error("DeleteAlias", "{\"AliasName\":\"alias/app\"}").getMessage());
  }

  @Test
  void listAliases_includesPredefinedAwsAliasesAndFiltersByKey() {
    String a = h.createKey();
    h.call("CreateAlias", "{\"AliasName\":\"alias/zeta\",\"TargetKeyId\":\"" + a + "\"}");
    JsonNode all = h.call("ListAliases", "{\"Limit\":100}").get("Aliases");
    JsonNode first = all.get(0);
    assertTrue(first.get("AliasName").asText().startsWith("alias/aws/"));
    assertFalse(first.has("TargetKeyId"));
    assertEquals("alias/zeta", all.get(all.size() - 1).get("AliasName").asText());
    JsonNode forKey = h.call("ListAliases", "{\"KeyId\":\"" + a + "\"}").get("Aliases");
    assertEquals(1, forKey.size());
    assertEquals(a, forKey.get(0).get("TargetKeyId").asText());
  }

  @Test
  void tags_mergeRemoveAndAwsLimits() {
    String id = h.createKey();
    h.call("TagResource", "{\"KeyId\":\"" + id + "\",\"Tags\":[{\"TagKey\":\"a\",\"TagValue\":\"1\"},{\"TagKey\":\"b\",\"TagValue\":\"2\"}]}");
    h.call("TagResource", "{\"KeyId\":\"" + id + "\",\"Tags\":[{\"TagKey\":\"b\",\"TagValue\":\"3\"}]}");
    assertEquals("[{\"TagKey\":\"a\",\"TagValue\":\"1\"},{\"TagKey\":\"b\",\"TagValue\":\"3\"}]",
        h.call("ListResourceTags", "{\"KeyId\":\"" + id + "\"}").get("Tags").toString());
    h.call("UntagResource", "{\"KeyId\":\"" + id + "\",\"TagKeys\":[\"a\",\"missing\"]}");
    assertEquals(1, h.call("ListResourceTags", "{\"KeyId\":\"" + id + "\"}").get("Tags").size());
    assertEquals("Tags beginning with aws: are reserved", h.error("TagResource",
        "{\"KeyId\":\"" + id + "\",\"Tags\":[{\"TagKey\":\"AWS:x\",\"TagValue\":\"1\"}]}").getMessage());
    assertEquals("Duplicate tag keys", h.error("TagResource", "{\"KeyId\":\"" + id
        + "\",\"Tags\":[{\"TagKey\":\"x\",\"TagValue\":\"1\"},{\"TagKey\":\"x\",\"TagValue\":\"2\"}]}").getMessage());
    StringBuilder many = new StringBuilder("[");
    for (int i = 0; i < 50; i++) {
      many.append(i == 0 ? "" : ",").append("{\"TagKey\":\"k").append(i).append("\",\"TagValue\":\"v\"}");
    }
    many.append("]");
    assertEquals("Too many tags",
        h.error("TagResource", "{\"KeyId\":\"" + id + "\",\"Tags\":" + many + "}").getMessage());
  }

  @Test
  void concurrentTagging_losesNoUpdate() throws Exception {
    String id = h.createKey();
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<?>> done = new ArrayList<>();
      for (int i = 0; i < 20; i++) {
        int n = i;
        done.add(pool.submit(() -> h.call("TagResource",
            "{\"KeyId\":\"" + id + "\",\"Tags\":[{\"TagKey\":\"t" + n + "\",\"TagValue\":\"v\"}]}")));
      }
      for (Future<?> f : done) {
        f.get();
      }
    } finally {
      pool.shutdown();
    }
    assertEquals(20, h.call("ListResourceTags", "{\"KeyId\":\"" + id + "\"}").get("Tags").size());
  }
}

package io.keywarden.it.secrets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.secretsmanager.caching.SecretCache;
import com.amazonaws.secretsmanager.caching.SecretCacheConfiguration;
import io.keywarden.it.TestServer;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/**
 * AWS's caching client {@code aws-secretsmanager-caching-java} ({@link SecretCache}) reading
 * through Keywarden: it serves a secret from its cache without calling the server, keeps the old
 * value within its TTL after the secret changed, and sees the new value once the TTL has passed.
 *
 * <p>The cache refreshes an item at a random moment between half its TTL and its TTL (AWS's
 * jitter), so "within the TTL" is asserted only while less than half of it has passed.
 */
class SecretCacheClientTest {
  private static final long TTL_MILLIS = 5_000;
  private static final long MAX_WAIT_MILLIS = TTL_MILLIS + 10_000;

  private static TestServer server;
  private static SecretsManagerClient sm;
  /** Calls that reached Keywarden, by operation name, from the client the cache uses. */
  private static final Map<String, AtomicInteger> CALLS = new ConcurrentHashMap<>();
  private static final String ROTATOR = "arn:aws:lambda:us-east-1:000000000000:function:cache-rotator";
  private static HttpRotationEndpoint rotationFunction;

  @BeforeAll
  static void start() {
    server = TestServer.dev();
    sm = SecretsManagerClient.builder()
        .endpointOverride(server.endpoint())
        .region(TestServer.REGION)
        .credentialsProvider(StaticCredentialsProvider.create(
            AwsBasicCredentials.create("AKIADEVTEST", "dev-secret")))
        .httpClient(UrlConnectionHttpClient.create())
        .overrideConfiguration(c -> c.addExecutionInterceptor(new ExecutionInterceptor() {
          @Override
          public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
            String operation = attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME);
            CALLS.computeIfAbsent(operation, k -> new AtomicInteger()).incrementAndGet();
          }
        }))
        .build();
  }

  @AfterAll
  static void stop() {
    if (rotationFunction != null) {
      rotationFunction.close();
    }
    sm.close();
    server.close();
  }

  private static String unique(String prefix) {
    return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
  }

  private static int calls(String operation) {
    AtomicInteger n = CALLS.get(operation);
    return n == null ? 0 : n.get();
  }

  private static SecretCache cache() {
    return new SecretCache(new SecretCacheConfiguration()
        .withClient(sm)
        .withCacheItemTTL(TTL_MILLIS));
  }

  /** Polls the cache until it returns {@code expected}; returns the milliseconds it took. */
  private static long awaitValue(SecretCache cache, String secretId, String expected)
      throws InterruptedException {
    long start = System.nanoTime();
    String seen = cache.getSecretString(secretId);
    while (!expected.equals(seen)) {
      long waited = (System.nanoTime() - start) / 1_000_000;
      assertTrue(waited < MAX_WAIT_MILLIS,
          "the cache still returned " + seen + " after " + waited + " ms (TTL " + TTL_MILLIS + " ms)");
      Thread.sleep(50);
      seen = cache.getSecretString(secretId);
    }
    return (System.nanoTime() - start) / 1_000_000;
  }

  @Test
  void servesTheOldValueWithinItsTtlAndTheNewOneAfter() throws Exception {
    String name = unique("cache/db");
    sm.createSecret(r -> r.name(name).secretString("{\"password\":\"first\"}"));
    try (SecretCache cache = cache()) {
      long firstRead = System.nanoTime();
      assertEquals("{\"password\":\"first\"}", cache.getSecretString(name));
      int describes = calls("DescribeSecret");
      int gets = calls("GetSecretValue");
      assertTrue(describes >= 1 && gets >= 1, "the first read went to the server: " + CALLS);

      // A rotation by hand: the new version becomes AWSCURRENT, the old one AWSPREVIOUS.
      String newVersion = sm.putSecretValue(r -> r.secretId(name)
          .secretString("{\"password\":\"second\"}")).versionId();
      assertEquals("{\"password\":\"second\"}",
          sm.getSecretValue(r -> r.secretId(name)).secretString());
      int getsAfterPut = calls("GetSecretValue");

      for (int i = 0; i < 5; i++) {
        assertEquals("{\"password\":\"first\"}", cache.getSecretString(name));
      }
      long sinceFirstRead = (System.nanoTime() - firstRead) / 1_000_000;
      assertTrue(sinceFirstRead < TTL_MILLIS / 2,
          "the old value must be checked before half the TTL has passed, took " + sinceFirstRead + " ms");
      assertEquals(describes, calls("DescribeSecret"), "cached reads must not call DescribeSecret");
      assertEquals(getsAfterPut, calls("GetSecretValue"), "cached reads must not call GetSecretValue");

      long waited = awaitValue(cache, name, "{\"password\":\"second\"}");
      long sinceFirst = (System.nanoTime() - firstRead) / 1_000_000;
      assertTrue(sinceFirst >= TTL_MILLIS / 2,
          "the new value appeared after " + sinceFirst + " ms, before half the TTL");
      assertTrue(calls("DescribeSecret") > describes, "the refresh described the secret again");
      assertTrue(calls("GetSecretValue") > getsAfterPut,
          "the refresh fetched the new version " + newVersion + " (waited " + waited + " ms)");
    }
  }

  @Test
  void refreshNowSeesTheNewValueAtOnce() throws Exception {
    String name = unique("cache/api-key");
    sm.createSecret(r -> r.name(name).secretString("key-1"));
    try (SecretCache cache = cache()) {
      assertEquals("key-1", cache.getSecretString(name));
      sm.putSecretValue(r -> r.secretId(name).secretString("key-2"));
      assertEquals("key-1", cache.getSecretString(name));
      assertTrue(cache.refreshNow(name));
      assertEquals("key-2", cache.getSecretString(name));
    }
  }

  @Test
  void binarySecretsAreCachedToo() throws Exception {
    String name = unique("cache/cert");
    sm.createSecret(r -> r.name(name).secretBinary(SdkBytes.fromByteArray(new byte[] {1, 2, 3})));
    try (SecretCache cache = cache()) {
      assertEquals(ByteBuffer.wrap(new byte[] {1, 2, 3}), cache.getSecretBinary(name));
      sm.putSecretValue(r -> r.secretId(name).secretBinary(SdkBytes.fromByteArray(new byte[] {4, 5})));
      assertEquals(ByteBuffer.wrap(new byte[] {1, 2, 3}), cache.getSecretBinary(name));
      long start = System.nanoTime();
      while (!ByteBuffer.wrap(new byte[] {4, 5}).equals(cache.getSecretBinary(name))) {
        assertTrue((System.nanoTime() - start) / 1_000_000 < MAX_WAIT_MILLIS,
            "the cache never saw the new binary value");
        Thread.sleep(50);
      }
    }
  }

  @Test
  void aCustomVersionStageIsFollowed() throws Exception {
    String name = unique("cache/staged");
    sm.createSecret(r -> r.name(name).secretString("current"));
    sm.putSecretValue(r -> r.secretId(name).secretString("pending").versionStages("AWSPENDING"));
    try (SecretCache cache = new SecretCache(new SecretCacheConfiguration()
        .withClient(sm).withCacheItemTTL(TTL_MILLIS).withVersionStage("AWSPENDING"))) {
      assertEquals("pending", cache.getSecretString(name));
    }
    try (SecretCache cache = cache()) {
      assertEquals("current", cache.getSecretString(name));
    }
  }

  @Test
  void seesTheValueARotationMadeOnceItsTtlHasPassed() throws Exception {
    rotationFunction = new HttpRotationEndpoint(server.endpoint());
    server.keywarden().registerDevRotationFunction(ROTATOR, rotationFunction.url());
    String name = unique("cache/rotated");
    sm.createSecret(r -> r.name(name).secretString("{\"password\":\"before-rotation\"}"));
    try (SecretCache cache = cache()) {
      long firstRead = System.nanoTime();
      assertEquals("{\"password\":\"before-rotation\"}", cache.getSecretString(name));
      String version = sm.rotateSecret(r -> r.secretId(name).rotationLambdaARN(ROTATOR)).versionId();
      server.keywarden().secrets().rotations().awaitIdle(java.time.Duration.ofSeconds(30));
      var rotated = sm.getSecretValue(r -> r.secretId(name));
      assertEquals(version, rotated.versionId(), "the rotation made the new version current");
      String newValue = rotated.secretString();
      assertTrue(!newValue.contains("before-rotation"), newValue);
      long sinceFirstRead = (System.nanoTime() - firstRead) / 1_000_000;
      if (sinceFirstRead < TTL_MILLIS / 2) {
        // Only checkable while less than half the TTL has passed (the cache's jitter).
        assertEquals("{\"password\":\"before-rotation\"}", cache.getSecretString(name));
      }
      awaitValue(cache, name, newValue);
      assertTrue((System.nanoTime() - firstRead) / 1_000_000 >= TTL_MILLIS / 2,
          "the cache refreshed before half its TTL");
    }
  }
}

package io.keywarden.it.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.model.KmsResponse;

/**
 * The audit log's crash guarantee, end to end (issue 5): the real server jar in production mode on a
 * SQLite data directory, under concurrent SDK load (Encrypt, Decrypt, GenerateDataKey, CreateKey,
 * DescribeKey, ListKeys, and calls that fail), killed with SIGKILL at a random moment, restarted,
 * five times over. Every request whose answer reached the client — success or AWS error — must then
 * be in the log ({@code keywarden audit export}), and {@code keywarden audit verify} must find no
 * tampering. The random seed is printed, so that a failing run can be replayed.
 */
class AuditCrashTest {
  private static final int ROUNDS = 5;
  private static final int THREADS = 8;
  /** Answers a round waits for before it picks the moment to kill. */
  private static final int MIN_ANSWERS = 100;
  private static final Duration START_TIMEOUT = Duration.ofSeconds(60);
  private static final Pattern ACCESS_KEY_ID = Pattern.compile("AWS_ACCESS_KEY_ID=(\\S+)");
  private static final Pattern SECRET = Pattern.compile("AWS_SECRET_ACCESS_KEY=(\\S+)");
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;

  /** What the load saw: the request ids of every answer that arrived. */
  private final Set<String> answered = ConcurrentHashMap.newKeySet();
  private final List<String> keys = new CopyOnWriteArrayList<>();
  private final AtomicInteger successes = new AtomicInteger();
  private final AtomicInteger awsErrors = new AtomicInteger();

  @Test
  void killedUnderLoad_fiveTimes_losesNoAnsweredCall_andTheLogVerifies() throws Exception {
    long seed = Long.getLong("keywarden.crash.seed", System.nanoTime());
    System.out.println("AuditCrashTest seed: " + seed + " (-Dkeywarden.crash.seed=" + seed + " replays it)");
    Random random = new Random(seed);
    Path data = dir.resolve("data");
    Path passphrase = dir.resolve("passphrase");
    Files.writeString(passphrase, "crash, restart, and lose nothing\n");
    Subprocess.Result init = KeywardenCommand.run("init", "--data-dir", data.toString(),
        "--passphrase-file", passphrase.toString(), "--account-id", "111122223333");
    assertEquals(0, init.exitCode(), init::describe);
    Matcher id = ACCESS_KEY_ID.matcher(init.stdout());
    Matcher secret = SECRET.matcher(init.stdout());
    assertTrue(id.find() && secret.find(), init::describe);

    for (int round = 1; round <= ROUNDS; round++) {
      try (ServerProcess server = ServerProcess.start("--data-dir", data.toString(), "--port", "0",
          "--passphrase-file", passphrase.toString());
          KmsClient kms = client(server.awaitListening(START_TIMEOUT), id.group(1), secret.group(1))) {
        if (keys.isEmpty()) {
          for (int i = 0; i < 3; i++) {
            keys.add(answer(kms.createKey(r -> r.description("crash test"))).keyMetadata().keyId());
          }
        }
        int before = answered.size();
        AtomicBoolean stop = new AtomicBoolean();
        List<Thread> load = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
          long threadSeed = random.nextLong();
          Thread thread = new Thread(() -> drive(kms, new Random(threadSeed), stop), "crash-load-" + t);
          thread.start();
          load.add(thread);
        }
        // Once the load runs at full speed (a cold server answers slowly at first), kill it at a
        // random moment.
        long warm = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (answered.size() - before < MIN_ANSWERS && System.nanoTime() < warm) {
          Thread.sleep(20);
        }
        Thread.sleep(random.nextInt(1500));
        server.close(); // SIGKILL, with calls in flight
        stop.set(true);
        for (Thread thread : load) {
          thread.join(30_000);
        }
        System.out.println("round " + round + ": " + (answered.size() - before) + " answers before the kill");
        assertTrue(answered.size() - before >= MIN_ANSWERS, "too little load in round " + round + ": "
            + server.output());
      }
    }

    // One more start: the log opens after the last kill, takes calls, and is closed cleanly (SIGTERM).
    try (ServerProcess server = ServerProcess.start("--data-dir", data.toString(), "--port", "0",
        "--passphrase-file", passphrase.toString())) {
      try (KmsClient kms = client(server.awaitListening(START_TIMEOUT), id.group(1), secret.group(1))) {
        answer(kms.encrypt(r -> r.keyId(keys.get(0)).plaintext(SdkBytes.fromUtf8String("after the crashes"))));
      }
      int exit = server.stop(Duration.ofSeconds(30));
      // A JVM ended by SIGTERM exits 143 once its shutdown hooks (here: closing the log) have run.
      assertTrue(exit == 0 || exit == 143, () -> "exit " + exit + ": " + server.output());
    }

    Path exported = dir.resolve("audit.jsonl");
    Subprocess.Result export = KeywardenCommand.run("audit", "export", "--data-dir", data.toString(),
        "--out", exported.toString());
    assertEquals(0, export.exitCode(), export::describe);
    Set<String> logged = new HashSet<>();
    for (String line : Files.readAllLines(exported, StandardCharsets.UTF_8)) {
      logged.add(requestId(line));
    }
    Set<String> missing = new HashSet<>(answered);
    missing.removeAll(logged);
    System.out.println("answered " + answered.size() + " calls (" + successes.get() + " successes, "
        + awsErrors.get() + " AWS errors); " + logged.size() + " request ids in the log");
    assertTrue(missing.isEmpty(), missing.size() + " answered calls are not in the audit log, e.g. "
        + missing.stream().limit(5).toList());

    Subprocess.Result verify = KeywardenCommand.run("audit", "verify", "--data-dir", data.toString());
    System.out.println("keywarden audit verify (exit " + verify.exitCode() + "):\n" + verify.stdout());
    assertTrue(verify.exitCode() == 0 || verify.exitCode() == 3, verify::describe);
    assertTrue(verify.stdout().contains("Intact.") || verify.stdout().contains("Not fully proven"), verify::describe);
  }

  /** One load thread: a mix of calls, each answer's request id noted, until told to stop. */
  private void drive(KmsClient kms, Random random, AtomicBoolean stop) {
    SdkBytes ciphertext = null;
    while (!stop.get()) {
      try {
        int dice = random.nextInt(100);
        String key = keys.get(random.nextInt(keys.size()));
        if (dice < 60) {
          ciphertext = answer(kms.encrypt(r -> r.keyId(key).plaintext(SdkBytes.fromUtf8String("load " + dice))))
              .ciphertextBlob();
        } else if (dice < 72 && ciphertext != null) {
          SdkBytes blob = ciphertext;
          answer(kms.decrypt(r -> r.ciphertextBlob(blob)));
        } else if (dice < 82) {
          answer(kms.generateDataKey(r -> r.keyId(key).numberOfBytes(32)));
        } else if (dice < 86) {
          keys.add(answer(kms.createKey(r -> r.description("made under load"))).keyMetadata().keyId());
        } else if (dice < 94) {
          answer(kms.describeKey(r -> r.keyId("alias/does-not-exist")));
        } else {
          answer(kms.listKeys(r -> r.limit(5)));
        }
      } catch (AwsServiceException e) {
        // An AWS error is an answer too: its record must be in the log.
        if (e.requestId() != null) {
          answered.add(e.requestId());
          awsErrors.incrementAndGet();
        }
      } catch (SdkClientException e) {
        // No answer (the server is gone, or going): nothing to check.
        if (stop.get()) {
          return;
        }
        sleepQuietly(5);
      }
    }
  }

  private <T extends KmsResponse> T answer(T response) {
    answered.add(response.responseMetadata().requestId());
    successes.incrementAndGet();
    return response;
  }

  private static KmsClient client(URI endpoint, String accessKeyId, String secret) {
    return KmsClient.builder()
        .endpointOverride(endpoint)
        .region(Region.US_EAST_1)
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKeyId, secret)))
        .httpClient(UrlConnectionHttpClient.builder()
            .connectionTimeout(Duration.ofSeconds(2)).socketTimeout(Duration.ofSeconds(10)).build())
        .overrideConfiguration(c -> c.retryStrategy(AwsRetryStrategy.doNotRetry()))
        .build();
  }

  private static String requestId(String line) {
    try {
      JsonNode record = JSON.readTree(line);
      return record.path("requestID").asText(null);
    } catch (IOException e) {
      throw new AssertionError("not a JSON line in the export: " + line, e);
    }
  }

  private static void sleepQuietly(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}

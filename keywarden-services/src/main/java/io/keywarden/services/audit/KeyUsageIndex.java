package io.keywarden.services.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.keywarden.domain.audit.AuditEvent;
import io.keywarden.domain.audit.AuditLog;
import io.keywarden.services.api.AuditResource;
import io.keywarden.services.api.KeyLastUsage;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The last successful cryptographic use of each KMS key, in memory, for {@code GetKeyLastUsage} ("the
 * last successful cryptographic operation performed with a specified KMS key, including the operation
 * type, timestamp, and associated CloudTrail event ID"): kept up to date as the {@link AuditTrail}
 * makes calls durable ({@link AuditTrail.Listener}), and rebuilt at start-up from the log, newest
 * first, over a bounded window ({@link #rebuild}).
 *
 * <p>Each key's use names the record delivered to the key's own account: for a call from another
 * account, the owner's copy; for {@code ReEncrypt}, one use for each key, each with its owner's record
 * (as AWS documents it). Tracking starts when the server starts, and reaches back as far as the
 * rebuild found records once it is done.
 */
public final class KeyUsageIndex implements KeyLastUsage, AuditTrail.Listener {
  /** The operations GetKeyLastUsage reports (the model's KeyLastUsageTrackingOperation). */
  static final Set<String> TRACKED = Set.of("Decrypt", "DeriveSharedSecret", "Encrypt", "GenerateDataKey",
      "GenerateDataKeyPair", "GenerateDataKeyPairWithoutPlaintext", "GenerateDataKeyWithoutPlaintext",
      "GenerateMac", "ReEncrypt", "Sign", "Verify", "VerifyMac");

  private static final System.Logger LOG = System.getLogger(KeyUsageIndex.class.getName());
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String KMS_SOURCE = "\"eventSource\":\"kms.amazonaws.com\"";

  private final ConcurrentHashMap<String, KeyUse> byKey = new ConcurrentHashMap<>();
  private volatile Instant trackingStart;

  /** @param startedAt when recording started for sure (the server's start) */
  public KeyUsageIndex(Instant startedAt) {
    this.trackingStart = startedAt;
  }

  @Override
  public Optional<KeyUse> lastUse(String keyArn) {
    return Optional.ofNullable(byKey.get(keyArn));
  }

  @Override
  public Optional<Instant> trackingStart() {
    return Optional.of(trackingStart);
  }

  @Override
  public void recorded(ApiCall call, List<AuditEvent> events) {
    if (call.errorCode() != null || !"kms".equals(call.signingName()) || !TRACKED.contains(call.operation())
        || call.facts() == null) {
      return;
    }
    List<String> recipients = CloudTrailEvents.recipients(call);
    for (AuditResource r : call.facts().resources()) {
      if (!isKey(r.type(), r.arn())) {
        continue;
      }
      int i = recipients.indexOf(r.accountId());
      if (i >= 0 && i < events.size()) {
        note(r.arn(), new KeyUse(call.operation(), call.receivedAt(), events.get(i).eventId(), call.requestId()),
            true);
      }
    }
  }

  /**
   * Learns the uses recorded in {@code log} since {@code from}, newest first, then reaches tracking back
   * to the oldest record it read. Uses learnt meanwhile from new calls are kept (a use replaces
   * another only if it is newer). Run once, at start-up, on a thread of its own; interrupting that
   * thread stops the reading, and tracking then still starts at the server's start.
   *
   * @return how many records were read
   */
  public long rebuild(AuditLog log, Instant from, Instant to) {
    long[] read = {0};
    Instant[] oldest = {null};
    boolean[] stopped = {false};
    log.scanNewestFirst(from, to, event -> {
      if (Thread.currentThread().isInterrupted()) {
        stopped[0] = true;
        return false;
      }
      read[0]++;
      Instant time = event.eventTime();
      if (oldest[0] == null || time.isBefore(oldest[0])) {
        oldest[0] = time;
      }
      if (event.json().contains(KMS_SOURCE)) {
        learn(event);
      }
      return true;
    });
    if (stopped[0]) {
      return read[0];
    }
    if (oldest[0] != null && oldest[0].isBefore(trackingStart)) {
      trackingStart = oldest[0];
    }
    LOG.log(System.Logger.Level.INFO, "key last-usage index: read {0} audit records since {1}; tracking since {2}",
        read[0], from, trackingStart);
    return read[0];
  }

  private void learn(AuditEvent event) {
    JsonNode r;
    try {
      r = JSON.readTree(event.json());
    } catch (JsonProcessingException e) {
      return;
    }
    if (r == null || r.has("errorCode") || !"AwsApiCall".equals(r.path("eventType").asText())
        || !"kms.amazonaws.com".equals(r.path("eventSource").asText())) {
      return;
    }
    String operation = r.path("eventName").asText();
    String recipient = r.path("recipientAccountId").asText(null);
    String requestId = r.path("requestID").asText(null);
    if (!TRACKED.contains(operation) || recipient == null || requestId == null) {
      return;
    }
    for (JsonNode resource : r.path("resources")) {
      String arn = resource.path("ARN").asText();
      if (isKey(resource.path("type").asText(), arn) && recipient.equals(resource.path("accountId").asText())) {
        note(arn, new KeyUse(operation, event.eventTime(), event.eventId(), requestId), false);
      }
    }
  }

  /**
   * Keeps the newer of the known use and {@code use}; at equal times, the one recorded last: {@code
   * use} if it was just recorded ({@code live}), the known one if {@code use} comes from the rebuild
   * (which reads newest first).
   */
  private void note(String keyArn, KeyUse use, boolean live) {
    byKey.merge(keyArn, use, (old, candidate) -> {
      int order = candidate.timestamp().compareTo(old.timestamp());
      return order > 0 || order == 0 && live ? candidate : old;
    });
  }

  private static boolean isKey(String type, String arn) {
    return AuditResource.KMS_KEY.equals(type) && arn.contains(":key/");
  }
}

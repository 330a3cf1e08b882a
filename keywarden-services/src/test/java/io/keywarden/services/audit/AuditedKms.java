package io.keywarden.services.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.keywarden.domain.audit.AuditEvent;
import io.keywarden.domain.identity.Principal;
import io.keywarden.services.api.ApiException;
import io.keywarden.services.api.CallContext;
import io.keywarden.services.identity.IdentityPolicies;
import io.keywarden.services.kms.KmsService;
import io.keywarden.storage.memory.MemoryStorage;
import io.keywarden.trust.ephemeral.EphemeralRootOfTrust;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The real KMS service over memory storage, called as the protocol layer calls it, with every call
 * recorded through an {@link AuditTrail} into a {@link MemoryAuditLog}.
 */
final class AuditedKms {
  static final String ACCOUNT = "111122223333";
  static final String OTHER_ACCOUNT = "444455556666";
  static final String REGION = "us-east-1";
  static final ObjectMapper JSON = new ObjectMapper();

  final MovableClock clock = new MovableClock(Instant.parse("2026-03-01T12:00:00Z"));
  final MemoryAuditLog log = new MemoryAuditLog();
  final AuditTrail trail = AuditTrail.over(log, clock);
  final KmsService kms = new KmsService(new MemoryStorage(), new EphemeralRootOfTrust(), clock,
      IdentityPolicies.ROOTS_ONLY, null, trail);

  /** One call's answer and records. */
  record Call(ObjectNode output, ApiException error, List<JsonNode> records, List<String> lines) {
    JsonNode record() {
      if (records.size() != 1) {
        throw new AssertionError(records.size() + " records: " + lines);
      }
      return records.get(0);
    }

    String json() {
      return String.join("\n", lines);
    }
  }

  Call call(String operation, String json) {
    return call(Principal.root(ACCOUNT, "AKIAROOTKEY000000001"), operation, json);
  }

  Call call(Principal caller, String operation, String json) {
    return call(context(caller), operation, json);
  }

  CallContext context(Principal caller) {
    return new CallContext(caller, REGION, UUID.randomUUID().toString(), "198.51.100.7", "aws-cli/2.0 test",
        false, clock.instant());
  }

  Call call(CallContext context, String operation, String json) {
    ObjectNode input = parse(json);
    ApiCall call = new ApiCall(context.requestId(), context.receivedAt(), context.sourceIp(), context.userAgent(), null)
        .service("kms", operation)
        .authenticated(context)
        .input(input);
    ObjectNode output = null;
    ApiException error = null;
    try {
      output = kms.operations().get(operation).operation().invoke(context, input);
      call.succeeded(output);
    } catch (ApiException e) {
      error = e;
      call.failed(e.code(), e.getMessage());
    }
    return recorded(call, output, error);
  }

  Call recorded(ApiCall call, ObjectNode output, ApiException error) {
    int before = log.events().size();
    trail.record(call).join();
    List<AuditEvent> all = log.events();
    List<JsonNode> records = new ArrayList<>();
    List<String> lines = new ArrayList<>();
    for (AuditEvent event : all.subList(before, all.size())) {
      lines.add(event.json());
      records.add(parse(event.json()));
    }
    return new Call(output, error, records, lines);
  }

  /** Creates a key; returns its id. */
  String createKey(String json) {
    return call("CreateKey", json).output().at("/KeyMetadata/KeyId").asText();
  }

  static String arn(String keyId) {
    return "arn:aws:kms:" + REGION + ":" + ACCOUNT + ":key/" + keyId;
  }

  static ObjectNode parse(String json) {
    return (ObjectNode) tree(json);
  }

  static JsonNode tree(String json) {
    try {
      return JSON.readTree(json);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A clock tests move forward. */
  static final class MovableClock extends Clock {
    private volatile Instant now;

    MovableClock(Instant start) {
      now = start;
    }

    void advance(Duration d) {
      now = now.plus(d);
    }

    @Override
    public Instant instant() {
      return now;
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }
  }
}

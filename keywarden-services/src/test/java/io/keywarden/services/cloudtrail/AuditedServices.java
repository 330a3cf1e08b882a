package io.keywarden.services.cloudtrail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.keywarden.domain.audit.AuditEvent;
import io.keywarden.domain.audit.AuditLog;
import io.keywarden.domain.identity.IamUser;
import io.keywarden.domain.identity.Principal;
import io.keywarden.services.api.ApiException;
import io.keywarden.services.api.ApiService;
import io.keywarden.services.api.CallContext;
import io.keywarden.services.audit.ApiCall;
import io.keywarden.services.audit.AuditTrail;
import io.keywarden.services.audit.KeyUsageIndex;
import io.keywarden.services.identity.IdentityPolicies;
import io.keywarden.services.kms.KmsService;
import io.keywarden.services.policy.PolicyParseException;
import io.keywarden.services.policy.PolicyParser;
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
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

/**
 * The real KMS and CloudTrail services over memory storage, called as the protocol layer calls them:
 * every call (CloudTrail's too) recorded through an {@link AuditTrail} into an in-memory log, with the
 * key last-usage index listening.
 */
final class AuditedServices {
  static final String ACCOUNT = "111122223333";
  static final String OTHER_ACCOUNT = "444455556666";
  static final String REGION = "us-east-1";
  static final ObjectMapper JSON = new ObjectMapper();

  final MovableClock clock = new MovableClock(Instant.parse("2026-03-01T12:00:00Z"));
  final MemoryLog log = new MemoryLog();
  final Identities identities = new Identities();
  final KeyUsageIndex usage = new KeyUsageIndex(clock.instant());
  final AuditTrail trail = AuditTrail.over(log, clock, usage);
  final KmsService kms = new KmsService(new MemoryStorage(), new EphemeralRootOfTrust(), clock, identities,
      null, trail, usage);
  final CloudTrailService cloudTrail = new CloudTrailService(log, identities, clock);
  final Principal root = Principal.root(ACCOUNT, "AKIAROOTKEY000000001");
  final Principal otherRoot = Principal.root(OTHER_ACCOUNT, "AKIAOTHER00000000001");

  /** A call's answer: the output, or the error. */
  record Answer(ObjectNode output, ApiException error, String requestId) {
    ObjectNode ok() {
      if (error != null) {
        throw new AssertionError(error.code() + ": " + error.getMessage());
      }
      return output;
    }
  }

  Answer kms(Principal caller, String operation, String json) {
    return call(kms, "kms", caller, REGION, operation, json);
  }

  Answer kms(String operation, String json) {
    return kms(root, operation, json);
  }

  Answer lookup(Principal caller, String region, String json) {
    return call(cloudTrail, "cloudtrail", caller, region, "LookupEvents", json);
  }

  Answer lookup(String json) {
    return lookup(root, REGION, json);
  }

  /** Creates a key; returns its ARN. */
  String createKey(Principal owner) {
    return kms(owner, "CreateKey", "{}").ok().at("/KeyMetadata/Arn").asText();
  }

  Answer call(ApiService service, String signingName, Principal caller, String region, String operation,
      String json) {
    CallContext context = new CallContext(caller, region, UUID.randomUUID().toString(), "198.51.100.7",
        "aws-cli/2.0 test", false, clock.instant());
    ObjectNode input = parse(json);
    ApiCall call = new ApiCall(context.requestId(), context.receivedAt(), context.sourceIp(),
        context.userAgent(), null)
        .service(signingName, operation)
        .authenticated(context)
        .input(input);
    ObjectNode output = null;
    ApiException error = null;
    try {
      output = service.operations().get(operation).operation().invoke(context, input);
      call.succeeded(output);
    } catch (ApiException e) {
      error = e;
      call.failed(e.code(), e.getMessage());
    }
    trail.record(call).join();
    return new Answer(output, error, context.requestId());
  }

  static ObjectNode parse(String json) {
    try {
      return (ObjectNode) JSON.readTree(json);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The records in the log, oldest first, parsed. */
  List<JsonNode> records() {
    List<JsonNode> out = new ArrayList<>();
    for (AuditEvent e : log.events()) {
      try {
        out.add(JSON.readTree(e.json()));
      } catch (IOException x) {
        throw new UncheckedIOException(x);
      }
    }
    return out;
  }

  /** Users of the test and their identity policies. */
  static final class Identities implements IdentityPolicies {
    private final Map<String, List<NamedPolicy>> policies = new ConcurrentHashMap<>();

    Principal user(String account, String name) {
      IamUser u = new IamUser(account, name, "AIDA" + name.toUpperCase(), "/", Instant.EPOCH, List.of(),
          Map.of(), 1);
      return Principal.user(u, "AKIA" + name.toUpperCase());
    }

    void attach(Principal p, String json) {
      try {
        policies.computeIfAbsent(p.arn(), k -> new ArrayList<>())
            .add(new NamedPolicy("test", PolicyParser.parse(json, PolicyParser.Kind.IDENTITY)));
      } catch (PolicyParseException e) {
        throw new IllegalArgumentException(e);
      }
    }

    @Override
    public List<NamedPolicy> policiesOf(Principal principal) {
      return policies.getOrDefault(principal.arn(), List.of());
    }

    @Override
    public boolean exists(String principalArn) {
      return true;
    }
  }

  /** An audit log in memory. */
  static final class MemoryLog implements AuditLog {
    private final List<AuditEvent> events = new ArrayList<>();

    @Override
    public synchronized CompletableFuture<Void> append(AuditEvent event) {
      events.add(event);
      return CompletableFuture.completedFuture(null);
    }

    synchronized List<AuditEvent> events() {
      return List.copyOf(events);
    }

    @Override
    public void scanNewestFirst(Instant from, Instant to, Predicate<AuditEvent> visitor) {
      List<AuditEvent> all = events();
      for (int i = all.size() - 1; i >= 0; i--) {
        AuditEvent e = all.get(i);
        if (!e.eventTime().isBefore(from) && e.eventTime().isBefore(to) && !visitor.test(e)) {
          return;
        }
      }
    }

    @Override
    public void close() {}
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

package io.keywarden.services.secrets;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.keywarden.domain.identity.IamUser;
import io.keywarden.domain.identity.Principal;
import io.keywarden.domain.storage.Storage;
import io.keywarden.services.api.ApiException;
import io.keywarden.services.api.ApiService;
import io.keywarden.services.api.CallContext;
import io.keywarden.services.identity.IdentityPolicies;
import io.keywarden.services.kms.KmsService;
import io.keywarden.services.policy.PolicyParser;
import io.keywarden.trust.ephemeral.EphemeralRootOfTrust;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/** Secrets Manager and the KMS it uses, over one storage, with IAM users and a clock the test moves. */
final class SecretsHarness implements AutoCloseable {
  static final String ACCOUNT = "111122223333";
  static final String REGION = "us-east-1";
  static final ObjectMapper JSON = new ObjectMapper();

  final Storage storage;
  final MovableClock clock = new MovableClock(Instant.parse("2026-03-01T10:00:00Z"));
  final Map<String, List<IdentityPolicies.NamedPolicy>> policies = new ConcurrentHashMap<>();
  final KmsService kms;
  final SecretsManagerService secrets;

  SecretsHarness(Storage storage) {
    this(storage, io.keywarden.services.audit.AuditTrail.none());
  }

  /** @param trail where the service records its KMS calls and its own work (deletions) */
  SecretsHarness(Storage storage, io.keywarden.services.audit.AuditTrail trail) {
    this.storage = storage;
    IdentityPolicies identities = new IdentityPolicies() {
      @Override
      public List<NamedPolicy> policiesOf(Principal p) {
        return policies.getOrDefault(p.arn(), List.of());
      }

      @Override
      public boolean exists(String arn) {
        return ROOTS_ONLY.exists(arn) || policies.containsKey(arn);
      }
    };
    this.kms = new KmsService(storage, new EphemeralRootOfTrust(), clock, identities);
    this.secrets = new SecretsManagerService(storage, kms, clock, identities, trail);
  }

  static Principal root() {
    return Principal.root(ACCOUNT, "AKIAROOT");
  }

  /** An IAM user of the account with one identity policy (or none). */
  Principal user(String name, String policyJson) {
    return user(ACCOUNT, name, policyJson);
  }

  /** An IAM user of {@code account} with one identity policy (or none). */
  Principal user(String account, String name, String policyJson) {
    IamUser u = new IamUser(account, name, "AIDA" + name.toUpperCase(), "/", Instant.EPOCH, List.of(),
        Map.of(), 1);
    try {
      policies.put(u.arn(), policyJson == null ? List.of() : List.of(new IdentityPolicies.NamedPolicy(
          "p", PolicyParser.parse(policyJson, PolicyParser.Kind.IDENTITY))));
    } catch (io.keywarden.services.policy.PolicyParseException e) {
      throw new IllegalArgumentException(e);
    }
    return Principal.user(u, "AKIA" + name.toUpperCase());
  }

  CallContext context(Principal p) {
    return context(p, REGION);
  }

  CallContext context(Principal p, String region) {
    return new CallContext(p, region, UUID.randomUUID().toString(), "127.0.0.1", "test", true,
        clock.instant());
  }

  /** A call made in {@code region} (a client configured with that region). */
  ObjectNode callIn(String region, String operation, String json) {
    return invoke(secrets, context(root(), region), operation, json);
  }

  /** A KMS call made in {@code region}. */
  ObjectNode kmsIn(String region, String operation, String json) {
    return invoke(kms, context(root(), region), operation, json);
  }

  /** The error an operation answers in {@code region}; fails if it succeeds. */
  ApiException errorIn(String region, String operation, String json) {
    try {
      ObjectNode out = callIn(region, operation, json);
      throw new AssertionError(operation + " succeeded: " + out);
    } catch (ApiException e) {
      return e;
    }
  }

  ObjectNode call(String operation, String json) {
    return call(root(), operation, json);
  }

  ObjectNode call(Principal p, String operation, String json) {
    return invoke(secrets, p, operation, json);
  }

  /** A call with a context the test keeps (to read its audit facts afterwards). */
  ObjectNode call(CallContext ctx, String operation, String json) {
    return invoke(secrets, ctx, operation, json);
  }

  ObjectNode kms(String operation, String json) {
    return invoke(kms, root(), operation, json);
  }

  /** A KMS call made as Secrets Manager makes it, on the root's behalf. */
  ObjectNode kmsViaSecretsManager(String operation, String json) {
    return invoke(kms, context(root()).onBehalfOf("secretsmanager"), operation, json);
  }

  private ObjectNode invoke(ApiService service, Principal p, String operation, String json) {
    return invoke(service, context(p), operation, json);
  }

  private ObjectNode invoke(ApiService service, CallContext ctx, String operation, String json) {
    try {
      ObjectNode in = (ObjectNode) JSON.readTree(json);
      return service.operations().get(operation).operation().invoke(ctx, in);
    } catch (java.io.IOException e) {
      throw new IllegalArgumentException(e);
    }
  }

  /** The error an operation answers; fails if it succeeds. */
  ApiException error(Principal p, String operation, String json) {
    try {
      ObjectNode out = call(p, operation, json);
      throw new AssertionError(operation + " succeeded: " + out);
    } catch (ApiException e) {
      return e;
    }
  }

  ApiException error(String operation, String json) {
    return error(root(), operation, json);
  }

  /** Asserts an error's code, and its message unless {@code message} is null. */
  static void assertError(String code, String message, ApiException e) {
    org.junit.jupiter.api.Assertions.assertEquals(code, e.code(), e.getMessage());
    if (message != null) {
      org.junit.jupiter.api.Assertions.assertEquals(message, e.getMessage());
    }
  }

  @Override
  public void close() {
    storage.close();
  }

  /** A clock the test moves. */
  static final class MovableClock extends Clock {
    private volatile Instant now;

    MovableClock(Instant start) {
      this.now = start;
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

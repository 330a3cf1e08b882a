package io.keywarden.services.kms;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.keywarden.domain.identity.Principal;
import io.keywarden.domain.identity.PrincipalType;
import io.keywarden.domain.policy.PolicyDocument;
import io.keywarden.domain.storage.Storage;
import io.keywarden.domain.trust.RootOfTrust;
import io.keywarden.services.api.ApiException;
import io.keywarden.services.api.CallContext;
import io.keywarden.services.identity.IdentityPolicies;
import io.keywarden.services.policy.PolicyParser;
import io.keywarden.storage.memory.MemoryStorage;
import io.keywarden.storage.sqlite.SqliteStorage;
import io.keywarden.trust.ephemeral.EphemeralRootOfTrust;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * A KMS over real storage (in memory, or SQLite in a directory) with several principals: account
 * roots, IAM users and role sessions that {@link Identities} knows, each with the identity policies a
 * test gives it.
 */
final class GrantFixture implements AutoCloseable {
  static final String ACCOUNT = "111122223333";
  static final String OTHER = "444455556666";
  static final String REGION = "us-east-1";
  static final ObjectMapper JSON = new ObjectMapper();

  final Storage storage;
  final RootOfTrust root = new EphemeralRootOfTrust();
  final KmsHarness.MutableClock clock =
      new KmsHarness.MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
  final Identities identities = new Identities();
  final KmsService kms;

  /** @param sqliteDir a directory for SQLite storage, or {@code null} for memory */
  GrantFixture(Path sqliteDir) {
    this.storage = sqliteDir == null ? new MemoryStorage() : SqliteStorage.open(sqliteDir);
    this.kms = new KmsService(storage, root, clock, identities);
  }

  @Override
  public void close() {
    storage.close();
  }

  ObjectNode call(Principal caller, String operation, String json) {
    try {
      ObjectNode in = (ObjectNode) JSON.readTree(json);
      CallContext ctx =
          new CallContext(caller, REGION, UUID.randomUUID().toString(), "127.0.0.1", "test", true,
              clock.instant());
      return kms.operations().get(operation).operation().invoke(ctx, in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  ApiException error(Principal caller, String operation, String json) {
    try {
      ObjectNode out = call(caller, operation, json);
      throw new AssertionError(operation + " succeeded: " + out);
    } catch (ApiException e) {
      return e;
    }
  }

  /** A symmetric encryption key of {@code account}, created by its root; its key id. */
  String createKey(String account) {
    return createKey(account, "{}");
  }

  String createKey(String account, String json) {
    return call(root(account), "CreateKey", json).get("KeyMetadata").get("KeyId").asText();
  }

  static String keyArn(String account, String keyId) {
    return "arn:aws:kms:" + REGION + ":" + account + ":key/" + keyId;
  }

  static Principal root(String account) {
    return Principal.root(account, "AKIA" + account);
  }

  static String userArn(String account, String name) {
    return "arn:aws:iam::" + account + ":user/" + name;
  }

  static String roleArn(String account, String name) {
    return "arn:aws:iam::" + account + ":role/" + name;
  }

  /** An IAM user (which {@link Identities} must know for grants to name it). */
  static Principal user(String account, String name) {
    return new Principal(PrincipalType.IAMUser, account, userArn(account, name), "AIDA" + name.toUpperCase(),
        "AKIA" + name.toUpperCase(), name, null, Map.of(), Set.of());
  }

  /** A session of an IAM role. */
  static Principal session(String account, String role, String session) {
    return new Principal(PrincipalType.AssumedRole, account,
        Principal.sessionArn(account, role, session), "AROA" + role.toUpperCase() + ":" + session,
        "ASIA" + session.toUpperCase(), null, roleArn(account, role), Map.of(), Set.of());
  }

  /** Users and roles by ARN, with identity policies; every account root exists. */
  static final class Identities implements IdentityPolicies {
    private final Set<String> known = new HashSet<>();
    private final Map<String, List<NamedPolicy>> policies = new HashMap<>();

    /** Makes a user or role exist, with the given identity policies (JSON). */
    Identities add(String arn, String... policyJson) {
      known.add(arn);
      List<NamedPolicy> list = policies.computeIfAbsent(arn, a -> new ArrayList<>());
      for (String json : policyJson) {
        try {
          PolicyDocument d = PolicyParser.parse(json, PolicyParser.Kind.IDENTITY);
          list.add(new NamedPolicy("policy-" + list.size(), d));
        } catch (Exception e) {
          throw new IllegalArgumentException(e);
        }
      }
      return this;
    }

    @Override
    public List<NamedPolicy> policiesOf(Principal principal) {
      String arn = principal.roleArn() != null ? principal.roleArn() : principal.arn();
      return policies.getOrDefault(arn, List.of());
    }

    @Override
    public boolean exists(String principalArn) {
      return known.contains(principalArn) || principalArn.matches("arn:aws:iam::\\d{12}:root");
    }
  }
}

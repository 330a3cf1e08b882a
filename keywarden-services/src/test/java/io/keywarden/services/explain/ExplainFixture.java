package io.keywarden.services.explain;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.keywarden.domain.identity.IamRole;
import io.keywarden.domain.identity.IamUser;
import io.keywarden.domain.identity.Principal;
import io.keywarden.domain.key.Tag;
import io.keywarden.services.api.ApiException;
import io.keywarden.services.api.CallContext;
import io.keywarden.services.identity.IdentityDirectory;
import io.keywarden.services.identity.TestClock;
import io.keywarden.services.kms.KmsService;
import io.keywarden.storage.memory.MemoryStorage;
import io.keywarden.trust.ephemeral.EphemeralRootOfTrust;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A KMS and the explain service over one in-memory storage and a real identity directory: users and
 * roles are stored and loaded as the server loads them; calls are made as any principal.
 */
final class ExplainFixture {
  static final String ACCOUNT = "111122223333";
  static final String OTHER = "444455556666";
  static final String REGION = "us-east-1";
  static final ObjectMapper JSON = new ObjectMapper();

  final MemoryStorage storage = new MemoryStorage();
  final TestClock clock = new TestClock(Instant.parse("2026-05-01T12:00:00Z"));
  final IdentityDirectory directory = new IdentityDirectory(storage.identities(), storage.settings());
  final KmsService kms = new KmsService(storage, new EphemeralRootOfTrust(), clock, directory);
  final ExplainService explain = new ExplainService(kms, directory);
  final Principal root = Principal.root(ACCOUNT, "AKIAROOT");
  final Principal otherRoot = Principal.root(OTHER, "AKIAOTHERROOT");
  private int ids;

  /** A user with inline policies (name → JSON) and tags (key, value, ...). */
  IamUser user(String account, String name, Map<String, String> policies, String... tags) {
    IamUser u = new IamUser(account, name, String.format("AIDA%017d", ++ids), "/",
        Instant.parse("2026-01-01T00:00:00Z"), tagList(tags), policies, 1);
    storage.identities().putUser(u);
    directory.changed();
    return u;
  }

  /** A role that its own account trusts, with inline policies and tags. */
  IamRole role(String account, String name, Map<String, String> policies, String... tags) {
    IamRole r = new IamRole(account, name, String.format("AROA%017d", ++ids), "/",
        Instant.parse("2026-01-01T00:00:00Z"),
        "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\""
            + account + "\"},\"Action\":\"sts:AssumeRole\"}]}",
        3600, tagList(tags), policies, 1);
    storage.identities().putRole(r);
    directory.changed();
    return r;
  }

  static Principal as(IamUser u) {
    return Principal.user(u, "AKIA" + u.userName().toUpperCase());
  }

  /** A session of {@code role}, its tags the role's overridden by {@code sessionTags}. */
  static Principal session(IamRole role, String name, Map<String, String> sessionTags) {
    Map<String, String> tags = new java.util.LinkedHashMap<>();
    role.tags().forEach(t -> tags.put(t.key(), t.value()));
    tags.putAll(sessionTags);
    return Principal.session(role, name, "ASIA" + name.toUpperCase(), tags, java.util.Set.of());
  }

  CallContext context(Principal p) {
    return new CallContext(p, REGION, UUID.randomUUID().toString(), "10.1.2.3", "test", true,
        clock.instant());
  }

  /** A KMS operation as {@code p}. */
  ObjectNode kms(Principal p, String operation, String json) {
    return kms(context(p), operation, json);
  }

  ObjectNode kms(CallContext ctx, String operation, String json) {
    return kms.operations().get(operation).operation().invoke(ctx, parse(json));
  }

  /** ExplainKeyAccess as {@code caller}. */
  ObjectNode explain(Principal caller, String json) {
    return explain.operations().get("ExplainKeyAccess").operation().invoke(context(caller), parse(json));
  }

  /** The error ExplainKeyAccess answers {@code caller}; fails if it succeeds. */
  ApiException explainError(Principal caller, String json) {
    try {
      throw new AssertionError("ExplainKeyAccess succeeded: " + explain(caller, json));
    } catch (ApiException e) {
      return e;
    }
  }

  /** The AccessDeniedException message of an explain call. */
  String explainDenied(Principal caller, String json) {
    ApiException e = explainError(caller, json);
    assertEquals("AccessDeniedException", e.code(), e.getMessage());
    return e.getMessage();
  }

  /** Creates a key in {@code account} (as its root) with {@code policy}; its id. */
  String key(String account, String policy) {
    Principal owner = account.equals(ACCOUNT) ? root : otherRoot;
    return kms(owner, "CreateKey", obj("Policy", policy, "BypassPolicyLockoutSafetyCheck", true))
        .get("KeyMetadata").get("KeyId").asText();
  }

  static String arn(String account, String keyId) {
    return "arn:aws:kms:" + REGION + ":" + account + ":key/" + keyId;
  }

  /** A JSON object of member, value pairs (String, Boolean, Map of strings, List of strings). */
  static String obj(Object... kv) {
    ObjectNode o = JSON.createObjectNode();
    for (int i = 0; i < kv.length; i += 2) {
      String k = (String) kv[i];
      Object v = kv[i + 1];
      if (v instanceof String s) {
        o.put(k, s);
      } else if (v instanceof Boolean b) {
        o.put(k, b);
      } else if (v instanceof Map<?, ?> m) {
        ObjectNode c = o.putObject(k);
        m.forEach((a, b) -> {
          if (b instanceof List<?> l) {
            var arr = c.putArray((String) a);
            l.forEach(x -> arr.add((String) x));
          } else {
            c.put((String) a, (String) b);
          }
        });
      } else if (v instanceof List<?> l) {
        var arr = o.putArray(k);
        l.forEach(x -> arr.add((String) x));
      } else if (v != null) {
        throw new IllegalArgumentException(k + ": " + v);
      }
    }
    return o.toString();
  }

  static String policy(String... statements) {
    return "{\"Version\":\"2012-10-17\",\"Statement\":[" + String.join(",", statements) + "]}";
  }

  /** The default key policy's statement for an account. */
  static String rootStatement(String account) {
    return "{\"Sid\":\"Enable IAM User Permissions\",\"Effect\":\"Allow\",\"Principal\":{\"AWS\":"
        + "\"arn:aws:iam::" + account + ":root\"},\"Action\":\"kms:*\",\"Resource\":\"*\"}";
  }

  /** A key policy statement. */
  static String statement(String sid, String effect, String principalArn, String actions, String condition) {
    return "{\"Sid\":\"" + sid + "\",\"Effect\":\"" + effect + "\",\"Principal\":{\"AWS\":\"" + principalArn
        + "\"},\"Action\":" + actions + ",\"Resource\":\"*\""
        + (condition == null ? "" : ",\"Condition\":" + condition) + "}";
  }

  /** An identity policy of one statement. */
  static String iam(String effect, String actions, String condition) {
    return policy("{\"Effect\":\"" + effect + "\",\"Action\":" + actions + ",\"Resource\":\"*\""
        + (condition == null ? "" : ",\"Condition\":" + condition) + "}");
  }

  static String b64(String s) {
    return Base64.getEncoder().encodeToString(s.getBytes(java.nio.charset.StandardCharsets.UTF_8));
  }

  private static List<Tag> tagList(String... kv) {
    List<Tag> out = new ArrayList<>();
    for (int i = 0; i < kv.length; i += 2) {
      out.add(new Tag(kv[i], kv[i + 1]));
    }
    return out;
  }

  private static ObjectNode parse(String json) {
    try {
      return (ObjectNode) JSON.readTree(json);
    } catch (IOException e) {
      throw new IllegalArgumentException(e);
    }
  }
}

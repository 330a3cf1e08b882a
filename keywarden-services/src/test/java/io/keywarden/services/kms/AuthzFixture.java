package io.keywarden.services.kms;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.keywarden.domain.identity.Principal;
import io.keywarden.services.api.ApiException;
import java.util.List;
import java.util.Map;

/** A KMS with test identities and grants, and helpers to call it as several principals. */
final class AuthzFixture {
  static final String ACCOUNT = KmsHarness.ACCOUNT;
  static final String OTHER = "444455556666";
  static final String ROOT_ARN = "arn:aws:iam::" + ACCOUNT + ":root";

  final TestIdentities ids = new TestIdentities();
  final TestGrants grants = new TestGrants();
  final KmsHarness h = new KmsHarness(ids, grants);
  final Principal root = Principal.root(ACCOUNT, "AKIAROOT");

  /** A request body: pairs of member name and value (String, Boolean, Integer, Map, List of tags). */
  static String req(Object... kv) {
    ObjectNode o = KmsHarness.JSON.createObjectNode();
    for (int i = 0; i < kv.length; i += 2) {
      String k = (String) kv[i];
      Object v = kv[i + 1];
      if (v instanceof String s) {
        o.put(k, s);
      } else if (v instanceof Boolean b) {
        o.put(k, b);
      } else if (v instanceof Integer n) {
        o.put(k, n);
      } else if (v instanceof Map<?, ?> m) {
        ObjectNode c = o.putObject(k);
        m.forEach((a, b) -> c.put((String) a, (String) b));
      } else if (v instanceof List<?> l) {
        var arr = o.putArray(k);
        for (Object e : l) {
          if (e instanceof String[] tag) {
            arr.addObject().put("TagKey", tag[0]).put("TagValue", tag[1]);
          } else {
            arr.add((String) e);
          }
        }
      }
    }
    return o.toString();
  }

  /** A Tags member's value: key, value, key, value... */
  static List<Object> tags(String... kv) {
    List<Object> out = new java.util.ArrayList<>();
    for (int i = 0; i < kv.length; i += 2) {
      out.add(new String[] {kv[i], kv[i + 1]});
    }
    return out;
  }

  /** A policy document from statements. */
  static String policy(String... statements) {
    return "{\"Version\":\"2012-10-17\",\"Statement\":[" + String.join(",", statements) + "]}";
  }

  /** The default key policy's root statement. */
  static String rootStatement(String account) {
    return "{\"Sid\":\"Enable IAM User Permissions\",\"Effect\":\"Allow\",\"Principal\":{\"AWS\":"
        + "\"arn:aws:iam::" + account + ":root\"},\"Action\":\"kms:*\",\"Resource\":\"*\"}";
  }

  static String allow(String principal, String actions, String condition) {
    return statement("Allow", principal, actions, condition);
  }

  static String statement(String effect, String principal, String actions, String condition) {
    return "{\"Effect\":\"" + effect + "\",\"Principal\":{\"AWS\":" + principal + "},\"Action\":"
        + actions + ",\"Resource\":\"*\"" + (condition == null ? "" : ",\"Condition\":" + condition)
        + "}";
  }

  /** An identity policy statement. */
  static String iam(String effect, String actions, String resource, String condition) {
    return "{\"Effect\":\"" + effect + "\",\"Action\":" + actions + ",\"Resource\":\"" + resource
        + "\"" + (condition == null ? "" : ",\"Condition\":" + condition) + "}";
  }

  static String q(String s) {
    return "\"" + s + "\"";
  }

  /** Creates a key as the root with {@code policy} (bypassing the lockout check); its id. */
  String key(String policy) {
    return h.call(root, KmsHarness.REGION, "CreateKey",
            req("Policy", policy, "BypassPolicyLockoutSafetyCheck", true))
        .get("KeyMetadata").get("KeyId").asText();
  }

  String encryptAsRoot(String keyId, Map<String, String> context) {
    return h.call(root, KmsHarness.REGION, "Encrypt",
            req("KeyId", keyId, "Plaintext", KmsHarness.b64("secret"), "EncryptionContext", context))
        .get("CiphertextBlob").asText();
  }

  ObjectNode as(Principal p, String op, String json) {
    return h.call(p, KmsHarness.REGION, op, json);
  }

  /** The AccessDeniedException message {@code p} gets; fails on any other outcome. */
  String denied(Principal p, String op, String json) {
    ApiException e = h.error(p, op, json);
    assertEquals("AccessDeniedException", e.code(), e.getMessage());
    return e.getMessage();
  }

  static String noResourcePolicy(Principal p, String action, String resource) {
    return "User: " + p.arn() + " is not authorized to perform: kms:" + action + " on resource: "
        + resource + " because no resource-based policy allows the kms:" + action + " action";
  }

  static String noIdentityPolicy(Principal p, String action, String resource) {
    return "User: " + p.arn() + " is not authorized to perform: kms:" + action + " on resource: "
        + resource + " because no identity-based policy allows the kms:" + action + " action";
  }

  static String explicitDeny(Principal p, String action, String resource, String kind) {
    return "User: " + p.arn() + " is not authorized to perform: kms:" + action + " on resource: "
        + resource + " with an explicit deny in " + kind + " policy";
  }

  static String arn(String keyId) {
    return KmsHarness.arn(keyId);
  }
}

package io.keywarden.services.explain;

import static io.keywarden.services.api.JsonInput.string;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.keywarden.domain.identity.Principal;
import io.keywarden.services.api.AuditResource;
import io.keywarden.services.api.CallContext;
import io.keywarden.services.api.JsonInput;
import io.keywarden.services.api.JsonOutput;
import io.keywarden.services.identity.IdentityDirectory;
import io.keywarden.services.kms.AccessQuestion;
import io.keywarden.services.kms.KmsService;
import io.keywarden.services.kms.KmsService.Explanation;
import io.keywarden.services.kms.access.AccessRequest;
import io.keywarden.services.kms.access.Decision;
import io.keywarden.services.kms.access.Decision.Basis;
import io.keywarden.services.kms.access.GlobalConditionKeys;
import io.keywarden.services.kms.access.KeyAuthorizer;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * ExplainKeyAccess: may a principal perform a KMS action on a key, in a request context, and what
 * decided?
 *
 * <p>Steps: the input is checked (a KMS action Keywarden implements; a {@code KeyId} for every action
 * but CreateKey, ListKeys, ListAliases and GenerateRandom, which have none); a principal of another
 * account may be explained only on a key of the caller's account named by key or alias ARN — the only
 * way that principal could name it; the principal is built from its ARN ({@link ExplainedPrincipals});
 * {@link KmsService#explain} finds the key and decides as for a real request of that principal (same
 * region, time and user agent as this call; source address and TLS as given, else this call's); then
 * the caller must be allowed {@code keywarden:ExplainKeyAccess} on the key ARN (or {@code *}) by its
 * IAM policies (the account root always is). As for KMS's own operations, a key that does not exist
 * is reported before permissions are checked.
 *
 * <p>Key policy statements of a key of another account are shown without their position or Sid: that
 * policy is not the caller's to read.
 */
final class ExplainKeyAccess {
  /** Actions whose resource is {@code *}: IAM policies alone decide, and no key is named. */
  static final Set<String> KEYLESS = Set.of("CreateKey", "ListKeys", "ListAliases", "GenerateRandom");

  private static final Pattern KMS_ARN =
      Pattern.compile("arn:aws:kms:([^:]+):(\\d{12}):(key|alias)/.+");
  private static final Pattern ACTION = Pattern.compile("(?:kms:)?([A-Za-z]+)");
  private static final Pattern IPV4 =
      Pattern.compile("((25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)\\.){3}(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)");
  private static final Pattern IPV6_CHARS = Pattern.compile("[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*");

  private final KmsService kms;
  private final ExplainedPrincipals principals;
  private final KeyAuthorizer authorizer;
  private final Set<String> actions;

  ExplainKeyAccess(KmsService kms, IdentityDirectory directory) {
    this.kms = kms;
    this.principals = new ExplainedPrincipals(directory);
    this.authorizer = new KeyAuthorizer(directory);
    Set<String> known = new HashSet<>(kms.operations().keySet());
    // ReEncrypt is authorised as two actions; ListRetirableGrants on a principal, not on a key.
    known.remove("ReEncrypt");
    known.remove("ListRetirableGrants");
    known.add("ReEncryptFrom");
    known.add("ReEncryptTo");
    this.actions = Set.copyOf(known);
  }

  ObjectNode invoke(CallContext call, ObjectNode in) {
    String principalArn = string(in, "PrincipalArn");
    String operation = operation(string(in, "Action"));
    String keyId = string(in, "KeyId");
    if (KEYLESS.contains(operation) && keyId != null) {
      throw ExplainErrors.validation("kms:" + operation + " has no key: omit KeyId");
    }
    if (!KEYLESS.contains(operation) && keyId == null) {
      throw ExplainErrors.validation("kms:" + operation + " is authorised on a key: give KeyId");
    }
    String principalAccount = ExplainedPrincipals.accountOf(principalArn);
    if (principalAccount != null && !principalAccount.equals(call.accountId())) {
      checkForeignPrincipalsKey(call, keyId);
    }
    Principal principal =
        principals.resolve(principalArn, string(in, "RoleSessionName"), JsonInput.stringMap(in, "SessionTags"));

    CallContext asked =
        new CallContext(
            principal,
            call.region(),
            call.requestId(),
            sourceIp(call, string(in, "SourceIp")),
            call.userAgent(),
            JsonInput.has(in, "SecureTransport") ? JsonInput.isTrue(in, "SecureTransport") : call.secureTransport(),
            call.receivedAt(),
            viaService(call, string(in, "ViaService")));
    Explanation e =
        kms.explain(
            asked,
            new AccessQuestion(
                keyId,
                "kms:" + operation,
                JsonInput.stringMap(in, "EncryptionContext"),
                contextKeys(in),
                JsonInput.stringList(in, "GrantTokens")));

    String keyAccount = keyAccount(e.resource());
    if (keyAccount != null) {
      call.audit().resource(AuditResource.kmsKey(e.resource(), keyAccount));
    }
    authorizer.check(
        AccessRequest.identityOnly(
            call, ExplainService.ACTION, e.resource(), k -> GlobalConditionKeys.values(call, k)));
    return output(e, principal, keyAccount != null && !keyAccount.equals(call.accountId()));
  }

  /** {@code kms:Decrypt} or {@code Decrypt} → {@code Decrypt}, if Keywarden implements it. */
  private String operation(String action) {
    Matcher m = ACTION.matcher(action);
    if (!m.matches() || !actions.contains(m.group(1))) {
      throw ExplainErrors.validation(
          "Action must be a KMS action that Keywarden implements, such as kms:Decrypt: " + action);
    }
    return m.group(1);
  }

  /**
   * A principal of another account names the caller's key by key ARN or alias ARN; anything else would
   * name a key of its own account, which is not the caller's to explain.
   */
  private static void checkForeignPrincipalsKey(CallContext call, String keyId) {
    Matcher m = keyId == null ? null : KMS_ARN.matcher(keyId);
    if (m == null || !m.matches() || !m.group(2).equals(call.accountId())) {
      throw ExplainErrors.accessDenied(
          call.principal().arn(),
          keyId == null ? "*" : keyId,
          "a principal of another account can be explained only on a key of the caller's account,"
              + " named by key ARN or alias ARN");
    }
  }

  private static String sourceIp(CallContext call, String given) {
    if (given == null) {
      return call.sourceIp();
    }
    boolean valid = IPV4.matcher(given).matches();
    if (!valid && given.length() <= 45 && IPV6_CHARS.matcher(given).matches()) {
      try {
        // In brackets, InetAddress parses an IPv6 literal and never looks a name up.
        java.net.InetAddress.getByName("[" + given + "]");
        valid = true;
      } catch (java.net.UnknownHostException e) {
        valid = false;
      }
    }
    if (!valid) {
      throw ExplainErrors.validation("SourceIp must be an IPv4 or IPv6 address: " + given);
    }
    return given;
  }

  /** {@code secretsmanager} → {@code secretsmanager.<region>.amazonaws.com}; a full name as given. */
  private static String viaService(CallContext call, String given) {
    if (given == null || given.isEmpty()) {
      return null;
    }
    return given.indexOf('.') < 0 ? given + "." + call.region() + ".amazonaws.com" : given;
  }

  private static Map<String, List<String>> contextKeys(ObjectNode in) {
    JsonNode n = in.get("ContextKeys");
    if (n == null || !n.isObject()) {
      return Map.of();
    }
    Map<String, List<String>> out = new LinkedHashMap<>();
    n.fields()
        .forEachRemaining(
            e -> {
              List<String> values = new ArrayList<>();
              if (e.getValue().isArray()) {
                e.getValue().forEach(v -> values.add(v.asText()));
              } else {
                values.add(e.getValue().asText());
              }
              out.put(e.getKey(), List.copyOf(values));
            });
    return out;
  }

  /** The account of a key ARN, or {@code null} for {@code *}. */
  private static String keyAccount(String resource) {
    Matcher m = KMS_ARN.matcher(resource);
    return m.matches() ? m.group(2) : null;
  }

  private static ObjectNode output(Explanation e, Principal principal, boolean foreignKey) {
    Decision d = e.decision();
    ObjectNode out = JsonOutput.object();
    out.put("Decision", d.allowed() ? "Allowed" : "Denied");
    out.put("Outcome", d.outcome().name());
    JsonOutput.string(out, "Message", e.deniedMessage());
    out.put("Action", e.action());
    if (!"*".equals(e.resource())) {
      out.put("KeyArn", e.resource());
    }
    out.put("EvaluatedPrincipal", principal.arn());
    JsonOutput.string(out, "GrantId", d.grantId());
    ArrayNode basis = out.putArray("Basis");
    for (Basis b : d.basis()) {
      boolean hidden = foreignKey && b.source().equals("key policy");
      ObjectNode o = basis.addObject();
      o.put("Source", hidden ? "key policy of the key's account" : b.source());
      if (b.statement() >= 0 && !hidden) {
        o.put("StatementIndex", b.statement());
      }
      if (!hidden) {
        JsonOutput.string(o, "Sid", b.sid());
      }
      o.put("Effect", b.effect().name());
      JsonOutput.string(o, "Note", b.note());
    }
    return out;
  }
}

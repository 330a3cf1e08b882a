package io.keywarden.services.policy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.keywarden.domain.policy.Condition;
import io.keywarden.domain.policy.ConditionOperator;
import io.keywarden.domain.policy.Effect;
import io.keywarden.domain.policy.PolicyDocument;
import io.keywarden.domain.policy.PrincipalBlock;
import io.keywarden.domain.policy.Statement;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Parses IAM policy JSON (the grammar of the IAM User Guide's "IAM JSON policy elements reference").
 * Resource policies (key policies) need a Principal in each statement, and may leave out Action (such
 * a statement allows and denies nothing, as AWS KMS treats it); identity policies must not have
 * one; trust policies need a Principal and no Resource.
 */
public final class PolicyParser {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Set<String> TOP = Set.of("Version", "Id", "Statement");
  private static final Set<String> STATEMENT =
      Set.of("Sid", "Effect", "Principal", "NotPrincipal", "Action", "NotAction", "Resource",
          "NotResource", "Condition");
  private static final Set<String> PRINCIPAL_TYPES = Set.of("AWS", "Service", "Federated", "CanonicalUser");

  /** What kind of policy a document is. */
  public enum Kind {
    RESOURCE,
    IDENTITY,
    TRUST
  }

  private PolicyParser() {}

  public static PolicyDocument parse(String json, Kind kind) throws PolicyParseException {
    JsonNode doc;
    try {
      doc = JSON.readTree(json);
    } catch (JsonProcessingException e) {
      throw new PolicyParseException("The policy is not valid JSON.");
    }
    if (doc == null || !doc.isObject()) {
      throw new PolicyParseException("The policy is not valid JSON.");
    }
    for (Iterator<String> it = doc.fieldNames(); it.hasNext(); ) {
      String f = it.next();
      if (!TOP.contains(f)) {
        throw new PolicyParseException("Policy document contains an unknown element: " + f);
      }
    }
    String version = text(doc, "Version");
    if (version != null && !version.equals("2012-10-17") && !version.equals("2008-10-17")) {
      throw new PolicyParseException("The policy document version " + version + " is not supported.");
    }
    JsonNode statements = doc.get("Statement");
    if (statements == null || !(statements.isArray() || statements.isObject())) {
      throw new PolicyParseException("Policy is missing required element - Statement");
    }
    List<Statement> out = new ArrayList<>();
    if (statements.isObject()) {
      out.add(statement(0, statements, kind));
    } else {
      int i = 0;
      for (JsonNode s : statements) {
        out.add(statement(i++, s, kind));
      }
    }
    return new PolicyDocument(version, text(doc, "Id"), out);
  }

  private static Statement statement(int index, JsonNode s, Kind kind) throws PolicyParseException {
    if (!s.isObject()) {
      throw new PolicyParseException("Policy statement must be a JSON object.");
    }
    for (Iterator<String> it = s.fieldNames(); it.hasNext(); ) {
      String f = it.next();
      if (!STATEMENT.contains(f)) {
        throw new PolicyParseException("Policy statement contains an unknown element: " + f);
      }
    }
    String effect = text(s, "Effect");
    if (!"Allow".equals(effect) && !"Deny".equals(effect)) {
      throw new PolicyParseException("Policy statement must have an Effect of Allow or Deny.");
    }
    PrincipalBlock principal = s.has("Principal") ? principal(s.get("Principal")) : null;
    PrincipalBlock notPrincipal = s.has("NotPrincipal") ? principal(s.get("NotPrincipal")) : null;
    if (principal != null && notPrincipal != null) {
      throw new PolicyParseException("Policy statement cannot contain both Principal and NotPrincipal.");
    }
    boolean hasPrincipal = principal != null || notPrincipal != null;
    if (kind == Kind.IDENTITY && hasPrincipal) {
      throw new PolicyParseException("Policy document should not specify a principal.");
    }
    if (kind != Kind.IDENTITY && !hasPrincipal) {
      throw new PolicyParseException("Policy statement must contain a Principal.");
    }
    List<String> actions = strings(s, "Action");
    List<String> notActions = strings(s, "NotAction");
    if (actions != null && notActions != null) {
      throw new PolicyParseException("Policy statement must contain exactly one of Action and NotAction.");
    }
    if (actions == null && notActions == null) {
      // AWS accepts a key policy statement without Action (PutKeyPolicy: "the policy statement has no
      // effect"); other policies need one.
      if (kind != Kind.RESOURCE) {
        throw new PolicyParseException("Policy statement must contain exactly one of Action and NotAction.");
      }
      actions = List.of();
    }
    for (String a : actions != null ? actions : notActions) {
      if (!a.equals("*") && a.indexOf(':') <= 0) {
        throw new PolicyParseException("Policy statement contains an invalid action: " + a);
      }
    }
    List<String> resources = strings(s, "Resource");
    List<String> notResources = strings(s, "NotResource");
    if (resources != null && notResources != null) {
      throw new PolicyParseException("Policy statement cannot contain both Resource and NotResource.");
    }
    if (kind == Kind.IDENTITY && resources == null && notResources == null) {
      throw new PolicyParseException("Policy statement must contain resources.");
    }
    List<Condition> conditions = conditions(s.get("Condition"));
    return new Statement(
        index,
        text(s, "Sid"),
        Effect.valueOf(effect),
        principal,
        notPrincipal,
        actions,
        notActions,
        resources,
        notResources,
        conditions);
  }

  private static PrincipalBlock principal(JsonNode p) throws PolicyParseException {
    if (p.isTextual()) {
      if (p.asText().equals("*")) {
        return PrincipalBlock.anyone();
      }
      throw invalidPrincipals();
    }
    if (!p.isObject() || p.size() == 0) {
      throw invalidPrincipals();
    }
    Map<String, List<String>> byType = new LinkedHashMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = p.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      if (!PRINCIPAL_TYPES.contains(e.getKey())) {
        throw invalidPrincipals();
      }
      List<String> values = stringList(e.getValue());
      if (values == null || values.isEmpty()) {
        throw invalidPrincipals();
      }
      for (String v : values) {
        if (e.getKey().equals("AWS") && !validAwsPrincipal(v)) {
          throw invalidPrincipals();
        }
      }
      byType.put(e.getKey(), values);
    }
    return new PrincipalBlock(false, byType);
  }

  /** {@code *}, a 12-digit account id, or an IAM / STS ARN. */
  private static boolean validAwsPrincipal(String v) {
    return v.equals("*")
        || v.matches("\\d{12}")
        || v.matches("arn:aws[a-z-]*:(iam|sts)::\\d{12}:(root|user/.+|role/.+|assumed-role/.+/.+|federated-user/.+)");
  }

  /** AWS KMS's message for a principal it cannot use. */
  private static PolicyParseException invalidPrincipals() {
    return new PolicyParseException("Policy contains a statement with one or more invalid principals.");
  }

  private static List<Condition> conditions(JsonNode c) throws PolicyParseException {
    List<Condition> out = new ArrayList<>();
    if (c == null || c.isNull()) {
      return out;
    }
    if (!c.isObject()) {
      throw new PolicyParseException("Policy statement has an invalid Condition block.");
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = c.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> op = it.next();
      String name = op.getKey();
      Condition.SetQualifier qualifier = Condition.SetQualifier.NONE;
      if (name.startsWith("ForAllValues:")) {
        qualifier = Condition.SetQualifier.FOR_ALL_VALUES;
        name = name.substring("ForAllValues:".length());
      } else if (name.startsWith("ForAnyValue:")) {
        qualifier = Condition.SetQualifier.FOR_ANY_VALUE;
        name = name.substring("ForAnyValue:".length());
      }
      boolean ifExists = name.endsWith("IfExists") && !name.equals("IfExists");
      if (ifExists) {
        name = name.substring(0, name.length() - "IfExists".length());
      }
      ConditionOperator operator =
          ConditionOperator.named(name)
              .orElseThrow(() -> new PolicyParseException("Policy contains an invalid condition operator: " + op.getKey()));
      if (operator == ConditionOperator.Null && ifExists) {
        throw new PolicyParseException("Policy contains an invalid condition operator: " + op.getKey());
      }
      if (!op.getValue().isObject() || op.getValue().size() == 0) {
        throw new PolicyParseException("Policy statement has an invalid Condition block.");
      }
      for (Iterator<Map.Entry<String, JsonNode>> keys = op.getValue().fields(); keys.hasNext(); ) {
        Map.Entry<String, JsonNode> k = keys.next();
        List<String> values = stringList(k.getValue());
        if (values == null || values.isEmpty()) {
          throw new PolicyParseException("Condition " + op.getKey() + " for " + k.getKey() + " has no values.");
        }
        for (String v : values) {
          if (!operator.acceptsPolicyValue(v)) {
            throw new PolicyParseException(
                "Condition " + op.getKey() + " for " + k.getKey() + " has an invalid value: " + v);
          }
        }
        out.add(new Condition(operator, qualifier, ifExists, k.getKey(), values));
      }
    }
    return out;
  }

  private static List<String> strings(JsonNode s, String field) throws PolicyParseException {
    JsonNode n = s.get(field);
    if (n == null) {
      return null;
    }
    List<String> values = stringList(n);
    if (values == null || values.isEmpty()) {
      throw new PolicyParseException("Policy statement element " + field + " must be a string or a list of strings.");
    }
    return values;
  }

  /** A string, number or boolean, or a list of them, as strings; {@code null} otherwise. */
  private static List<String> stringList(JsonNode n) {
    List<String> out = new ArrayList<>();
    if (n.isValueNode() && !n.isNull()) {
      out.add(n.asText());
      return out;
    }
    if (!n.isArray()) {
      return null;
    }
    for (JsonNode e : n) {
      if (!e.isValueNode() || e.isNull()) {
        return null;
      }
      out.add(e.asText());
    }
    return out;
  }

  private static String text(JsonNode n, String field) {
    JsonNode v = n.get(field);
    return v == null || !v.isTextual() ? null : v.asText();
  }
}

package io.keywarden.services.secrets;

import io.keywarden.domain.policy.Condition;
import io.keywarden.domain.policy.Effect;
import io.keywarden.domain.policy.PolicyDocument;
import io.keywarden.domain.policy.Statement;
import io.keywarden.services.policy.PolicyParseException;
import io.keywarden.services.policy.PolicyParser;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Secrets' resource policies: parsed once per text (as IAM resource policies), and checked for public
 * access as {@code BlockPublicPolicy} does: an Allow statement whose principal is everyone ({@code "*"}
 * or {@code {"AWS": "*"}}) without a condition that narrows the callers to accounts, principals,
 * organisations, sources or networks grants public access.
 */
final class ResourcePolicies {
  private static final int CACHE_LIMIT = 1024;
  /** Condition keys that narrow who may call, lower-cased. */
  private static final Set<String> NARROWING = Set.of("aws:principalaccount", "aws:principalarn",
      "aws:principalorgid", "aws:principalorgpaths", "aws:sourceaccount", "aws:sourcearn",
      "aws:sourceowner", "aws:sourceip", "aws:sourcevpc", "aws:sourcevpce", "aws:userid",
      "aws:username", "aws:calledvia", "aws:calledviafirst", "aws:calledvialast");

  private static final Map<String, PolicyDocument> PARSED = new ConcurrentHashMap<>();

  private ResourcePolicies() {}

  /** The parsed policy, or {@code null} if the stored text does not parse (it then allows nothing). */
  static PolicyDocument parsed(String text) {
    PolicyDocument cached = PARSED.get(text);
    if (cached != null) {
      return cached;
    }
    try {
      PolicyDocument doc = PolicyParser.parse(text, PolicyParser.Kind.RESOURCE);
      if (PARSED.size() >= CACHE_LIMIT) {
        PARSED.clear();
      }
      PARSED.put(text, doc);
      return doc;
    } catch (PolicyParseException e) {
      return null;
    }
  }

  /** Parses a policy given to PutResourcePolicy or ValidateResourcePolicy. */
  static PolicyDocument parse(String text) throws PolicyParseException {
    return PolicyParser.parse(text, PolicyParser.Kind.RESOURCE);
  }

  /** Whether the policy grants public access. */
  static boolean isPublic(PolicyDocument doc) {
    for (Statement s : doc.statements()) {
      if (s.effect() != Effect.Allow || s.principal() == null) {
        continue;
      }
      boolean everyone = s.principal().wildcard() || s.principal().of("AWS").contains("*");
      if (everyone && !narrowed(s.conditions())) {
        return true;
      }
    }
    return false;
  }

  private static boolean narrowed(List<Condition> conditions) {
    for (Condition c : conditions) {
      if (NARROWING.contains(c.key().toLowerCase(Locale.ROOT))
          && c.values().stream().noneMatch(v -> v.contains("*"))) {
        return true;
      }
    }
    return false;
  }
}

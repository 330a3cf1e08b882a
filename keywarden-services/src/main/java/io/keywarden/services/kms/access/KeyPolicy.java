package io.keywarden.services.kms.access;

import io.keywarden.domain.policy.CompiledPolicy;
import io.keywarden.domain.policy.PolicyDocument;
import io.keywarden.domain.policy.Statement;
import io.keywarden.services.policy.PolicyParseException;
import io.keywarden.services.policy.PolicyParser;
import java.util.ArrayList;
import java.util.List;

/**
 * A key's policy, parsed and compiled once when the key is loaded or its policy changes, never per
 * request.
 *
 * <p>AWS: "If either of the required Resource or Action elements are missing from a key policy
 * statement, the policy statement has no effect" (PutKeyPolicy). Such statements are left out of
 * {@link #document()}; the others keep their positions for explanations.
 *
 * <p>A stored policy that no longer parses (one accepted by an earlier Keywarden that did not evaluate
 * policies) allows nothing: authorisation fails closed.
 */
public final class KeyPolicy {
  private final PolicyDocument document;
  private final CompiledPolicy compiled;
  private final String error;

  private KeyPolicy(PolicyDocument document, String error) {
    this.document = document;
    this.compiled = document == null ? null : CompiledPolicy.of(document);
    this.error = error;
  }

  /** Parses a stored key policy; never throws. */
  public static KeyPolicy of(String json) {
    try {
      return new KeyPolicy(effective(PolicyParser.parse(json, PolicyParser.Kind.RESOURCE)), null);
    } catch (PolicyParseException e) {
      return new KeyPolicy(null, e.getMessage());
    }
  }

  /** The policy's effective statements, or {@code null} if it does not parse. */
  public PolicyDocument document() {
    return document;
  }

  /** {@link #document()} prepared for the data plane, or {@code null} if the policy does not parse. */
  public CompiledPolicy compiled() {
    return compiled;
  }

  /** Why the stored policy does not parse, or {@code null}. */
  public String error() {
    return error;
  }

  private static PolicyDocument effective(PolicyDocument parsed) {
    List<Statement> kept = new ArrayList<>(parsed.statements().size());
    for (Statement s : parsed.statements()) {
      if (s.resources() != null || s.notResources() != null) {
        kept.add(s);
      }
    }
    return kept.size() == parsed.statements().size()
        ? parsed
        : new PolicyDocument(parsed.version(), parsed.id(), kept);
  }
}

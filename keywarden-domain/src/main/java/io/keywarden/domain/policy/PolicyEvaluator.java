package io.keywarden.domain.policy;

import java.util.ArrayList;
import java.util.List;

/**
 * Evaluates one policy document against a request: which statements apply (principal, action,
 * resource and every condition match). Combining documents (explicit deny wins, resource and identity
 * policies, grants) is the caller's: see the services.
 */
public final class PolicyEvaluator {
  private PolicyEvaluator() {}

  /** The statements of {@code document} that apply to {@code request}, in document order. */
  public static List<StatementMatch> matches(PolicyDocument document, RequestContext request) {
    List<StatementMatch> out = new ArrayList<>(2);
    boolean variables = document.variablesEnabled();
    for (Statement s : document.statements()) {
      PrincipalMatch principal = principal(s, request.caller());
      if (!principal.matched()) {
        continue;
      }
      if (!action(s, request.action())) {
        continue;
      }
      if (!resource(s, request, variables)) {
        continue;
      }
      if (!conditions(s, request, variables)) {
        continue;
      }
      out.add(new StatementMatch(s.index(), s.sid(), s.effect(), principal));
    }
    return out;
  }

  static PrincipalMatch principal(Statement s, Caller caller) {
    if (s.principal() != null) {
      return Principals.match(s.principal(), caller);
    }
    if (s.notPrincipal() != null) {
      return Principals.match(s.notPrincipal(), caller).matched() ? PrincipalMatch.NONE : PrincipalMatch.EVERYONE;
    }
    return PrincipalMatch.NOT_APPLICABLE;
  }

  static boolean action(Statement s, String action) {
    if (s.actions() != null) {
      return anyActionMatches(s.actions(), action);
    }
    return !anyActionMatches(s.notActions(), action);
  }

  private static boolean anyActionMatches(List<String> patterns, String action) {
    for (String p : patterns) {
      if (Wildcards.matches(p, action, true)) {
        return true;
      }
    }
    return false;
  }

  static boolean resource(Statement s, RequestContext request, boolean variables) {
    if (s.resources() == null && s.notResources() == null) {
      return true; // a resource policy statement may omit Resource only where the parser allowed it
    }
    boolean any = false;
    for (String p : s.resources() != null ? s.resources() : s.notResources()) {
      if (resourceMatches(p, request, variables)) {
        any = true;
        break;
      }
    }
    return s.resources() != null ? any : !any;
  }

  private static boolean resourceMatches(String pattern, RequestContext request, boolean variables) {
    if (!variables) {
      return Wildcards.arnMatches(pattern, null, request.resource());
    }
    PolicyVariables.Substituted s = PolicyVariables.substitute(pattern, request);
    return s != null && Wildcards.arnMatches(s.value(), s.literal(), request.resource());
  }

  static boolean conditions(Statement s, RequestContext request, boolean variables) {
    for (Condition c : s.conditions()) {
      if (!ConditionEvaluation.holds(c, request, variables)) {
        return false;
      }
    }
    return true;
  }
}

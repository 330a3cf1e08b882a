package io.keywarden.domain.policy;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A policy document prepared once for the data plane, where only the decision matters: the statements
 * are indexed by action (each action's Deny and Allow statements, found once and remembered), principals
 * are matched by set lookups, {@code "Resource": "*"} is known to match without substituting or
 * splitting ARNs, and condition keys are lower-cased once. Deny statements are tried first; evaluation
 * stops at the first that applies, or at the first Allow that names the caller or everyone.
 *
 * <p>{@link #evaluate} gives what {@link PolicyEvaluator#matches} folds to (tests compare both on
 * random policies and requests); explanations, which list every statement that applies, use {@link
 * PolicyEvaluator}.
 */
public final class CompiledPolicy {
  /** A Deny statement applies (nothing else is reported then). */
  public static final int DENY = 1;

  /** An Allow statement applies that names the caller itself, everyone, or no principal at all. */
  public static final int ALLOW = 2;

  /** The only Allow statements that apply name the caller's account (they delegate to its IAM policies). */
  public static final int ALLOW_ACCOUNT = 4;

  /** Actions remembered per policy (KMS has about 60; explanations may ask any string). */
  private static final int MAX_PLANS = 256;

  private static final CompiledStatement[] NONE = new CompiledStatement[0];

  private final PolicyDocument document;
  private final boolean variables;
  private final List<CompiledStatement> statements;
  private final ConcurrentHashMap<String, Plan> plans = new ConcurrentHashMap<>();

  private CompiledPolicy(PolicyDocument document) {
    this.document = document;
    this.variables = document.variablesEnabled();
    List<CompiledStatement> out = new ArrayList<>(document.statements().size());
    for (Statement s : document.statements()) {
      out.add(new CompiledStatement(s, variables));
    }
    this.statements = List.copyOf(out);
  }

  public static CompiledPolicy of(PolicyDocument document) {
    return new CompiledPolicy(document);
  }

  public PolicyDocument document() {
    return document;
  }

  /**
   * What applies to {@code request}: {@link #DENY} if a Deny statement does; else {@link #ALLOW} if an
   * Allow statement naming the caller, everyone or no principal does; else {@link #ALLOW_ACCOUNT} if
   * one naming the caller's account does; else 0.
   */
  public int evaluate(RequestContext request) {
    Plan plan = plan(request.action());
    for (CompiledStatement s : plan.denies) {
      if (s.applies(request) != null) {
        return DENY;
      }
    }
    int out = 0;
    for (CompiledStatement s : plan.allows) {
      PrincipalMatch m = s.applies(request);
      if (m == null) {
        continue;
      }
      if (m != PrincipalMatch.ACCOUNT) {
        return ALLOW;
      }
      out = ALLOW_ACCOUNT;
    }
    return out;
  }

  private Plan plan(String action) {
    Plan p = plans.get(action);
    if (p != null) {
      return p;
    }
    List<CompiledStatement> denies = new ArrayList<>();
    List<CompiledStatement> allows = new ArrayList<>();
    for (CompiledStatement s : statements) {
      if (PolicyEvaluator.action(s.statement, action)) {
        (s.statement.effect() == Effect.Deny ? denies : allows).add(s);
      }
    }
    p = new Plan(denies.toArray(NONE), allows.toArray(NONE));
    if (plans.size() < MAX_PLANS) {
      plans.putIfAbsent(action, p);
    }
    return p;
  }

  /** The statements whose Action / NotAction admit one action, by effect, in document order. */
  private static final class Plan {
    final CompiledStatement[] denies;
    final CompiledStatement[] allows;

    Plan(CompiledStatement[] denies, CompiledStatement[] allows) {
      this.denies = denies;
      this.allows = allows;
    }
  }

  /** One statement with its principal, resource and conditions prepared. */
  private static final class CompiledStatement {
    private static final int RESOURCE_ANY = 0;
    private static final int RESOURCE_NONE = 1;
    private static final int RESOURCE_CHECK = 2;

    final Statement statement;
    private final boolean variables;
    private final PrincipalSet principal; // null: no Principal / NotPrincipal element
    private final boolean notPrincipal;
    private final int resource;
    private final CompiledCondition[] conditions;

    CompiledStatement(Statement s, boolean variables) {
      this.statement = s;
      this.variables = variables;
      if (s.principal() != null) {
        principal = new PrincipalSet(s.principal());
        notPrincipal = false;
      } else if (s.notPrincipal() != null) {
        principal = new PrincipalSet(s.notPrincipal());
        notPrincipal = true;
      } else {
        principal = null;
        notPrincipal = false;
      }
      // "*" (no variable in it) matches every ARN: Resource "*" always applies, NotResource "*" never.
      if (s.resources() == null && s.notResources() == null) {
        resource = RESOURCE_ANY;
      } else if (s.resources() != null) {
        resource = s.resources().contains("*") ? RESOURCE_ANY : RESOURCE_CHECK;
      } else {
        resource = s.notResources().contains("*") ? RESOURCE_NONE : RESOURCE_CHECK;
      }
      conditions = new CompiledCondition[s.conditions().size()];
      for (int i = 0; i < conditions.length; i++) {
        conditions[i] = new CompiledCondition(s.conditions().get(i), variables);
      }
    }

    /** How the principal matched, if the statement applies to {@code request}; else {@code null}. */
    PrincipalMatch applies(RequestContext request) {
      PrincipalMatch m = principal(request.caller());
      if (!m.matched()) {
        return null;
      }
      if (resource == RESOURCE_NONE
          || (resource == RESOURCE_CHECK && !PolicyEvaluator.resource(statement, request, variables))) {
        return null;
      }
      for (CompiledCondition c : conditions) {
        if (!c.holds(request)) {
          return null;
        }
      }
      return m;
    }

    private PrincipalMatch principal(Caller caller) {
      if (principal == null) {
        return PrincipalMatch.NOT_APPLICABLE;
      }
      PrincipalMatch m = principal.match(caller);
      if (notPrincipal) {
        return m.matched() ? PrincipalMatch.NONE : PrincipalMatch.EVERYONE;
      }
      return m;
    }
  }

  /**
   * A Principal element as sets, matching as {@link Principals#match} does: the caller itself (its ARN,
   * its role's ARN; the root by its account) before {@code "*"}, before the caller's account.
   */
  private static final class PrincipalSet {
    private static final String ROOT_PREFIX = "arn:aws:iam::";
    private static final String ROOT_SUFFIX = ":root";

    private final boolean wildcard;
    private final boolean awsStar;
    private final Set<String> aws;
    private final Set<String> accounts;
    private final Set<String> services;

    PrincipalSet(PrincipalBlock block) {
      wildcard = block.wildcard();
      List<String> entries = block.of("AWS");
      awsStar = entries.contains("*");
      aws = Set.copyOf(entries);
      Set<String> named = new HashSet<>(entries); // an account id as written
      for (String p : entries) {
        if (p.length() >= ROOT_PREFIX.length() + ROOT_SUFFIX.length()
            && p.startsWith(ROOT_PREFIX)
            && p.endsWith(ROOT_SUFFIX)) {
          named.add(p.substring(ROOT_PREFIX.length(), p.length() - ROOT_SUFFIX.length()));
        }
      }
      accounts = Set.copyOf(named);
      services = Set.copyOf(block.of("Service"));
    }

    PrincipalMatch match(Caller caller) {
      if (wildcard) {
        return PrincipalMatch.EVERYONE;
      }
      boolean service = caller.servicePrincipal() != null;
      if (service) {
        if (services.contains(caller.servicePrincipal())) {
          return PrincipalMatch.SPECIFIC;
        }
      } else if (aws.contains(caller.arn())
          || (caller.roleArn() != null && aws.contains(caller.roleArn()))
          || (caller.root() && accounts.contains(caller.accountId()))) {
        return PrincipalMatch.SPECIFIC;
      }
      if (awsStar) {
        return PrincipalMatch.EVERYONE;
      }
      return !service && accounts.contains(caller.accountId()) ? PrincipalMatch.ACCOUNT : PrincipalMatch.NONE;
    }
  }

  /** A condition with its key lower-cased and whether its values need variable substitution. */
  private static final class CompiledCondition {
    private final Condition condition;
    private final String lowerCaseKey;
    private final boolean substitute;

    CompiledCondition(Condition c, boolean variables) {
      this.condition = c;
      this.lowerCaseKey = c.key().toLowerCase(Locale.ROOT);
      boolean any = false;
      for (String v : c.values()) {
        any |= v.contains("${");
      }
      // A value without "${" substitutes to itself, without literal characters.
      this.substitute = variables && any;
    }

    boolean holds(RequestContext request) {
      return ConditionEvaluation.holds(
          condition, request.valuesOfLowerCase(lowerCaseKey), request, substitute);
    }
  }
}

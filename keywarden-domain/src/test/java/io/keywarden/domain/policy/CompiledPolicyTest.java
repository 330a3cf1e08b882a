package io.keywarden.domain.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * {@link CompiledPolicy#evaluate} against {@link PolicyEvaluator#matches} folded the way the
 * authorizer folds it, over random documents (principals of every kind, NotPrincipal, wildcard
 * actions and NotAction, resources with wildcards and variables, NotResource, conditions with
 * qualifiers, IfExists, Null and variables) and random requests, seeded so that a failure reproduces.
 */
class CompiledPolicyTest {
  private static final String A = "111122223333";
  private static final String B = "444455556666";
  private static final String KEY = "arn:aws:kms:us-east-1:" + A + ":key/k1";
  private static final String ALICE = "arn:aws:iam::" + A + ":user/alice";
  private static final String ROLE = "arn:aws:iam::" + A + ":role/app";
  private static final String SESSION = "arn:aws:sts::" + A + ":assumed-role/app/s";
  private static final String[] PRINCIPALS = {
    "*", A, "arn:aws:iam::" + A + ":root", ALICE, ROLE, SESSION, B, "arn:aws:iam::" + B + ":root",
    "arn:aws:iam::" + B + ":user/bob", "arn:aws:iam::root"
  };
  private static final String[] SERVICES = {"secretsmanager.amazonaws.com", "logs.amazonaws.com"};
  private static final String[] ACTIONS = {
    "*", "kms:*", "kms:Encrypt", "KMS:encrypt", "kms:Enc*", "kms:Describe*", "kms:?ecrypt", "s3:*"
  };
  private static final String[] REQUEST_ACTIONS = {"kms:Encrypt", "kms:Decrypt", "kms:DescribeKey", "s3:GetObject"};
  private static final String[] RESOURCES = {
    "*", KEY, "arn:aws:kms:*:" + A + ":key/*", "arn:aws:kms:us-east-1:" + B + ":key/*",
    "arn:aws:kms:us-east-1:${aws:PrincipalAccount}:key/*", "arn:aws:kms:us-east-1:" + A + ":key/${aws:username}",
    "arn:aws:kms:us-east-1:" + A + ":alias/*"
  };
  private static final int ITERATIONS = 20_000;

  private final Random random = new Random(0x504f4cL);

  @Test
  void evaluate_foldsAsTheStatementMatchesDo() {
    int[] seen = new int[8];
    for (int i = 0; i < ITERATIONS; i++) {
      PolicyDocument doc = document();
      CompiledPolicy compiled = CompiledPolicy.of(doc);
      for (int r = 0; r < 4; r++) {
        RequestContext request = request();
        int expected = fold(PolicyEvaluator.matches(doc, request));
        int actual = compiled.evaluate(request);
        seen[expected]++;
        int n = i;
        assertEquals(expected, actual, () -> "iteration " + n + ": " + doc + "\n request " + describe(request));
      }
    }
    // Every outcome must come up often, or the comparison says little.
    for (int outcome : new int[] {0, CompiledPolicy.DENY, CompiledPolicy.ALLOW, CompiledPolicy.ALLOW_ACCOUNT}) {
      assertTrue(seen[outcome] > ITERATIONS / 50, "outcome " + outcome + " seen " + seen[outcome] + " times");
    }
  }

  @Test
  void evaluate_remembersPlansPerAction_andStaysRightForManyActions() {
    PolicyDocument doc = new PolicyDocument(PolicyDocument.VERSION_2012, null, List.of(
        new Statement(0, "s0", Effect.Allow, new PrincipalBlock(false, Map.of("AWS", List.of(A))), null,
            List.of("kms:Get*"), null, List.of("*"), null, List.of())));
    CompiledPolicy compiled = CompiledPolicy.of(doc);
    for (int i = 0; i < 600; i++) {
      RequestContext request = RequestContext.builder(Caller.user(A, ALICE), "kms:Get" + i, KEY).build();
      assertEquals(CompiledPolicy.ALLOW_ACCOUNT, compiled.evaluate(request));
      RequestContext other = RequestContext.builder(Caller.user(A, ALICE), "kms:Put" + i, KEY).build();
      assertEquals(0, compiled.evaluate(other));
    }
  }

  static int fold(List<StatementMatch> matches) {
    boolean allowAccount = false;
    boolean allow = false;
    for (StatementMatch m : matches) {
      if (m.effect() == Effect.Deny) {
        return CompiledPolicy.DENY;
      }
      if (m.principal() == PrincipalMatch.ACCOUNT) {
        allowAccount = true;
      } else {
        allow = true;
      }
    }
    return allow ? CompiledPolicy.ALLOW : allowAccount ? CompiledPolicy.ALLOW_ACCOUNT : 0;
  }

  private PolicyDocument document() {
    int n = 1 + random.nextInt(4);
    List<Statement> statements = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      statements.add(randomStatement(i));
    }
    return new PolicyDocument(random.nextInt(4) == 0 ? null : PolicyDocument.VERSION_2012, null, statements);
  }

  private Statement randomStatement(int index) {
    Effect effect = random.nextInt(3) == 0 ? Effect.Deny : Effect.Allow;
    PrincipalBlock principal = null;
    PrincipalBlock notPrincipal = null;
    switch (random.nextInt(6)) {
      case 0:
        break; // as in identity policies
      case 1:
        notPrincipal = principals();
        break;
      case 2:
        principal = PrincipalBlock.anyone();
        break;
      default:
        principal = principals();
    }
    List<String> actions = pick(ACTIONS, 1 + random.nextInt(3));
    boolean notAction = random.nextInt(5) == 0;
    List<String> resources = pick(RESOURCES, 1 + random.nextInt(2));
    boolean notResource = random.nextInt(5) == 0;
    List<Condition> conditions = new ArrayList<>();
    int c = random.nextInt(3);
    for (int i = 0; i < c; i++) {
      conditions.add(condition());
    }
    return new Statement(index, "s" + index, effect, principal, notPrincipal, notAction ? null : actions,
        notAction ? actions : null, notResource ? null : resources, notResource ? resources : null, conditions);
  }

  private PrincipalBlock principals() {
    Map<String, List<String>> byType = new java.util.HashMap<>();
    if (random.nextInt(4) != 0) {
      byType.put("AWS", pick(PRINCIPALS, 1 + random.nextInt(3)));
    }
    if (random.nextInt(3) == 0) {
      byType.put("Service", pick(SERVICES, 1));
    }
    return new PrincipalBlock(false, byType);
  }

  private Condition condition() {
    switch (random.nextInt(9)) {
      case 0:
        return new Condition(ConditionOperator.StringEquals, Condition.SetQualifier.NONE, random.nextBoolean(),
            "aws:PrincipalAccount", pick(new String[] {A, B}, 1));
      case 1:
        return new Condition(ConditionOperator.StringNotEquals, Condition.SetQualifier.NONE, false,
            "kms:CallerAccount", List.of(A));
      case 2:
        return new Condition(ConditionOperator.StringLike, Condition.SetQualifier.NONE, random.nextBoolean(),
            "kms:EncryptionContext:Tenant", List.of("t-*"));
      case 3:
        return new Condition(ConditionOperator.Null, Condition.SetQualifier.NONE, false,
            "kms:EncryptionContextKeys", List.of(random.nextBoolean() ? "true" : "false"));
      case 4:
        return new Condition(ConditionOperator.ArnLike, Condition.SetQualifier.NONE, false,
            "aws:PrincipalArn", List.of("arn:aws:iam::" + A + ":role/*", "arn:aws:iam::${aws:PrincipalAccount}:user/*"));
      case 5:
        return new Condition(ConditionOperator.StringEquals,
            random.nextBoolean() ? Condition.SetQualifier.FOR_ANY_VALUE : Condition.SetQualifier.FOR_ALL_VALUES,
            false, "kms:EncryptionContextKeys", List.of("tenant", "purpose"));
      case 6:
        return new Condition(ConditionOperator.StringEquals, Condition.SetQualifier.NONE, false,
            "kms:EncryptionContext:tenant", List.of("${aws:username}", "t-1"));
      case 7:
        return new Condition(ConditionOperator.StringEquals, Condition.SetQualifier.NONE, random.nextBoolean(),
            "kms:ViaService", List.of("secretsmanager.us-east-1.amazonaws.com"));
      default:
        return new Condition(ConditionOperator.Bool, Condition.SetQualifier.NONE, false,
            "aws:SecureTransport", List.of("true"));
    }
  }

  private RequestContext request() {
    Caller caller;
    switch (random.nextInt(6)) {
      case 0:
        caller = Caller.root(random.nextBoolean() ? A : B);
        break;
      case 1:
        caller = Caller.user(A, ALICE);
        break;
      case 2:
        caller = Caller.session(A, SESSION, ROLE);
        break;
      case 3:
        caller = new Caller(A, SERVICES[random.nextInt(SERVICES.length)], null,
            SERVICES[random.nextInt(SERVICES.length)], false);
        break;
      case 4:
        caller = Caller.user(B, "arn:aws:iam::" + B + ":user/bob");
        break;
      default:
        caller = Caller.session(B, "arn:aws:sts::" + B + ":assumed-role/app/s", "arn:aws:iam::" + B + ":role/app");
    }
    String resource = random.nextInt(5) == 0 ? "arn:aws:kms:us-east-1:" + A + ":key/alice" : KEY;
    RequestContext.Builder b =
        RequestContext.builder(caller, REQUEST_ACTIONS[random.nextInt(REQUEST_ACTIONS.length)], resource);
    b.put("aws:PrincipalAccount", caller.accountId());
    b.put("kms:CallerAccount", caller.accountId());
    b.put("aws:PrincipalArn", caller.roleArn() != null ? caller.roleArn() : caller.arn());
    if (random.nextBoolean()) {
      b.put("aws:username", "alice");
    }
    b.put("aws:SecureTransport", Boolean.toString(random.nextBoolean()));
    switch (random.nextInt(4)) {
      case 0:
        break;
      case 1:
        b.put("kms:EncryptionContext:tenant", "t-1").putAll("kms:EncryptionContextKeys", List.of("tenant"));
        break;
      case 2:
        b.put("kms:EncryptionContext:tenant", "alice")
            .putAll("kms:EncryptionContextKeys", List.of("tenant", "purpose"));
        break;
      default:
        b.putAll("kms:EncryptionContextKeys", List.of("other"));
    }
    if (random.nextInt(4) == 0) {
      b.put("kms:ViaService", "secretsmanager.us-east-1.amazonaws.com");
    }
    // Keys not put come from a source, as the services give them.
    b.source(k -> k.equals("aws:requestedregion") ? List.of("us-east-1") : null);
    return b.build();
  }

  private List<String> pick(String[] from, int n) {
    List<String> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      String s = from[random.nextInt(from.length)];
      if (!out.contains(s)) {
        out.add(s);
      }
    }
    return out;
  }

  private static String describe(RequestContext r) {
    return r.caller() + " " + r.action() + " " + r.resource() + " " + r.keys();
  }
}

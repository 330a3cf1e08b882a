package io.keywarden.services.kms.access;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.keywarden.domain.identity.Principal;
import io.keywarden.domain.identity.PrincipalType;
import io.keywarden.domain.policy.PolicyDocument;
import io.keywarden.services.api.CallContext;
import io.keywarden.services.identity.IdentityPolicies;
import io.keywarden.services.policy.PolicyParser;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Properties of the authorizer over random key policies, IAM policies and requests (seeded, so a
 * failure reproduces): an added Deny never widens access, an added Allow never narrows it, and the
 * order of statements never changes a decision.
 */
class KeyAuthorizerPropertyTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String A = "111122223333";
  private static final String B = "444455556666";
  private static final String KEY = "arn:aws:kms:us-east-1:" + A + ":key/1234abcd-12ab-34cd-56ef-1234567890ab";
  private static final String[] PRINCIPALS = {
    "arn:aws:iam::" + A + ":root", A, "arn:aws:iam::" + A + ":user/alice", "*",
    "arn:aws:iam::" + A + ":role/app", "arn:aws:iam::" + B + ":root", "arn:aws:iam::" + B + ":user/bob"
  };
  private static final String[] ACTIONS = {
    "kms:*", "kms:Encrypt", "kms:Decrypt", "kms:Enc*", "kms:Describe*", "kms:GenerateDataKey*"
  };
  private static final String[] REQUEST_ACTIONS = {
    "kms:Encrypt", "kms:Decrypt", "kms:DescribeKey", "kms:GenerateDataKey", "kms:PutKeyPolicy"
  };
  private static final int ITERATIONS = 2000;

  private final Random random = new Random(0x4b4d53L);

  @Test
  void addingADeny_neverWidensAccess() throws Exception {
    for (int i = 0; i < ITERATIONS; i++) {
      Scenario s = scenario();
      boolean before = s.allowed();
      s.add(statement("Deny", random.nextBoolean()), random.nextBoolean());
      if (!before) {
        assertTrue(!s.allowed(), () -> "a Deny widened access: " + s);
      }
    }
  }

  @Test
  void addingAnAllow_neverNarrowsAccess() throws Exception {
    for (int i = 0; i < ITERATIONS; i++) {
      Scenario s = scenario();
      boolean before = s.allowed();
      s.add(statement("Allow", random.nextBoolean()), random.nextBoolean());
      if (before) {
        assertTrue(s.allowed(), () -> "an Allow narrowed access: " + s);
      }
    }
  }

  @Test
  void statementOrder_neverChangesADecision() throws Exception {
    int allowed = 0;
    for (int i = 0; i < ITERATIONS; i++) {
      Scenario s = scenario();
      Decision.Outcome before = s.outcome();
      allowed += before.allowed() ? 1 : 0;
      Collections.shuffle(s.keyStatements, random);
      Collections.shuffle(s.identityStatements, random);
      assertEquals(before, s.outcome(), () -> "order changed the decision: " + s);
    }
    // The generator must produce both outcomes, or the properties say little.
    assertTrue(allowed > ITERATIONS / 20 && allowed < ITERATIONS * 19 / 20, "allowed " + allowed);
  }

  /** A random key policy, IAM policy, caller and request. */
  private Scenario scenario() {
    Scenario s = new Scenario();
    int keyCount = 1 + random.nextInt(4);
    for (int i = 0; i < keyCount; i++) {
      s.keyStatements.add(statement(random.nextInt(4) == 0 ? "Deny" : "Allow", true));
    }
    int iamCount = random.nextInt(4);
    for (int i = 0; i < iamCount; i++) {
      s.identityStatements.add(statement(random.nextInt(4) == 0 ? "Deny" : "Allow", false));
    }
    s.caller = caller();
    s.action = REQUEST_ACTIONS[random.nextInt(REQUEST_ACTIONS.length)];
    s.tenant = random.nextBoolean() ? "acme" : null;
    return s;
  }

  private Principal caller() {
    Map<String, String> tags = random.nextBoolean() ? Map.of("team", "blue") : Map.of("team", "red");
    switch (random.nextInt(4)) {
      case 0:
        return Principal.root(random.nextBoolean() ? A : B, "AKIAROOT");
      case 1:
        return new Principal(PrincipalType.IAMUser, A, "arn:aws:iam::" + A + ":user/alice", "AIDAALICE",
            "AKIAALICE", "alice", null, tags, Set.of());
      case 2:
        return new Principal(PrincipalType.AssumedRole, A, Principal.sessionArn(A, "app", "s"),
            "AROAAPP:s", "ASIAS", null, "arn:aws:iam::" + A + ":role/app", tags, Set.of());
      default:
        return new Principal(PrincipalType.IAMUser, B, "arn:aws:iam::" + B + ":user/bob", "AIDABOB",
            "AKIABOB", "bob", null, tags, Set.of());
    }
  }

  private ObjectNode statement(String effect, boolean withPrincipal) {
    ObjectNode s = JSON.createObjectNode();
    s.put("Effect", effect);
    if (withPrincipal) {
      String p = PRINCIPALS[random.nextInt(PRINCIPALS.length)];
      if (p.equals("*") && random.nextBoolean()) {
        s.put("Principal", "*");
      } else {
        s.putObject(random.nextInt(8) == 0 ? "NotPrincipal" : "Principal").put("AWS", p);
      }
    }
    String action = ACTIONS[random.nextInt(ACTIONS.length)];
    s.put(random.nextInt(6) == 0 ? "NotAction" : "Action", action);
    s.put("Resource", random.nextInt(3) == 0 ? KEY : "*");
    switch (random.nextInt(5)) {
      case 0:
        s.putObject("Condition").putObject("StringEquals").put("aws:PrincipalTag/team", "blue");
        break;
      case 1:
        s.putObject("Condition").putObject("StringEquals").put("kms:EncryptionContext:tenant", "acme");
        break;
      case 2:
        s.putObject("Condition").putObject("StringNotEquals").put("kms:CallerAccount", A);
        break;
      default:
        break;
    }
    return s;
  }

  /** One random situation, re-evaluated after each change. */
  private static final class Scenario {
    final List<ObjectNode> keyStatements = new ArrayList<>();
    final List<ObjectNode> identityStatements = new ArrayList<>();
    Principal caller;
    String action;
    String tenant;

    /** Appends a statement to the key policy (with a Principal) or to the IAM policy (without). */
    void add(ObjectNode statement, boolean toKeyPolicy) {
      boolean hasPrincipal = statement.has("Principal") || statement.has("NotPrincipal");
      if (toKeyPolicy) {
        if (!hasPrincipal) {
          statement.put("Principal", "*");
        }
        keyStatements.add(statement);
      } else {
        statement.remove("Principal");
        statement.remove("NotPrincipal");
        identityStatements.add(statement);
      }
    }

    boolean allowed() throws Exception {
      return outcome().allowed();
    }

    Decision.Outcome outcome() throws Exception {
      KeyPolicy keyPolicy = KeyPolicy.of(document(keyStatements));
      assertTrue(keyPolicy.error() == null, keyPolicy::error);
      List<IdentityPolicies.NamedPolicy> iam = new ArrayList<>();
      if (!identityStatements.isEmpty()) {
        PolicyDocument doc = PolicyParser.parse(document(identityStatements), PolicyParser.Kind.IDENTITY);
        iam.add(new IdentityPolicies.NamedPolicy("random", doc));
      }
      IdentityPolicies identities =
          new IdentityPolicies() {
            @Override
            public List<NamedPolicy> policiesOf(Principal principal) {
              return principal.type() == PrincipalType.Root ? List.of() : iam;
            }

            @Override
            public boolean exists(String principalArn) {
              return true;
            }
          };
      CallContext call = new CallContext(caller, "us-east-1", "r", "127.0.0.1", "t", true, Instant.EPOCH);
      String t = tenant;
      AccessRequest request =
          new AccessRequest(call, action, KEY, A, keyPolicy,
              k -> switch (k) {
                case "kms:encryptioncontext:tenant" -> t == null ? null : List.of(t);
                case "kms:calleraccount" -> List.of(caller.accountId());
                default -> GlobalConditionKeys.values(call, k);
              },
              GrantCheck.NONE);
      KeyAuthorizer authorizer = new KeyAuthorizer(identities);
      Decision fast = authorizer.decide(request);
      Decision explained = authorizer.explain(request);
      assertEquals(fast.outcome(), explained.outcome(), "explain and decide disagree");
      return fast.outcome();
    }

    private static String document(List<ObjectNode> statements) {
      ObjectNode doc = JSON.createObjectNode();
      doc.put("Version", "2012-10-17");
      ArrayNode array = doc.putArray("Statement");
      statements.forEach(array::add);
      return doc.toString();
    }

    @Override
    public String toString() {
      return caller + " " + action + " tenant=" + tenant + "\n key policy " + document(keyStatements)
          + "\n identity " + document(identityStatements);
    }
  }
}

package io.keywarden.services.kms;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.keywarden.domain.identity.Principal;
import io.keywarden.services.api.CallContext;
import io.keywarden.services.api.Operation;
import io.keywarden.domain.crypto.EncryptionContext;
import io.keywarden.domain.policy.CompiledPolicy;
import io.keywarden.domain.policy.PolicyDocument;
import io.keywarden.domain.policy.PolicyEvaluator;
import io.keywarden.domain.policy.RequestContext;
import io.keywarden.services.kms.access.AccessRequest;
import io.keywarden.services.kms.access.KeyAuthorizer;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * How long authorising one Encrypt takes in process, under the default key policy and under
 * bench/kmsbench.py's six-statement policy (docs/PERFORMANCE.md, issue 4): the key policy evaluated
 * statement by statement ({@link PolicyEvaluator}, as explanations do and as every request did before
 * {@link CompiledPolicy}) and compiled, the whole authorisation (request built, {@link
 * KeyAuthorizer#check}), and the whole Encrypt operation (JSON tree in, JSON tree out; no HTTP, SigV4
 * or audit). Thread CPU time, so that other processes on the machine disturb it less than wall time. Not a test: run
 * with {@code mvn -o -q -pl keywarden-services -am test -Dtest=KeyPolicyEvaluationBenchmark
 * -Dkeywarden.bench=true -Dsurefire.failIfNoSpecifiedTests=false}; the figures are in {@code
 * target/surefire-reports/*KeyPolicyEvaluationBenchmark-output.txt}.
 */
@EnabledIfSystemProperty(named = "keywarden.bench", matches = "true")
class KeyPolicyEvaluationBenchmark {
  private static final int ROUNDS = 8;
  private static final int PER_ROUND = 200_000;
  private static final String ACCOUNT = KmsHarness.ACCOUNT;

  /** bench/kmsbench.py's realistic_policy, as it sends it. */
  static String realisticPolicy() {
    String root = "arn:aws:iam::" + ACCOUNT + ":root";
    String use = "[\"kms:Encrypt\",\"kms:Decrypt\",\"kms:ReEncrypt*\",\"kms:GenerateDataKey*\",\"kms:DescribeKey\"]";
    String useAndGrant = "[\"kms:Encrypt\",\"kms:Decrypt\",\"kms:ReEncrypt*\",\"kms:GenerateDataKey*\","
        + "\"kms:DescribeKey\",\"kms:CreateGrant\"]";
    String admin = "[\"kms:Create*\",\"kms:Describe*\",\"kms:Enable*\",\"kms:List*\",\"kms:Put*\","
        + "\"kms:Update*\",\"kms:Revoke*\",\"kms:Disable*\",\"kms:Get*\",\"kms:Delete*\",\"kms:TagResource\","
        + "\"kms:UntagResource\",\"kms:ScheduleKeyDeletion\",\"kms:CancelKeyDeletion\"]";
    return "{\"Version\":\"2012-10-17\",\"Id\":\"bench-realistic\",\"Statement\":["
        + "{\"Sid\":\"Enable IAM User Permissions\",\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"" + root
        + "\"},\"Action\":\"kms:*\",\"Resource\":\"*\"},"
        + "{\"Sid\":\"Allow access for Key Administrators\",\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\""
        + ACCOUNT + "\"},\"Action\":" + admin + ",\"Resource\":\"*\",\"Condition\":{\"ArnLike\":"
        + "{\"aws:PrincipalArn\":\"arn:aws:iam::" + ACCOUNT + ":role/KeyAdmin*\"}}},"
        + "{\"Sid\":\"Allow use of the key by tenants\",\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"*\"},"
        + "\"Action\":" + use + ",\"Resource\":\"*\",\"Condition\":{\"StringEquals\":{\"kms:CallerAccount\":\""
        + ACCOUNT + "\"},\"StringLike\":{\"kms:EncryptionContext:tenant\":\"t-*\"}}},"
        + "{\"Sid\":\"Allow access through Secrets Manager\",\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"*\"},"
        + "\"Action\":" + useAndGrant + ",\"Resource\":\"*\",\"Condition\":{\"StringEquals\":"
        + "{\"kms:CallerAccount\":\"" + ACCOUNT + "\",\"kms:ViaService\":\"secretsmanager.us-east-1.amazonaws.com\"}}},"
        + "{\"Sid\":\"Deny other accounts\",\"Effect\":\"Deny\",\"Principal\":{\"AWS\":\"*\"},\"Action\":\"kms:*\","
        + "\"Resource\":\"*\",\"Condition\":{\"StringNotEquals\":{\"aws:PrincipalAccount\":\"" + ACCOUNT + "\"}}},"
        + "{\"Sid\":\"Deny use without an encryption context\",\"Effect\":\"Deny\",\"Principal\":{\"AWS\":\"*\"},"
        + "\"Action\":[\"kms:Encrypt\",\"kms:GenerateDataKey*\"],\"Resource\":\"*\",\"Condition\":"
        + "{\"Null\":{\"kms:EncryptionContextKeys\":\"true\"}}}]}";
  }

  @Test
  void encryptUnderDefaultAndRealisticPolicies() throws Exception {
    KmsHarness h = new KmsHarness();
    String plain = h.createKey();
    String policed = h.createKey();
    h.call("PutKeyPolicy", "{\"KeyId\":\"" + policed + "\",\"PolicyName\":\"default\",\"Policy\":"
        + KmsHarness.JSON.writeValueAsString(realisticPolicy()) + "}");
    CallContext ctx = h.context(Principal.root(ACCOUNT, "AKIAROOTKEY000000001"), KmsHarness.REGION);
    Operation encrypt = h.kms.operations().get("Encrypt").operation();
    KmsCore core = h.kms.core();
    EncryptionContext context = EncryptionContext.of(Map.of("purpose", "bench", "tenant", "t-0001"));
    long sink = 0;
    for (int round = 0; round < ROUNDS; round++) {
      for (String[] k : new String[][] {{"default", plain}, {"six-statement", policed}}) {
        ObjectNode in = (ObjectNode) KmsHarness.JSON.readTree("{\"KeyId\":\"" + k[1]
            + "\",\"Plaintext\":\"aGVsbG8=\",\"EncryptionContext\":{\"purpose\":\"bench\",\"tenant\":\"t-0001\"}}");
        LoadedKey key = core.locate(ctx, k[1], true, KeyAccess.to("Encrypt"));
        AccessRequest request = core.accessRequest(ctx, key, access(context));
        RequestContext policyContext = RequestContext.builder(
                KeyAuthorizer.callerOf(ctx.principal()), request.action(), request.resource())
            .source(request.conditionKeys()).build();
        PolicyDocument document = key.policy().document();
        CompiledPolicy compiled = key.policy().compiled();

        long t = cpu();
        for (int i = 0; i < PER_ROUND; i++) {
          sink += PolicyEvaluator.matches(document, policyContext).size();
        }
        long everyStatement = cpu() - t;
        t = cpu();
        for (int i = 0; i < PER_ROUND; i++) {
          sink += compiled.evaluate(policyContext);
        }
        long compiledOnly = cpu() - t;
        t = cpu();
        for (int i = 0; i < PER_ROUND; i++) {
          sink += core.authorizer.check(core.accessRequest(ctx, key, access(context))).outcome().ordinal();
        }
        long authorisation = cpu() - t;
        t = cpu();
        for (int i = 0; i < PER_ROUND / 4; i++) {
          sink += encrypt.invoke(ctx, in).size();
        }
        long whole = cpu() - t;
        System.out.printf("round %d, %s policy (thread CPU per call): every statement (PolicyEvaluator) %.0f ns,"
                + " compiled %.0f ns, authorisation (request + KeyAuthorizer.check) %.0f ns, whole Encrypt %.0f ns%n",
            round, k[0], (double) everyStatement / PER_ROUND, (double) compiledOnly / PER_ROUND,
            (double) authorisation / PER_ROUND, (double) whole / (PER_ROUND / 4));
      }
    }
    System.out.println("(" + sink + ")");
  }

  private static KeyAccess access(EncryptionContext context) {
    return KeyAccess.to("Encrypt").grantTokens(List.of()).encryptionContext(context)
        .put("kms:EncryptionAlgorithm", "SYMMETRIC_DEFAULT");
  }

  private static long cpu() {
    return THREADS.getCurrentThreadCpuTime();
  }

  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
}

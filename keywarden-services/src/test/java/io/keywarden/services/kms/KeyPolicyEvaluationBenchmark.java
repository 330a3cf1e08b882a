package io.keywarden.services.kms;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.keywarden.domain.identity.Principal;
import io.keywarden.services.api.CallContext;
import io.keywarden.services.api.Operation;
import io.keywarden.services.kms.access.AccessRequest;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * How long authorising one Encrypt takes in process, under the default key policy and under
 * bench/kmsbench.py's six-statement policy (docs/PERFORMANCE.md, issue 4): the authorizer alone, and
 * the whole Encrypt operation (JSON tree in, JSON tree out; no HTTP, SigV4 or audit). Not a test: run
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
    for (int round = 0; round < ROUNDS; round++) {
      for (String[] k : new String[][] {{"default", plain}, {"six-statement", policed}}) {
        ObjectNode in = (ObjectNode) KmsHarness.JSON.readTree("{\"KeyId\":\"" + k[1]
            + "\",\"Plaintext\":\"aGVsbG8=\",\"EncryptionContext\":{\"purpose\":\"bench\",\"tenant\":\"t-0001\"}}");
        KmsCore core = h.kms.core();
        LoadedKey key = core.locate(ctx, k[1], true, KeyAccess.to("Encrypt"));
        long sink = 0;
        long start = System.nanoTime();
        for (int i = 0; i < PER_ROUND; i++) {
          KeyAccess access = KeyAccess.to("Encrypt").grantTokens(List.of())
              .encryptionContext(io.keywarden.domain.crypto.EncryptionContext.of(
                  java.util.Map.of("purpose", "bench", "tenant", "t-0001")))
              .put("kms:EncryptionAlgorithm", "SYMMETRIC_DEFAULT");
          AccessRequest request = core.accessRequest(ctx, key, access);
          sink += core.authorizer.check(request).outcome().ordinal();
        }
        long authz = System.nanoTime() - start;
        start = System.nanoTime();
        for (int i = 0; i < PER_ROUND / 4; i++) {
          sink += encrypt.invoke(ctx, in).size();
        }
        long whole = System.nanoTime() - start;
        System.out.printf("round %d, %s policy: authorisation %.0f ns, whole Encrypt %.0f ns (%d)%n",
            round, k[0], (double) authz / PER_ROUND, (double) whole / (PER_ROUND / 4), sink);
      }
    }
  }
}

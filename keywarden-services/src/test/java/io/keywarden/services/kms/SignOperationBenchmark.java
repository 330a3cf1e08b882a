package io.keywarden.services.kms;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.keywarden.domain.identity.Principal;
import io.keywarden.services.api.CallContext;
import io.keywarden.services.api.Operation;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.security.PrivateKey;
import java.security.Signature;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * What the KMS layer adds to a P-256 signature in process (docs/PERFORMANCE.md, issue 3): the raw
 * JCA primitive as bench/JcaBaseline.java calls it (SunEC SHA256withECDSA, one Signature object per
 * thread, the key's own private key object) against the whole Sign operation (JSON tree in and out,
 * key lookup, authorisation, checks; no HTTP, SigV4 or audit), in alternating rounds on one thread,
 * thread CPU time. Not a test: run with {@code mvn -o -q -pl keywarden-services -am test
 * -Dtest=SignOperationBenchmark -Dkeywarden.bench=true -Dsurefire.failIfNoSpecifiedTests=false}; the
 * figures are in {@code target/surefire-reports/*SignOperationBenchmark-output.txt}.
 */
@EnabledIfSystemProperty(named = "keywarden.bench", matches = "true")
class SignOperationBenchmark {
  private static final int ROUNDS = 12;
  private static final int PER_ROUND = 2_000;
  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

  @Test
  void signP256_rawAgainstTheOperation() throws Exception {
    KmsHarness h = new KmsHarness();
    String keyId = h.call("CreateKey", "{\"KeySpec\":\"ECC_NIST_P256\",\"KeyUsage\":\"SIGN_VERIFY\"}")
        .get("KeyMetadata").get("KeyId").asText();
    byte[] message = new byte[64];
    for (int i = 0; i < message.length; i++) {
      message[i] = (byte) i; // bench/kmsbench.py's message
    }
    ObjectNode in = (ObjectNode) KmsHarness.JSON.readTree("{\"KeyId\":\"" + keyId + "\",\"Message\":\""
        + Base64.getEncoder().encodeToString(message) + "\",\"MessageType\":\"RAW\","
        + "\"SigningAlgorithm\":\"ECDSA_SHA_256\"}");
    CallContext ctx = h.context(Principal.root(KmsHarness.ACCOUNT, "AKIAROOTKEY000000001"), KmsHarness.REGION);
    Operation sign = h.kms.operations().get("Sign").operation();
    PrivateKey key = h.kms.core().locate(ctx, keyId, false, KeyAccess.to("Sign")).keyPair().privateKey();
    Signature raw = Signature.getInstance("SHA256withECDSA", "SunEC");
    long sink = 0;
    for (int round = 0; round < ROUNDS; round++) {
      long t = THREADS.getCurrentThreadCpuTime();
      for (int i = 0; i < PER_ROUND; i++) {
        raw.initSign(key);
        raw.update(message);
        sink += raw.sign().length;
      }
      long rawNs = THREADS.getCurrentThreadCpuTime() - t;
      t = THREADS.getCurrentThreadCpuTime();
      for (int i = 0; i < PER_ROUND; i++) {
        sink += sign.invoke(ctx, in).size();
      }
      long opNs = THREADS.getCurrentThreadCpuTime() - t;
      System.out.printf("round %d: raw JCA %.0f us, Sign operation %.0f us per signature (thread CPU)%n",
          round, rawNs / 1000.0 / PER_ROUND, opNs / 1000.0 / PER_ROUND);
    }
    System.out.println("(" + sink + ")");
  }
}

package io.keywarden.services.audit;

import static io.keywarden.services.audit.AuditedKms.ACCOUNT;

import io.keywarden.domain.audit.AuditEvent;
import io.keywarden.domain.identity.Principal;
import io.keywarden.services.api.CallContext;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * How long building one Encrypt call's CloudTrail record takes, in process, up to its UTF-8 bytes
 * as the log takes them (docs/PERFORMANCE.md, issue 5). Not a test: run with {@code mvn -o -q -pl keywarden-services -am test
 * -Dtest=CloudTrailRecordBenchmark -Dkeywarden.bench=true -Dsurefire.failIfNoSpecifiedTests=false};
 * the figures are in {@code target/surefire-reports/*CloudTrailRecordBenchmark-output.txt}.
 */
@EnabledIfSystemProperty(named = "keywarden.bench", matches = "true")
class CloudTrailRecordBenchmark {
  private static final int ROUNDS = 10;
  private static final int PER_ROUND = 200_000;

  @Test
  void encryptRecord() {
    AuditedKms h = new AuditedKms();
    String key = h.createKey("{}");
    CallContext context = h.context(Principal.root(ACCOUNT, "AKIAROOTKEY000000001"));
    var input = AuditedKms.parse("{\"KeyId\":\"" + key + "\",\"Plaintext\":\"aGVsbG8=\","
        + "\"EncryptionContext\":{\"tenant\":\"t1\"}}");
    var output = h.kms.operations().get("Encrypt").operation().invoke(context, input);
    ApiCall call = new ApiCall(context.requestId(), context.receivedAt(), context.sourceIp(),
        context.userAgent(), null).service("kms", "Encrypt").authenticated(context).input(input).succeeded(output);
    long sink = 0;
    for (int round = 0; round < ROUNDS; round++) {
      long start = System.nanoTime();
      long cpuStart = cpuNanos();
      for (int i = 0; i < PER_ROUND; i++) {
        List<AuditEvent> events = CloudTrailEvents.apiCall(call);
        sink += events.get(0).utf8Length();
      }
      long ns = System.nanoTime() - start;
      long cpu = cpuNanos() - cpuStart;
      System.out.printf("round %d: %.0f ns per Encrypt record (%.0f ns of this thread's CPU)%n", round,
          (double) ns / PER_ROUND, (double) cpu / PER_ROUND);
    }
    System.out.println("record: " + CloudTrailEvents.apiCall(call).get(0).json() + " (" + sink + ")");
  }

  /** This thread's CPU time: less sensitive than the wall clock to other processes on a shared machine. */
  private static long cpuNanos() {
    return java.lang.management.ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
  }
}

package io.keywarden.audit.file;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.keywarden.audit.AuditFixtures;
import io.keywarden.audit.signing.AuditSigningKey;
import io.keywarden.audit.verify.Finding;
import io.keywarden.audit.verify.VerificationReport;
import io.keywarden.trust.passphrase.KdfParameters;
import io.keywarden.trust.passphrase.PassphraseRootOfTrust;
import io.keywarden.trust.passphrase.SealConfig;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * kill -9 under load, repeatedly: a child JVM appends from 8 threads and is SIGKILLed mid-stream;
 * afterwards every acknowledged event is in the log, and the log verifies with no sign of tampering.
 */
class CrashRecoveryTest {
  private static final String PASSPHRASE = "crash test passphrase";
  private static final int ROUNDS = 4;
  @TempDir Path tmp;

  @Test
  void killedRepeatedlyUnderLoad_losesNoAcknowledgedEvent_andVerifies() throws Exception {
    Path dir = tmp.resolve("audit");
    Path sealFile = tmp.resolve("seal");
    SealConfig seal = PassphraseRootOfTrust.initialize(PASSPHRASE.toCharArray(), new KdfParameters(1024, 1, 1));
    Files.write(sealFile, seal.encoded());

    Set<String> acked = ConcurrentHashMap.newKeySet();
    for (int round = 0; round < ROUNDS; round++) {
      int before = acked.size();
      runAndKill(dir, sealFile, acked, 300 + 200 * round);
      assertTrue(acked.size() > before, "round " + round + " acknowledged appends");
    }

    VerificationReport crashed = AuditFixtures.verify(dir);
    assertFalse(crashed.has(Finding.Severity.TAMPERED), crashed.findings()::toString);

    PassphraseRootOfTrust root = new PassphraseRootOfTrust(seal);
    root.unseal(PASSPHRASE.toCharArray());
    Set<String> logged = new HashSet<>();
    try (FileAuditLog log = FileAuditLog.open(dir, AuditSigningKey.in(dir, root), AuditLogOptions.defaults(),
        Clock.systemUTC())) {
      log.scanNewestFirst(Instant.EPOCH, Instant.MAX, e -> logged.add(e.eventId()));
    }
    Set<String> lost = new HashSet<>(acked);
    lost.removeAll(logged);
    assertEquals(Set.of(), lost, "acknowledged events missing after kill -9");

    VerificationReport report = AuditFixtures.verify(dir);
    assertEquals(0, report.exitCode(), report.findings()::toString);
    assertTrue(report.of(Finding.Kind.UNCLEAN_STOP).size() >= ROUNDS - 1, report.findings()::toString);
    System.out.println("crash test: " + acked.size() + " acknowledged, " + report.events() + " in the log, "
        + report.digests() + " digests, " + AuditFixtures.segments(dir).size() + " segments");
  }

  private static void runAndKill(Path dir, Path sealFile, Set<String> acked, int killAfter) throws Exception {
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    Process p = new ProcessBuilder(java.toString(), "-cp", System.getProperty("java.class.path"),
        AppendUntilKilled.class.getName(), dir.toString(), sealFile.toString(), PASSPHRASE)
        .redirectError(ProcessBuilder.Redirect.DISCARD)
        .start();
    CountDownLatch enough = new CountDownLatch(killAfter);
    Thread reader = new Thread(() -> {
      try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
        String line;
        while ((line = r.readLine()) != null) {
          if (line.startsWith("ACK ") && line.length() == 40) { // a whole line: the id was printed in full
            acked.add(line.substring(4));
            enough.countDown();
          }
        }
      } catch (java.io.IOException e) {
        // the stream ends with the process
      }
    });
    reader.start();
    boolean reached = enough.await(60, TimeUnit.SECONDS);
    p.destroyForcibly(); // SIGKILL
    assertTrue(p.waitFor(30, TimeUnit.SECONDS));
    reader.join(10_000);
    assertTrue(reached, "the child acknowledged " + killAfter + " appends within 60 s");
  }
}

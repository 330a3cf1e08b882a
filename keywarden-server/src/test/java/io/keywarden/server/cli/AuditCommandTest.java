package io.keywarden.server.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.keywarden.audit.file.AuditLogOptions;
import io.keywarden.audit.file.FileAuditLog;
import io.keywarden.audit.format.Segment;
import io.keywarden.audit.signing.AuditPublicKeys;
import io.keywarden.audit.signing.AuditSigningKey;
import io.keywarden.domain.audit.AuditEvent;
import io.keywarden.trust.ephemeral.EphemeralRootOfTrust;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code keywarden audit verify|export|public-key} on a real log, through picocli as the jar runs it. */
class AuditCommandTest {
  private static final Instant T0 = Instant.parse("2025-05-01T10:00:00Z");
  @TempDir Path data;
  private Path audit;

  @BeforeEach
  void writeLog() throws Exception {
    audit = FileAuditLog.directoryOf(data);
    AuditLogOptions options = AuditLogOptions.defaults().withDigestEveryRecords(5);
    try (FileAuditLog log = FileAuditLog.open(audit, AuditSigningKey.in(audit, new EphemeralRootOfTrust()),
        options, Clock.systemUTC())) {
      for (int i = 0; i < 20; i++) {
        String id = UUID.randomUUID().toString();
        Instant t = T0.plus(Duration.ofMinutes(i));
        log.append(new AuditEvent(id, t, "{\"eventID\":\"" + id + "\",\"eventTime\":\"" + t + "\",\"n\":" + i + "}"))
            .join();
      }
    }
  }

  @Test
  void verify_intactLog_exits0() {
    Run r = run("audit", "verify", "--data-dir", data.toString());
    assertEquals(0, r.code, r.out);
    assertTrue(r.out.contains("Records: 20 events"), r.out);
    assertTrue(r.out.contains("Intact."), r.out);
  }

  @Test
  void verify_modifiedRecord_exits1_andSaysWhich() throws Exception {
    Path segment = Segment.list(audit).get(0).path();
    String text = Files.readString(segment).replace("\"n\":7}", "\"n\":8}");
    Files.writeString(segment, text);
    Run r = run("audit", "verify", "--data-dir", data.toString());
    assertEquals(1, r.code, r.out);
    assertTrue(r.out.contains("TAMPERED MODIFIED"), r.out);
  }

  @Test
  void verify_logWithoutItsFinalDigest_exits3() throws Exception {
    Path segment = Segment.list(audit).get(0).path();
    List<String> lines = Files.readAllLines(segment);
    Files.write(segment, lines.subList(0, lines.size() - 1));
    Run r = run("audit", "verify", "--data-dir", data.toString());
    assertEquals(3, r.code, r.out);
    assertTrue(r.out.contains("NOT_COVERED"), r.out);
  }

  @Test
  void verify_withTheExportedKey_exits0_andWithAnotherKey_exits1() throws Exception {
    Run key = run("audit", "public-key", "--data-dir", data.toString());
    assertEquals(0, key.code, key.err);
    Path exported = data.resolveSibling(data.getFileName() + "-audit.pem");
    Files.writeString(exported, key.out);
    try {
      assertEquals(0, run("audit", "verify", "--data-dir", data.toString(), "--public-key", exported.toString()).code);
      Files.writeString(exported,
          AuditPublicKeys.toPem(KeyPairGenerator.getInstance("Ed25519").generateKeyPair().getPublic()));
      Run wrong = run("audit", "verify", "--data-dir", data.toString(), "--public-key", exported.toString());
      assertEquals(1, wrong.code, wrong.out);
      assertTrue(wrong.out.contains("DIGEST_SIGNATURE_INVALID"), wrong.out);
    } finally {
      Files.deleteIfExists(exported);
    }
  }

  @Test
  void verify_timeRange_andBadTime() {
    Run r = run("audit", "verify", "--data-dir", data.toString(), "--from", "2025-05-01", "--to", "2025-05-02");
    assertEquals(0, r.code, r.out);
    assertEquals(2, run("audit", "verify", "--data-dir", data.toString(), "--from", "yesterday").code);
  }

  @Test
  void export_writesTheRangeAsJsonLines() throws Exception {
    Path out = data.resolve("export.jsonl");
    Run r = run("audit", "export", "--data-dir", data.toString(),
        "--from", T0.plus(Duration.ofMinutes(5)).toString(), "--to", T0.plus(Duration.ofMinutes(8)).toString(),
        "--out", out.toString());
    assertEquals(0, r.code, r.err);
    List<String> lines = Files.readAllLines(out, StandardCharsets.UTF_8);
    assertEquals(3, lines.size());
    assertTrue(lines.get(0).endsWith("\"n\":5}") && lines.get(2).endsWith("\"n\":7}"), lines::toString);
    assertTrue(r.err.contains("Exported 3 events"), r.err);

    Run all = run("audit", "export", "--data-dir", data.toString());
    assertEquals(20, all.out.lines().count());
  }

  private record Run(int code, String out, String err) {}

  private static Run run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cli = new CommandLine(new Main());
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    int code = cli.execute(args);
    return new Run(code, out.toString(), err.toString());
  }
}

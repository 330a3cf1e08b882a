package io.keywarden.server.cli;

import io.keywarden.audit.file.AuditExport;
import io.keywarden.audit.file.FileAuditLog;
import io.keywarden.audit.signing.AuditPublicKeys;
import io.keywarden.audit.verify.AuditVerifier;
import io.keywarden.audit.verify.Finding;
import io.keywarden.audit.verify.VerificationReport;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code keywarden audit verify|export|public-key}: the audit log of a data directory, read from its
 * files (the server may be running). None of them needs the passphrase.
 */
@Command(
    name = "audit",
    description = "Verify, export, or show the public key of the audit log (works on the data directory).",
    mixinStandardHelpOptions = true,
    subcommands = {AuditCommand.Verify.class, AuditCommand.Export.class, AuditCommand.PublicKeyCommand.class})
public final class AuditCommand {
  private AuditCommand() {}

  /** {@code keywarden audit verify}. */
  @Command(
      name = "verify",
      description = {
        "Check the audit log's hash chain, sequence numbers and signed digests, and report every",
        "modified, deleted, inserted or reordered record, bad digest, and record not covered by a digest.",
        "Exit code: 0 intact, 1 tampering found, 3 not fully proven (records not covered by a signed",
        "digest, or no public key)."
      },
      mixinStandardHelpOptions = true)
  static final class Verify implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(names = "--data-dir", description = "Data directory (default: $KEYWARDEN_DATA_DIR or ./keywarden-data).")
    Path dataDir;

    @Option(names = "--from", description = "Check only segments with records from this time (ISO-8601 instant or date).")
    String from;

    @Option(names = "--to", description = "...and before this time.")
    String to;

    @Option(names = "--public-key",
        description = "The audit public key (PEM) you exported; default: the copy stored beside the log.")
    Path publicKey;

    @Override
    public Integer call() throws IOException {
      PrintWriter out = spec.commandLine().getOut();
      Path dir = FileAuditLog.directoryOf(DataDirs.resolve(dataDir));
      Optional<PublicKey> key;
      if (publicKey != null) {
        key = Optional.of(AuditPublicKeys.fromPem(Files.readString(publicKey)));
      } else {
        key = AuditPublicKeys.readBeside(dir);
        key.ifPresent(k -> out.println("Using the public key stored beside the log (key id " + AuditPublicKeys.keyId(k)
            + "); pass --public-key with your exported copy to prove the log's origin."));
      }
      AuditPublicKeys keys = key.map(AuditPublicKeys::of).orElseGet(AuditPublicKeys::of);
      VerificationReport r =
          new AuditVerifier(dir, keys, Clock.systemUTC()).verify(instant(spec, from), instant(spec, to));
      out.println("Records: " + r.events() + " events, " + r.digests() + " digests"
          + (r.firstSeq() < 0 ? "" : ", seq " + r.firstSeq() + ".." + r.lastSeq()));
      for (Finding f : r.findings()) {
        out.println(f);
      }
      out.println(switch (r.exitCode()) {
        case VerificationReport.EXIT_INTACT -> "Intact.";
        case VerificationReport.EXIT_TAMPERED -> "TAMPERED: the log was changed.";
        default -> "Not fully proven: see above.";
      });
      out.flush();
      return r.exitCode();
    }
  }

  /** {@code keywarden audit export}. */
  @Command(
      name = "export",
      description = "Write the CloudTrail records of a time range as JSON lines, oldest first.",
      mixinStandardHelpOptions = true)
  static final class Export implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(names = "--data-dir", description = "Data directory (default: $KEYWARDEN_DATA_DIR or ./keywarden-data).")
    Path dataDir;

    @Option(names = "--from", description = "Events from this time (ISO-8601 instant or date; default: the first).")
    String from;

    @Option(names = "--to", description = "Events before this time (default: now and later).")
    String to;

    @Option(names = "--out", description = "Write to this file (default: standard output).")
    Path outFile;

    @Override
    public Integer call() throws IOException {
      Path dir = FileAuditLog.directoryOf(DataDirs.resolve(dataDir));
      Instant a = Optional.ofNullable(instant(spec, from)).orElse(Instant.MIN);
      Instant b = Optional.ofNullable(instant(spec, to)).orElse(Instant.MAX);
      AuditExport.Result result;
      if (outFile == null) {
        Writer w = spec.commandLine().getOut();
        result = AuditExport.export(dir, a, b, w);
      } else {
        try (Writer w = new BufferedWriter(new OutputStreamWriter(Files.newOutputStream(outFile), StandardCharsets.UTF_8))) {
          result = AuditExport.export(dir, a, b, w);
        }
      }
      PrintWriter err = spec.commandLine().getErr();
      err.println("Exported " + result.events() + " events"
          + (result.skippedLines() > 0 ? "; skipped " + result.skippedLines()
              + " damaged lines (run 'keywarden audit verify')" : "") + ".");
      err.flush();
      return 0;
    }
  }

  /** {@code keywarden audit public-key}. */
  @Command(
      name = "public-key",
      description = "Print the audit log's public key (PEM), to keep elsewhere for 'audit verify --public-key'.",
      mixinStandardHelpOptions = true)
  static final class PublicKeyCommand implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(names = "--data-dir", description = "Data directory (default: $KEYWARDEN_DATA_DIR or ./keywarden-data).")
    Path dataDir;

    @Override
    public Integer call() throws IOException {
      Path dir = FileAuditLog.directoryOf(DataDirs.resolve(dataDir));
      Optional<PublicKey> key = AuditPublicKeys.readBeside(dir);
      if (key.isEmpty()) {
        spec.commandLine().getErr().println("No audit signing key yet in " + dir
            + " (it is created with the first signed digest, once the server is unsealed).");
        return 1;
      }
      spec.commandLine().getOut().print(AuditPublicKeys.toPem(key.get()));
      spec.commandLine().getOut().flush();
      return 0;
    }
  }

  /** An ISO-8601 instant, or a date (its start, UTC); {@code null} stays {@code null}. */
  static Instant instant(CommandSpec spec, String s) {
    if (s == null) {
      return null;
    }
    try {
      return s.length() == 10 ? LocalDate.parse(s).atStartOfDay(ZoneOffset.UTC).toInstant() : Instant.parse(s);
    } catch (DateTimeParseException e) {
      throw new ParameterException(spec.commandLine(), "not an ISO-8601 instant or date: " + s);
    }
  }
}

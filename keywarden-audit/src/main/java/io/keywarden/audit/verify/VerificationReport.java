package io.keywarden.audit.verify;

import java.util.List;
import java.util.Set;

/**
 * What the verifier found.
 *
 * @param events event records read
 * @param digests digest records read (valid or not)
 * @param firstSeq lowest sequence number read, or -1
 * @param lastSeq highest sequence number read, or -1
 * @param keyIds the signing key ids the digests name
 */
public record VerificationReport(
    List<Finding> findings, long events, long digests, long firstSeq, long lastSeq, Set<String> keyIds) {

  public static final int EXIT_INTACT = 0;
  public static final int EXIT_TAMPERED = 1;
  public static final int EXIT_INCOMPLETE = 3;

  public VerificationReport {
    findings = List.copyOf(findings);
    keyIds = Set.copyOf(keyIds);
  }

  /** 0: intact and fully covered by signed digests; 1: tampering found; 3: otherwise not fully proven. */
  public int exitCode() {
    if (has(Finding.Severity.TAMPERED)) {
      return EXIT_TAMPERED;
    }
    return has(Finding.Severity.INCOMPLETE) ? EXIT_INCOMPLETE : EXIT_INTACT;
  }

  public boolean has(Finding.Severity s) {
    return findings.stream().anyMatch(f -> f.severity() == s);
  }

  public List<Finding> of(Finding.Kind kind) {
    return findings.stream().filter(f -> f.kind() == kind).toList();
  }
}

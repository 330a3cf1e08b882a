package io.keywarden.audit.verify;

import static io.keywarden.audit.AuditFixtures.appendEach;
import static io.keywarden.audit.AuditFixtures.lines;
import static io.keywarden.audit.AuditFixtures.open;
import static io.keywarden.audit.AuditFixtures.options;
import static io.keywarden.audit.AuditFixtures.segments;
import static io.keywarden.audit.AuditFixtures.verify;
import static io.keywarden.audit.AuditFixtures.writeLines;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.keywarden.audit.file.FileAuditLog;
import io.keywarden.audit.format.AuditRecord;
import io.keywarden.audit.format.ChainHash;
import io.keywarden.audit.format.DigestRecord;
import io.keywarden.audit.format.EventRecord;
import io.keywarden.audit.format.RecordCodec;
import io.keywarden.audit.format.Segment;
import io.keywarden.audit.signing.AuditPublicKeys;
import io.keywarden.audit.signing.AuditSigningKey;
import io.keywarden.audit.verify.Finding.Kind;
import io.keywarden.trust.ephemeral.EphemeralRootOfTrust;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each way of tampering with a stored log, and what {@link AuditVerifier} reports for it. */
class VerifierTamperTest {
  @TempDir Path dir;
  private Segment segment;
  private List<String> lines;

  @BeforeEach
  void writeLog() throws Exception {
    try (FileAuditLog log = open(dir, AuditSigningKey.in(dir, new EphemeralRootOfTrust()), options())) {
      appendEach(log, 0, 50, null);
    }
    List<Segment> segs = segments(dir);
    assertEquals(1, segs.size());
    segment = segs.get(0);
    lines = lines(segment);
  }

  @Test
  void untouchedLog_isIntact() throws Exception {
    VerificationReport r = verify(dir);
    assertEquals(0, r.exitCode());
    assertTrue(r.findings().isEmpty(), r.findings()::toString);
    assertEquals(50, r.events());
  }

  @Test
  void oneByteChangedInARecord_isReportedAsThatRecordModified() throws Exception {
    int i = eventLine(20);
    lines.set(i, lines.get(i).replace("\"eventName\":\"Encrypt\"", "\"eventName\":\"Encrypz\""));
    writeLines(segment, lines);
    VerificationReport r = verify(dir);
    assertEquals(1, r.exitCode());
    assertEquals(Set.of(Kind.MODIFIED), kinds(r), r.findings()::toString);
    assertEquals(seqOf(i), r.of(Kind.MODIFIED).get(0).seq());
  }

  @Test
  void deletedLine_isReportedAsThoseSequenceNumbersMissing() throws Exception {
    int i = eventLine(20);
    long seq = seqOf(i);
    lines.remove(i);
    writeLines(segment, lines);
    VerificationReport r = verify(dir);
    assertEquals(1, r.exitCode());
    assertEquals(Set.of(Kind.DELETED), kinds(r), r.findings()::toString);
    assertEquals(seq, r.of(Kind.DELETED).get(0).seq());
  }

  @Test
  void forgedLineInserted_isReportedAsInserted() throws Exception {
    int i = eventLine(20);
    String forged = lines.get(i).replace("\"keyId\":\"alias/app\"", "\"keyId\":\"alias/other\"");
    lines.add(i + 1, forged);
    writeLines(segment, lines);
    VerificationReport r = verify(dir);
    assertEquals(1, r.exitCode());
    assertEquals(Set.of(Kind.INSERTED), kinds(r), r.findings()::toString);
    assertTrue(r.of(Kind.INSERTED).get(0).location().endsWith("line " + (i + 2)), r.findings()::toString);
  }

  @Test
  void twoLinesSwapped_isReportedAsReordered() throws Exception {
    int i = eventLine(20);
    int j = eventLine(21);
    String a = lines.get(i);
    lines.set(i, lines.get(j));
    lines.set(j, a);
    writeLines(segment, lines);
    VerificationReport r = verify(dir);
    assertEquals(1, r.exitCode());
    assertEquals(Set.of(Kind.REORDERED), kinds(r), r.findings()::toString);
  }

  @Test
  void recordMovedFarBack_isOneReorderedRecord() throws Exception {
    int from = eventLine(40);
    String moved = lines.remove(from);
    lines.add(eventLine(5), moved);
    writeLines(segment, lines);
    VerificationReport r = verify(dir);
    assertEquals(1, r.of(Kind.REORDERED).size(), r.findings()::toString);
    assertEquals(Set.of(Kind.REORDERED), kinds(r));
  }

  @Test
  void tailAfterTheLastDigestRemoved_isReportedAsNotCovered() throws Exception {
    int lastPeriodicDigest = digestLines().get(digestLines().size() - 2);
    writeLines(segment, new ArrayList<>(lines.subList(0, lastPeriodicDigest + 1)));
    VerificationReport r = verify(dir);
    assertEquals(3, r.exitCode(), r.findings()::toString);
    assertEquals(Set.of(Kind.NOT_COVERED), kinds(r), r.findings()::toString);
  }

  @Test
  void finalDigestRemoved_isReportedAsNotCovered() throws Exception {
    lines.remove(lines.size() - 1);
    writeLines(segment, lines);
    VerificationReport r = verify(dir);
    assertEquals(3, r.exitCode(), r.findings()::toString);
    assertEquals(Set.of(Kind.NOT_COVERED), kinds(r));
  }

  @Test
  void digestFieldChanged_isReportedAsAnInvalidSignature() throws Exception {
    int d = digestLines().get(2);
    lines.set(d, lines.get(d).replace("\"interval\":3600", "\"interval\":3601"));
    writeLines(segment, lines);
    VerificationReport r = verify(dir);
    assertEquals(1, r.exitCode());
    assertEquals(1, r.of(Kind.DIGEST_SIGNATURE_INVALID).size(), r.findings()::toString);
    assertEquals(seqOf(d), r.of(Kind.DIGEST_SIGNATURE_INVALID).get(0).seq());
  }

  @Test
  void forgedDigestAppended_isReportedAsAnInvalidSignature() throws Exception {
    DigestRecord last = (DigestRecord) RecordCodec.parse(lines.get(lines.size() - 1));
    String lastHash = ChainHash.of(lines.get(lines.size() - 1).getBytes(StandardCharsets.UTF_8));
    DigestRecord forged = new DigestRecord(last.seq() + 1, lastHash, last.time().plusSeconds(1), last.seq() + 1,
        lastHash, 0, ChainHash.ZERO, 3600, true, false, last.keyId(),
        Base64.getEncoder().encodeToString(new byte[64]));
    lines.add(RecordCodec.encode(forged));
    writeLines(segment, lines);
    VerificationReport r = verify(dir);
    assertEquals(1, r.exitCode());
    assertEquals(1, r.of(Kind.DIGEST_SIGNATURE_INVALID).size(), r.findings()::toString);
    assertEquals(last.seq() + 1, r.of(Kind.DIGEST_SIGNATURE_INVALID).get(0).seq());
  }

  @Test
  void chainRewrittenAndResignedWithAnotherKey_isDetected() throws Exception {
    int i = eventLine(10);
    lines.set(i, lines.get(i).replace("\"eventName\":\"Encrypt\"", "\"eventName\":\"Decrypt\""));
    String genuineKeyId = AuditPublicKeys.keyId(AuditPublicKeys.readBeside(dir).orElseThrow());
    KeyPair attacker = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
    writeLines(segment, rechain(lines, attacker));
    VerificationReport r = verify(dir);
    assertEquals(1, r.exitCode());
    assertEquals(r.digests(), r.of(Kind.DIGEST_SIGNATURE_INVALID).size(), r.findings()::toString);
    assertEquals(Set.of(Kind.DIGEST_SIGNATURE_INVALID, Kind.NOT_COVERED), kinds(r), r.findings()::toString);

    // A forger who also replaces the public key beside the log gets a consistent log, signed by a key
    // whose id is not the operator's: only the exported public key (--public-key) proves origin.
    Files.writeString(dir.resolve(AuditPublicKeys.PEM_FILE), AuditPublicKeys.toPem(attacker.getPublic()));
    VerificationReport withForgedKey = verify(dir);
    assertEquals(0, withForgedKey.exitCode(), withForgedKey.findings()::toString);
    assertFalse(withForgedKey.keyIds().contains(genuineKeyId));
  }

  @Test
  void garbageLine_isMalformed_notAlsoDeleted() throws Exception {
    int i = eventLine(30);
    lines.set(i, "this is not a record");
    writeLines(segment, lines);
    VerificationReport r = verify(dir);
    assertEquals(1, r.exitCode());
    assertTrue(kinds(r).contains(Kind.MALFORMED), r.findings()::toString);
    assertFalse(kinds(r).contains(Kind.DELETED), r.findings()::toString);
  }

  @Test
  void anotherPublicKey_failsEveryDigest() throws Exception {
    KeyPair other = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
    VerificationReport r = new AuditVerifier(dir, AuditPublicKeys.of(other.getPublic()), Clock.systemUTC()).verify();
    assertEquals(1, r.exitCode());
    assertEquals(r.digests(), r.of(Kind.DIGEST_SIGNATURE_INVALID).size());
  }

  @Test
  void removedLog_isIncomplete() throws Exception {
    Files.delete(segment.path());
    VerificationReport r = new AuditVerifier(dir, AuditPublicKeys.of(), Clock.systemUTC()).verify();
    assertEquals(3, r.exitCode());
    assertEquals(Set.of(Kind.EMPTY), kinds(r));
  }

  @Test
  void noPublicKey_isIncomplete() throws Exception {
    VerificationReport r = new AuditVerifier(dir, AuditPublicKeys.of(), Clock.systemUTC()).verify();
    assertEquals(3, r.exitCode());
    assertEquals(Set.of(Kind.NO_PUBLIC_KEY), kinds(r));
  }

  @Test
  void openLog_tailNotYetCovered_isANote_untilTheDigestIsOverdue() throws Exception {
    Path live = dir.resolve("live");
    AuditSigningKey liveKey = AuditSigningKey.in(live, new EphemeralRootOfTrust());
    try (FileAuditLog log = open(live, liveKey, options().withDigestEveryRecords(1000))) {
      appendEach(log, 0, 5, null);
      VerificationReport now = verify(live);
      assertEquals(0, now.exitCode(), now.findings()::toString);
      assertEquals(Set.of(Kind.NOT_COVERED), kinds(now));
      VerificationReport later = verify(live, Clock.offset(Clock.systemUTC(), Duration.ofHours(3)));
      assertEquals(3, later.exitCode(), later.findings()::toString);
    }
  }

  private int eventLine(int n) {
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).contains("\"n\":" + n + "}")) {
        return i;
      }
    }
    throw new AssertionError("no event " + n);
  }

  private List<Integer> digestLines() {
    List<Integer> d = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).contains("\"type\":\"digest\"")) {
        d.add(i);
      }
    }
    return d;
  }

  private long seqOf(int line) throws Exception {
    return RecordCodec.parse(lines.get(line)).seq();
  }

  private static Set<Kind> kinds(VerificationReport r) {
    return r.findings().stream().map(Finding::kind).collect(Collectors.toSet());
  }

  /** What a forger without the signing key can do: recompute every hash and sign the digests itself. */
  private static List<String> rechain(List<String> in, KeyPair key) throws Exception {
    List<String> out = new ArrayList<>();
    String prev = ChainHash.ZERO;
    String prevDigest = ChainHash.ZERO;
    String keyId = AuditPublicKeys.keyId(key.getPublic());
    for (String line : in) {
      AuditRecord r = parseLenient(line);
      String encoded;
      if (r instanceof EventRecord e) {
        encoded = RecordCodec.encode(new EventRecord(e.seq(), prev, e.time(), e.eventId(), e.eventJson()));
      } else {
        DigestRecord d = (DigestRecord) r;
        DigestRecord u = new DigestRecord(d.seq(), prev, d.time(), d.from(), prevDigest, d.chainStart(),
            d.chainStartPrev(), d.intervalSeconds(), d.finalDigest(), d.afterUncleanStop(), keyId, "");
        Signature s = Signature.getInstance("Ed25519");
        s.initSign(key.getPrivate());
        s.update(u.signedBytes());
        encoded = RecordCodec.encode(u.withSignature(Base64.getEncoder().encodeToString(s.sign())));
        prevDigest = ChainHash.of(encoded.getBytes(StandardCharsets.UTF_8));
      }
      prev = ChainHash.of(encoded.getBytes(StandardCharsets.UTF_8));
      out.add(encoded);
    }
    return out;
  }

  private static AuditRecord parseLenient(String line) throws Exception {
    return RecordCodec.parse(line);
  }
}

package io.keywarden.audit;

import io.keywarden.audit.file.AuditLogOptions;
import io.keywarden.audit.file.FileAuditLog;
import io.keywarden.audit.format.Segment;
import io.keywarden.audit.signing.AuditPublicKeys;
import io.keywarden.audit.signing.AuditSigningKey;
import io.keywarden.audit.verify.AuditVerifier;
import io.keywarden.audit.verify.VerificationReport;
import io.keywarden.domain.audit.AuditEvent;
import io.keywarden.domain.audit.AuditLog;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

/** Logs, events and tampering helpers for the audit tests: real files in temp directories. */
public final class AuditFixtures {
  private AuditFixtures() {}

  /** A digest every 10 records (and hourly), default segment size. */
  public static AuditLogOptions options() {
    return AuditLogOptions.defaults().withDigestInterval(Duration.ofHours(1)).withDigestEveryRecords(10);
  }

  public static FileAuditLog open(Path dir, AuditSigningKey key, AuditLogOptions options) {
    return open(dir, key, options, Clock.systemUTC());
  }

  public static FileAuditLog open(Path dir, AuditSigningKey key, AuditLogOptions options, Clock clock) {
    try {
      return FileAuditLog.open(dir, key, options, clock);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static AuditEvent event(int n) {
    return event(n, Instant.now());
  }

  /** A CloudTrail-shaped event whose {@code n} field tells which it is. */
  public static AuditEvent event(int n, Instant time) {
    String id = UUID.randomUUID().toString();
    String json = "{\"eventVersion\":\"1.11\",\"eventTime\":\"" + time + "\",\"eventSource\":\"kms.amazonaws.com\","
        + "\"eventName\":\"Encrypt\",\"requestParameters\":{\"keyId\":\"alias/app\",\"n\":" + n + "},"
        + "\"eventID\":\"" + id + "\",\"readOnly\":true}";
    return new AuditEvent(id, time, json);
  }

  /** Appends {@code count} events and waits until every one is durable. */
  public static List<AuditEvent> appendAll(AuditLog log, int first, int count) {
    List<AuditEvent> events = new ArrayList<>();
    List<CompletableFuture<Void>> done = new ArrayList<>();
    for (int i = first; i < first + count; i++) {
      AuditEvent e = event(i);
      events.add(e);
      done.add(log.append(e));
    }
    CompletableFuture.allOf(done.toArray(CompletableFuture[]::new)).join();
    return events;
  }

  /** Appends {@code count} events one after the other, each durable before the next (one batch each). */
  public static void appendEach(AuditLog log, int first, int count, Instant time) {
    for (int i = first; i < first + count; i++) {
      log.append(event(i, time == null ? Instant.now() : time.plusSeconds(i))).join();
    }
  }

  public static VerificationReport verify(Path dir) throws IOException {
    return verify(dir, Clock.systemUTC());
  }

  public static VerificationReport verify(Path dir, Clock clock) throws IOException {
    AuditPublicKeys keys = AuditPublicKeys.of(AuditPublicKeys.readBeside(dir).orElseThrow());
    return new AuditVerifier(dir, keys, clock).verify();
  }

  public static List<Segment> segments(Path dir) throws IOException {
    return Segment.list(dir);
  }

  /** The lines of a segment file (without newlines). */
  public static List<String> lines(Segment s) throws IOException {
    return new ArrayList<>(Files.readAllLines(s.path(), StandardCharsets.UTF_8));
  }

  public static void writeLines(Segment s, List<String> lines) throws IOException {
    StringBuilder b = new StringBuilder();
    for (String l : lines) {
      b.append(l).append('\n');
    }
    Files.writeString(s.path(), b, StandardCharsets.UTF_8);
  }
}

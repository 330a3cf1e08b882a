package io.keywarden.audit.file;

import io.keywarden.audit.AuditFixtures;
import io.keywarden.audit.signing.AuditSigningKey;
import io.keywarden.domain.audit.AuditEvent;
import io.keywarden.trust.passphrase.PassphraseRootOfTrust;
import io.keywarden.trust.passphrase.SealConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The process that {@link CrashRecoveryTest} kills: opens the log, and from 8 threads appends events
 * for ever, printing {@code ACK <eventId>} once each append's future has completed (so a printed id
 * is an acknowledged one).
 *
 * <p>Arguments: the audit directory, the seal file, the passphrase.
 */
public final class AppendUntilKilled {
  private AppendUntilKilled() {}

  public static void main(String[] args) throws Exception {
    Path dir = Path.of(args[0]);
    PassphraseRootOfTrust root = new PassphraseRootOfTrust(SealConfig.parse(Files.readAllBytes(Path.of(args[1]))));
    root.unseal(args[2].toCharArray());
    AuditLogOptions options = AuditLogOptions.defaults().withDigestEveryRecords(100).withSegmentMaxBytes(64 << 10);
    FileAuditLog log = FileAuditLog.open(dir, AuditSigningKey.in(dir, root), options, Clock.systemUTC());
    AtomicInteger n = new AtomicInteger();
    Object out = new Object();
    for (int t = 0; t < 8; t++) {
      Thread th = new Thread(() -> {
        while (true) {
          AuditEvent e = AuditFixtures.event(n.incrementAndGet());
          log.append(e).join();
          synchronized (out) {
            System.out.println("ACK " + e.eventId());
            System.out.flush();
          }
        }
      });
      th.start();
    }
    System.out.println("STARTED");
    System.out.flush();
  }
}

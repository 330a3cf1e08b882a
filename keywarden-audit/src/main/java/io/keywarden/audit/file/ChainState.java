package io.keywarden.audit.file;

import io.keywarden.audit.format.ChainHash;
import io.keywarden.audit.format.DigestRecord;
import java.time.Instant;

/**
 * Where the chain stands: what the next record links to, and the last digest. The writer's copy is
 * guarded by its lock (appenders chain their records onto it); a copy of it is kept as of the last
 * durable record.
 */
final class ChainState {
  long nextSeq;
  String lastHash = ChainHash.ZERO;
  long lastDigestSeq = -1;
  String lastDigestHash = ChainHash.ZERO;
  Instant lastDigestTime;
  long chainStart;
  String chainStartPrev = ChainHash.ZERO;
  long recordsSinceDigest;
  /** The log did not end with a final digest when opened: the next digest says so. */
  boolean uncleanStop;

  ChainState copy() {
    ChainState c = new ChainState();
    c.set(this);
    return c;
  }

  /** Takes every field of {@code o}. */
  void set(ChainState o) {
    nextSeq = o.nextSeq;
    lastHash = o.lastHash;
    lastDigestSeq = o.lastDigestSeq;
    lastDigestHash = o.lastDigestHash;
    lastDigestTime = o.lastDigestTime;
    chainStart = o.chainStart;
    chainStartPrev = o.chainStartPrev;
    recordsSinceDigest = o.recordsSinceDigest;
    uncleanStop = o.uncleanStop;
  }

  /** The first sequence number the next digest covers. */
  long digestFrom() {
    return lastDigestSeq >= 0 ? lastDigestSeq + 1 : chainStart;
  }

  void digested(DigestRecord d, String hash) {
    lastDigestSeq = d.seq();
    lastDigestHash = hash;
    lastDigestTime = d.time();
    chainStart = d.chainStart();
    chainStartPrev = d.chainStartPrev();
    recordsSinceDigest = 0;
    uncleanStop = false;
  }
}

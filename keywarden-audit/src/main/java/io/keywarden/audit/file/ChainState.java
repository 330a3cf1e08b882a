package io.keywarden.audit.file;

import io.keywarden.audit.format.ChainHash;
import io.keywarden.audit.format.DigestRecord;
import java.time.Instant;

/** Where the chain stands: what the next record links to, and the last digest. Writer-confined. */
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

package io.keywarden.audit.format;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Objects;

/**
 * A signed digest, modelled on CloudTrail's digest files: it covers the records {@code from} to {@code
 * seq - 1}; {@code prev} is the hash of the last of them, and through the chain it vouches for all of
 * them. Digests chain to each other through {@code prevDigest}.
 *
 * @param from the first sequence number this digest covers (the previous digest's {@code seq + 1})
 * @param prevDigest the {@link ChainHash} of the previous digest line ({@link ChainHash#ZERO} if none)
 * @param chainStart where the retained chain starts: 0, or after retention deleted older segments the
 *     first sequence number kept
 * @param chainStartPrev the {@code prev} of the record at {@code chainStart}
 * @param intervalSeconds how often the writer signs a digest: the next one is due within this
 * @param finalDigest written when the log was closed cleanly
 * @param afterUncleanStop the first digest after a reopen of a log that did not end with a final digest
 *     (a crash, or a close while the signing key was unavailable)
 * @param keyId which signing key signed it (see {@code AuditPublicKeys.keyId})
 * @param signature base64 of the signature over {@link #signedBytes()}
 */
public record DigestRecord(
    long seq,
    String prev,
    Instant time,
    long from,
    String prevDigest,
    long chainStart,
    String chainStartPrev,
    long intervalSeconds,
    boolean finalDigest,
    boolean afterUncleanStop,
    String keyId,
    String signature)
    implements AuditRecord {

  /** Domain separation: a digest signature can never be mistaken for a signature of anything else. */
  static final String SIGNATURE_CONTEXT = "Keywarden audit digest v1\n";

  public DigestRecord {
    Objects.requireNonNull(prev, "prev");
    Objects.requireNonNull(time, "time");
    Objects.requireNonNull(prevDigest, "prevDigest");
    Objects.requireNonNull(chainStartPrev, "chainStartPrev");
    Objects.requireNonNull(keyId, "keyId");
    Objects.requireNonNull(signature, "signature");
  }

  /** The bytes the signature covers: a fixed context, then the line up to (without) its signature. */
  public byte[] signedBytes() {
    return (SIGNATURE_CONTEXT + RecordCodec.unsignedPrefix(this)).getBytes(StandardCharsets.UTF_8);
  }

  public DigestRecord withSignature(String sig) {
    return new DigestRecord(seq, prev, time, from, prevDigest, chainStart, chainStartPrev,
        intervalSeconds, finalDigest, afterUncleanStop, keyId, sig);
  }
}

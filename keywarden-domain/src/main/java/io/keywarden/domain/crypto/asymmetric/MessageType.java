package io.keywarden.domain.crypto.asymmetric;

/** What a Sign/Verify message is, as the {@code MessageType} enum of the KMS model. */
public enum MessageType {
  /** The message itself; the algorithm hashes it. */
  RAW,
  /** A digest of the message, of the algorithm's hash length. */
  DIGEST,
  /** ML-DSA's 64-byte representative μ (FIPS 204, section 6.2). */
  EXTERNAL_MU
}

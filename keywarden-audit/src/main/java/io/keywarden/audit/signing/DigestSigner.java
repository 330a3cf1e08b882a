package io.keywarden.audit.signing;

/** Signs digest records. */
public interface DigestSigner {
  /** The fingerprint of the public key (see {@link AuditPublicKeys#keyId}). */
  String keyId();

  byte[] sign(byte[] payload);
}

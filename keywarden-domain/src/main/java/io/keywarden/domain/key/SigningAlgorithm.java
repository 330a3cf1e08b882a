package io.keywarden.domain.key;

/**
 * Signing algorithms, as the {@code SigningAlgorithmSpec} enum of the KMS model, with the length of
 * the digest a {@code DIGEST} message must have (0 where DIGEST is not accepted).
 */
public enum SigningAlgorithm {
  RSASSA_PSS_SHA_256(32),
  RSASSA_PSS_SHA_384(48),
  RSASSA_PSS_SHA_512(64),
  RSASSA_PKCS1_V1_5_SHA_256(32),
  RSASSA_PKCS1_V1_5_SHA_384(48),
  RSASSA_PKCS1_V1_5_SHA_512(64),
  ECDSA_SHA_256(32),
  ECDSA_SHA_384(48),
  ECDSA_SHA_512(64),
  SM2DSA(32),
  ML_DSA_SHAKE_256(0),
  ED25519_SHA_512(0),
  /** Requires MessageType DIGEST (64 bytes); KMS still applies Ed25519ph's own SHA-512 prehash. */
  ED25519_PH_SHA_512(64);

  private final int digestLength;

  SigningAlgorithm(int digestLength) {
    this.digestLength = digestLength;
  }

  /** The digest length a DIGEST message must have; 0 when the algorithm takes no DIGEST. */
  public int digestLength() {
    return digestLength;
  }

  /** The JCA name of the hash ("SHA-256"...), for the RSA and ECDSA algorithms. */
  public String hashName() {
    switch (digestLength) {
      case 32:
        return "SHA-256";
      case 48:
        return "SHA-384";
      default:
        return "SHA-512";
    }
  }
}

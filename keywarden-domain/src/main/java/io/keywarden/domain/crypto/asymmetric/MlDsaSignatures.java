package io.keywarden.domain.crypto.asymmetric;

import io.keywarden.domain.crypto.CryptoProviders;
import io.keywarden.domain.crypto.KeyPairMaterial;
import io.keywarden.domain.key.SigningAlgorithm;
import java.security.GeneralSecurityException;
import java.security.Signature;
import java.security.SignatureException;

/**
 * ML-DSA (FIPS 204), pure, with an empty context: RAW messages with ML-DSA, EXTERNAL_MU messages (the
 * 64-byte μ) with Bouncy Castle's ML-DSA-EXTERNAL-MU.
 */
final class MlDsaSignatures implements SignatureScheme {

  @Override
  public byte[] sign(KeyPairMaterial key, SigningAlgorithm algorithm, MessageType type, byte[] message)
      throws GeneralSecurityException {
    Signature s = signature(type);
    s.initSign(key.privateKey());
    s.update(message);
    return s.sign();
  }

  @Override
  public boolean verify(
      KeyPairMaterial key, SigningAlgorithm algorithm, MessageType type, byte[] message, byte[] signature)
      throws GeneralSecurityException {
    Signature s = signature(type);
    s.initVerify(key.publicKey());
    s.update(message);
    try {
      return s.verify(signature);
    } catch (SignatureException malformed) {
      return false;
    }
  }

  private static Signature signature(MessageType type) throws GeneralSecurityException {
    return JcaCache.signature(
        type == MessageType.EXTERNAL_MU ? "ML-DSA-EXTERNAL-MU" : "ML-DSA", CryptoProviders.bouncyCastle());
  }
}

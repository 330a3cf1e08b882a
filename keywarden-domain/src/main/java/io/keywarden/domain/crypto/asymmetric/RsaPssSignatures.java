package io.keywarden.domain.crypto.asymmetric;

import io.keywarden.domain.crypto.CryptoProviders;
import io.keywarden.domain.crypto.KeyPairMaterial;
import io.keywarden.domain.key.SigningAlgorithm;
import java.security.GeneralSecurityException;
import java.security.Signature;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PSSParameterSpec;

/**
 * RSASSA-PSS with MGF1 over the same hash and a salt as long as the hash (what KMS uses; AWS's
 * "verify salt length" cases). RAW messages through the JDK; DIGEST through Bouncy Castle's
 * RAWRSASSA-PSS, which signs a given hash.
 */
final class RsaPssSignatures implements SignatureScheme {

  @Override
  public byte[] sign(KeyPairMaterial key, SigningAlgorithm algorithm, MessageType type, byte[] message)
      throws GeneralSecurityException {
    Signature s = signature(algorithm, type);
    s.initSign(key.privateKey());
    s.update(message);
    return s.sign();
  }

  @Override
  public boolean verify(
      KeyPairMaterial key, SigningAlgorithm algorithm, MessageType type, byte[] message, byte[] signature)
      throws GeneralSecurityException {
    Signature s = signature(algorithm, type);
    s.initVerify(key.publicKey());
    s.update(message);
    return s.verify(signature);
  }

  private static Signature signature(SigningAlgorithm algorithm, MessageType type)
      throws GeneralSecurityException {
    Signature s =
        type == MessageType.DIGEST
            ? JcaCache.signature("RAWRSASSA-PSS", CryptoProviders.bouncyCastle())
            : JcaCache.signature("RSASSA-PSS", null);
    String hash = algorithm.hashName();
    s.setParameter(
        new PSSParameterSpec(
            hash, "MGF1", new MGF1ParameterSpec(hash), algorithm.digestLength(), PSSParameterSpec.TRAILER_FIELD_BC));
    return s;
  }
}

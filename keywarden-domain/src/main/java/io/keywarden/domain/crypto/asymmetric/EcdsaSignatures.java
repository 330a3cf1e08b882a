package io.keywarden.domain.crypto.asymmetric;

import io.keywarden.domain.crypto.CryptoProviders;
import io.keywarden.domain.crypto.KeyPairMaterial;
import io.keywarden.domain.key.KeySpec;
import io.keywarden.domain.key.SigningAlgorithm;
import java.security.GeneralSecurityException;
import java.security.Provider;
import java.security.Security;
import java.security.Signature;
import java.security.SignatureException;

/**
 * ECDSA with DER-encoded signatures (as KMS returns them). NIST curves through the JDK's SunEC,
 * secp256k1 through Bouncy Castle. A DIGEST is signed with NONEwithECDSA.
 */
final class EcdsaSignatures implements SignatureScheme {

  @Override
  public byte[] sign(KeyPairMaterial key, SigningAlgorithm algorithm, MessageType type, byte[] message)
      throws GeneralSecurityException {
    Signature s = JcaCache.signature(jcaName(algorithm, type), provider(key.spec()));
    s.initSign(key.privateKey());
    s.update(message);
    return s.sign();
  }

  @Override
  public boolean verify(
      KeyPairMaterial key, SigningAlgorithm algorithm, MessageType type, byte[] message, byte[] signature)
      throws GeneralSecurityException {
    Signature s = JcaCache.signature(jcaName(algorithm, type), provider(key.spec()));
    s.initVerify(key.publicKey());
    s.update(message);
    try {
      return s.verify(signature);
    } catch (SignatureException malformed) {
      return false;
    }
  }

  private static String jcaName(SigningAlgorithm algorithm, MessageType type) {
    return type == MessageType.DIGEST
        ? "NONEwithECDSA"
        : algorithm.hashName().replace("-", "") + "withECDSA";
  }

  private static Provider provider(KeySpec spec) {
    return spec == KeySpec.ECC_SECG_P256K1 ? CryptoProviders.bouncyCastle() : Security.getProvider("SunEC");
  }
}

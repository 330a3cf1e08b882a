package io.keywarden.domain.crypto.asymmetric;

import io.keywarden.domain.crypto.KeyPairMaterial;
import io.keywarden.domain.key.SigningAlgorithm;
import java.security.GeneralSecurityException;
import java.security.Signature;
import java.security.SignatureException;
import java.util.Arrays;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;
import org.bouncycastle.crypto.signers.Ed25519phSigner;

/**
 * Ed25519 (RFC 8032). ED25519_SHA_512 signs a RAW message with pure Ed25519 (the JDK). ED25519_PH_SHA_512
 * takes a 64-byte DIGEST and, as KMS documents, still applies Ed25519ph's SHA-512 prehash to it, with an
 * empty context (Bouncy Castle).
 */
final class Ed25519Signatures implements SignatureScheme {
  private static final byte[] NO_CONTEXT = new byte[0];

  @Override
  public byte[] sign(KeyPairMaterial key, SigningAlgorithm algorithm, MessageType type, byte[] message)
      throws GeneralSecurityException {
    if (algorithm == SigningAlgorithm.ED25519_PH_SHA_512) {
      byte[] seed = seed(key);
      try {
        Ed25519phSigner signer = new Ed25519phSigner(NO_CONTEXT);
        signer.init(true, new Ed25519PrivateKeyParameters(seed, 0));
        signer.update(message, 0, message.length);
        return signer.generateSignature();
      } finally {
        Arrays.fill(seed, (byte) 0);
      }
    }
    Signature s = JcaCache.signature("Ed25519", java.security.Security.getProvider("SunEC"));
    s.initSign(key.privateKey());
    s.update(message);
    return s.sign();
  }

  @Override
  public boolean verify(
      KeyPairMaterial key, SigningAlgorithm algorithm, MessageType type, byte[] message, byte[] signature)
      throws GeneralSecurityException {
    if (algorithm == SigningAlgorithm.ED25519_PH_SHA_512) {
      Ed25519phSigner verifier = new Ed25519phSigner(NO_CONTEXT);
      verifier.init(false, new Ed25519PublicKeyParameters(rawPublic(key), 0));
      verifier.update(message, 0, message.length);
      return verifier.verifySignature(signature);
    }
    Signature s = JcaCache.signature("Ed25519", java.security.Security.getProvider("SunEC"));
    s.initVerify(key.publicKey());
    s.update(message);
    try {
      return s.verify(signature);
    } catch (SignatureException malformed) {
      return false;
    }
  }

  /** The 32-byte private seed (the JDK's EdEC private key holds it). */
  private static byte[] seed(KeyPairMaterial key) {
    return ((java.security.interfaces.EdECPrivateKey) key.privateKey())
        .getBytes()
        .orElseThrow(() -> new IllegalStateException("Ed25519 private key without its seed"));
  }

  /** The 32-byte public key: the last 32 bytes of its SubjectPublicKeyInfo. */
  private static byte[] rawPublic(KeyPairMaterial key) {
    byte[] spki = key.subjectPublicKeyInfo();
    return Arrays.copyOfRange(spki, spki.length - 32, spki.length);
  }
}

package io.keywarden.domain.crypto.asymmetric;

import io.keywarden.domain.crypto.KeyPairMaterial;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.spec.X509EncodedKeySpec;
import javax.crypto.KeyAgreement;

/**
 * ECDH (SP 800-56A, the cofactor-free primitive on NIST curves): the shared secret is the
 * x-coordinate of the product, as KMS's DeriveSharedSecret returns it (no KDF applied).
 */
public final class Ecdh {
  private Ecdh() {}

  /**
   * @param peerSpki the peer's public key, DER SubjectPublicKeyInfo, on the key's curve
   * @throws IllegalArgumentException if the peer key is malformed or on another curve
   */
  public static byte[] deriveSharedSecret(KeyPairMaterial key, byte[] peerSpki) {
    PublicKey peer;
    try {
      peer = KeyFactory.getInstance("EC", "SunEC").generatePublic(new X509EncodedKeySpec(peerSpki));
    } catch (GeneralSecurityException | RuntimeException e) {
      throw new IllegalArgumentException("the peer public key is not an EC SubjectPublicKeyInfo");
    }
    ECPublicKey ours = (ECPublicKey) key.publicKey();
    ECPublicKey theirs = (ECPublicKey) peer;
    if (!ours.getParams().getCurve().equals(theirs.getParams().getCurve())
        || !ours.getParams().getGenerator().equals(theirs.getParams().getGenerator())) {
      throw new IllegalArgumentException("the peer public key is on another curve");
    }
    try {
      KeyAgreement ka = KeyAgreement.getInstance("ECDH", "SunEC");
      ka.init(key.privateKey());
      ka.doPhase(peer, true);
      return ka.generateSecret();
    } catch (GeneralSecurityException e) {
      throw new IllegalArgumentException("ECDH failed: the peer public key is not valid");
    }
  }
}

package io.keywarden.domain.crypto.asymmetric;

import io.keywarden.domain.crypto.KeyPairMaterial;
import io.keywarden.domain.key.SigningAlgorithm;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.Signature;
import java.util.HexFormat;
import javax.crypto.BadPaddingException;
import javax.crypto.Cipher;

/**
 * RSASSA-PKCS1-v1_5. RAW messages through the JDK's SHAxxxwithRSA; a DIGEST is wrapped in its DigestInfo
 * and padded with PKCS#1 type 1 by the RSA cipher under the private key, which is what the signature
 * algorithm does after hashing (RFC 8017, 9.2).
 */
final class RsaPkcs1Signatures implements SignatureScheme {
  private static final HexFormat HEX = HexFormat.of();

  @Override
  public byte[] sign(KeyPairMaterial key, SigningAlgorithm algorithm, MessageType type, byte[] message)
      throws GeneralSecurityException {
    if (type == MessageType.DIGEST) {
      Cipher rsa = Cipher.getInstance("RSA/ECB/PKCS1Padding");
      rsa.init(Cipher.ENCRYPT_MODE, key.privateKey());
      return rsa.doFinal(digestInfo(algorithm, message));
    }
    Signature s = JcaCache.signature(jcaName(algorithm), null);
    s.initSign(key.privateKey());
    s.update(message);
    return s.sign();
  }

  @Override
  public boolean verify(
      KeyPairMaterial key, SigningAlgorithm algorithm, MessageType type, byte[] message, byte[] signature)
      throws GeneralSecurityException {
    if (type == MessageType.DIGEST) {
      Cipher rsa = Cipher.getInstance("RSA/ECB/PKCS1Padding");
      rsa.init(Cipher.DECRYPT_MODE, key.publicKey());
      try {
        return MessageDigest.isEqual(rsa.doFinal(signature), digestInfo(algorithm, message));
      } catch (BadPaddingException | javax.crypto.IllegalBlockSizeException e) {
        return false;
      }
    }
    Signature s = JcaCache.signature(jcaName(algorithm), null);
    s.initVerify(key.publicKey());
    s.update(message);
    return s.verify(signature);
  }

  private static String jcaName(SigningAlgorithm algorithm) {
    return algorithm.hashName().replace("-", "") + "withRSA";
  }

  /** DER DigestInfo of a SHA-2 digest (RFC 8017, 9.2, note 1). */
  private static byte[] digestInfo(SigningAlgorithm algorithm, byte[] digest) {
    String prefix;
    switch (algorithm.digestLength()) {
      case 32:
        prefix = "3031300d060960864801650304020105000420";
        break;
      case 48:
        prefix = "3041300d060960864801650304020205000430";
        break;
      default:
        prefix = "3051300d060960864801650304020305000440";
        break;
    }
    byte[] p = HEX.parseHex(prefix);
    byte[] out = new byte[p.length + digest.length];
    System.arraycopy(p, 0, out, 0, p.length);
    System.arraycopy(digest, 0, out, p.length, digest.length);
    return out;
  }
}

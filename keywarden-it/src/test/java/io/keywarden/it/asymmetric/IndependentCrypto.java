package io.keywarden.it.asymmetric;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.PSSParameterSpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.KeyAgreement;
import javax.crypto.Mac;
import javax.crypto.spec.OAEPParameterSpec;
import javax.crypto.spec.PSource;
import javax.crypto.spec.SecretKeySpec;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.crypto.digests.SHAKEDigest;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.math.ec.rfc8032.Ed25519;
import software.amazon.awssdk.services.kms.model.DataKeyPairSpec;
import software.amazon.awssdk.services.kms.model.EncryptionAlgorithmSpec;
import software.amazon.awssdk.services.kms.model.KeySpec;
import software.amazon.awssdk.services.kms.model.SigningAlgorithmSpec;

/**
 * The test's own cryptography, to check Keywarden's results with code that is not Keywarden's: the
 * JDK's providers wherever the JDK has the primitive, a private Bouncy Castle instance (never registered
 * globally) for secp256k1, ML-DSA and Ed25519ph, which the JDK 17 lacks. Keys come in as the wire
 * formats (SPKI DER, PKCS#8 DER), never as Keywarden's types.
 */
final class IndependentCrypto {
  static final Provider BC = new BouncyCastleProvider();
  private static final SecureRandom RANDOM = new SecureRandom();

  /** SPKI algorithm and parameter OIDs (RFC 5480, RFC 8410, FIPS 204 / NIST CSOR). */
  static final String RSA_ENCRYPTION = "1.2.840.113549.1.1.1";
  static final String EC_PUBLIC_KEY = "1.2.840.10045.2.1";
  static final String ED25519 = "1.3.101.112";

  private IndependentCrypto() {}

  static byte[] randomBytes(int n) {
    byte[] b = new byte[n];
    RANDOM.nextBytes(b);
    return b;
  }

  /** The hash of a signing algorithm: SHA-256/384/512 (ML-DSA and pure Ed25519 take none). */
  static String hashOf(SigningAlgorithmSpec algorithm) {
    String name = algorithm.toString();
    if (name.endsWith("SHA_256")) {
      return "SHA-256";
    }
    if (name.endsWith("SHA_384")) {
      return "SHA-384";
    }
    if (name.endsWith("SHA_512")) {
      return "SHA-512";
    }
    throw new IllegalArgumentException(name + " hashes with no SHA-2");
  }

  static byte[] digest(String hash, byte[] message) {
    try {
      return MessageDigest.getInstance(hash).digest(message);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  // ------------------------------------------------------------------ SubjectPublicKeyInfo

  /** The SPKI's algorithm OID and, for EC keys, the named curve's OID ({@code null} otherwise). */
  static String[] spkiAlgorithm(byte[] spki) {
    AlgorithmIdentifier id = SubjectPublicKeyInfo.getInstance(spki).getAlgorithm();
    String params = id.getParameters() == null ? null : id.getParameters().toString();
    return new String[] {id.getAlgorithm().getId(), params};
  }

  /** The OIDs an SPKI of {@code spec} must carry: {algorithm, curve or null}. */
  static String[] expectedSpkiAlgorithm(KeySpec spec) {
    switch (spec) {
      case RSA_2048:
      case RSA_3072:
      case RSA_4096:
        return new String[] {RSA_ENCRYPTION, "NULL"};
      case ECC_NIST_P256:
        return new String[] {EC_PUBLIC_KEY, "1.2.840.10045.3.1.7"};
      case ECC_NIST_P384:
        return new String[] {EC_PUBLIC_KEY, "1.3.132.0.34"};
      case ECC_NIST_P521:
        return new String[] {EC_PUBLIC_KEY, "1.3.132.0.35"};
      case ECC_SECG_P256_K1:
        return new String[] {EC_PUBLIC_KEY, "1.3.132.0.10"};
      case ECC_NIST_EDWARDS25519:
        return new String[] {ED25519, null};
      case ML_DSA_44:
        return new String[] {"2.16.840.1.101.3.4.3.17", null};
      case ML_DSA_65:
        return new String[] {"2.16.840.1.101.3.4.3.18", null};
      case ML_DSA_87:
        return new String[] {"2.16.840.1.101.3.4.3.19", null};
      default:
        throw new IllegalArgumentException(spec + " has no public key");
    }
  }

  /** The raw key bytes inside an SPKI's BIT STRING (Ed25519: 32 bytes; ML-DSA: the encoded pk). */
  static byte[] rawPublicKey(byte[] spki) {
    return SubjectPublicKeyInfo.getInstance(spki).getPublicKeyData().getOctets();
  }

  /** Decodes an SPKI with a JCA KeyFactory of the spec's family. */
  static PublicKey publicKey(KeySpec spec, byte[] spki) {
    try {
      return keyFactory(spec).generatePublic(new X509EncodedKeySpec(spki));
    } catch (GeneralSecurityException e) {
      throw new AssertionError("not a " + spec + " SubjectPublicKeyInfo: " + e, e);
    }
  }

  static PrivateKey privateKey(KeySpec spec, byte[] pkcs8) {
    try {
      return keyFactory(spec).generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
    } catch (GeneralSecurityException e) {
      throw new AssertionError("not a " + spec + " PKCS#8 private key: " + e, e);
    }
  }

  private static KeyFactory keyFactory(KeySpec spec) throws GeneralSecurityException {
    switch (spec) {
      case RSA_2048:
      case RSA_3072:
      case RSA_4096:
        return KeyFactory.getInstance("RSA", "SunRsaSign");
      case ECC_NIST_P256:
      case ECC_NIST_P384:
      case ECC_NIST_P521:
        return KeyFactory.getInstance("EC", "SunEC");
      case ECC_SECG_P256_K1:
        return KeyFactory.getInstance("EC", BC);
      case ECC_NIST_EDWARDS25519:
        return KeyFactory.getInstance("Ed25519", "SunEC");
      case ML_DSA_44:
      case ML_DSA_65:
      case ML_DSA_87:
        return KeyFactory.getInstance("ML-DSA", BC);
      default:
        throw new IllegalArgumentException(spec + " has no key pair");
    }
  }

  /** The KMS key spec of a data key pair spec (same names). */
  static KeySpec keySpecOf(DataKeyPairSpec spec) {
    return KeySpec.fromValue(spec.toString());
  }

  // ------------------------------------------------------------------ key pairs of the test's own

  /** A key pair the test generates itself: RSA_*, ECC_*, Ed25519. */
  static KeyPair generateKeyPair(KeySpec spec) {
    try {
      KeyPairGenerator g;
      switch (spec) {
        case RSA_2048:
        case RSA_3072:
        case RSA_4096:
          g = KeyPairGenerator.getInstance("RSA", "SunRsaSign");
          g.initialize(Integer.parseInt(spec.toString().substring(4)));
          break;
        case ECC_NIST_P256:
          return ec("secp256r1");
        case ECC_NIST_P384:
          return ec("secp384r1");
        case ECC_NIST_P521:
          return ec("secp521r1");
        case ECC_SECG_P256_K1:
          g = KeyPairGenerator.getInstance("EC", BC);
          g.initialize(new ECGenParameterSpec("secp256k1"));
          break;
        case ECC_NIST_EDWARDS25519:
          g = KeyPairGenerator.getInstance("Ed25519", "SunEC");
          break;
        default:
          throw new IllegalArgumentException(spec.toString());
      }
      return g.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private static KeyPair ec(String curve) throws GeneralSecurityException {
    KeyPairGenerator g = KeyPairGenerator.getInstance("EC", "SunEC");
    g.initialize(new ECGenParameterSpec(curve));
    return g.generateKeyPair();
  }

  /** A PKCS#8 private key as PEM ({@code BEGIN PRIVATE KEY}), as {@code openssl genpkey} writes it. */
  static String pem(PrivateKey key) {
    String body = Base64.getMimeEncoder(64, "\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII))
        .encodeToString(key.getEncoded());
    return "-----BEGIN PRIVATE KEY-----\n" + body + "\n-----END PRIVATE KEY-----\n";
  }

  // ------------------------------------------------------------------ signatures

  /**
   * Verifies a KMS signature with the public key alone, outside Keywarden.
   *
   * @param message the message whose hash was signed: for RAW and DIGEST signatures alike the original
   *     message (a DIGEST signature is the signature of the message the digest was taken of); for
   *     ED25519_PH_SHA_512 the 64 bytes given to KMS (Ed25519ph hashes them once more); for ML-DSA the
   *     original message (an EXTERNAL_MU signature is an ordinary ML-DSA signature of it)
   */
  static boolean verify(
      KeySpec spec, SigningAlgorithmSpec algorithm, byte[] spki, byte[] message, byte[] signature) {
    try {
      switch (algorithm) {
        case RSASSA_PSS_SHA_256:
        case RSASSA_PSS_SHA_384:
        case RSASSA_PSS_SHA_512:
          return jca(rsaPss(algorithm), spec, spki, message, signature);
        case RSASSA_PKCS1_V1_5_SHA_256:
        case RSASSA_PKCS1_V1_5_SHA_384:
        case RSASSA_PKCS1_V1_5_SHA_512:
          return jca(Signature.getInstance(hashOf(algorithm).replace("-", "") + "withRSA", "SunRsaSign"),
              spec, spki, message, signature);
        case ECDSA_SHA_256:
        case ECDSA_SHA_384:
        case ECDSA_SHA_512:
          // DER-encoded (r, s): what the JCA's ECDSA expects, and what AWS documents for KMS.
          String name = hashOf(algorithm).replace("-", "") + "withECDSA";
          return jca(spec == KeySpec.ECC_SECG_P256_K1 ? Signature.getInstance(name, BC)
              : Signature.getInstance(name, "SunEC"), spec, spki, message, signature);
        case ED25519_SHA_512:
          return jca(Signature.getInstance("Ed25519", "SunEC"), spec, spki, message, signature);
        case ED25519_PH_SHA_512:
          // RFC 8032 Ed25519ph, empty context, over PH(M) = SHA-512(M), M being the 64 bytes sent as
          // DIGEST: as the KMS API reference says, the input is hashed twice.
          return signature.length == Ed25519.SIGNATURE_SIZE
              && Ed25519.verifyPrehash(signature, 0, rawPublicKey(spki), 0, new byte[0],
                  digest("SHA-512", message), 0);
        case ML_DSA_SHAKE_256:
          return jca(Signature.getInstance("ML-DSA", BC), spec, spki, message, signature);
        default:
          throw new IllegalArgumentException(algorithm.toString());
      }
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Signs with a private key of the test's own, as a client holding a data key pair would. */
  static byte[] sign(KeySpec spec, SigningAlgorithmSpec algorithm, PrivateKey key, byte[] message) {
    try {
      Signature s;
      switch (algorithm) {
        case RSASSA_PSS_SHA_256:
        case RSASSA_PSS_SHA_384:
        case RSASSA_PSS_SHA_512:
          s = rsaPss(algorithm);
          break;
        case RSASSA_PKCS1_V1_5_SHA_256:
        case RSASSA_PKCS1_V1_5_SHA_384:
        case RSASSA_PKCS1_V1_5_SHA_512:
          s = Signature.getInstance(hashOf(algorithm).replace("-", "") + "withRSA", "SunRsaSign");
          break;
        case ECDSA_SHA_256:
        case ECDSA_SHA_384:
        case ECDSA_SHA_512:
          String name = hashOf(algorithm).replace("-", "") + "withECDSA";
          s = spec == KeySpec.ECC_SECG_P256_K1 ? Signature.getInstance(name, BC) : Signature.getInstance(name, "SunEC");
          break;
        case ED25519_SHA_512:
          s = Signature.getInstance("Ed25519", "SunEC");
          break;
        default:
          throw new IllegalArgumentException(algorithm.toString());
      }
      s.initSign(key);
      s.update(message);
      return s.sign();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /** RSASSA-PSS as KMS uses it: MGF1 with the same hash, salt as long as the hash, trailer 1. */
  private static Signature rsaPss(SigningAlgorithmSpec algorithm) throws GeneralSecurityException {
    String hash = hashOf(algorithm);
    Signature s = Signature.getInstance("RSASSA-PSS", "SunRsaSign");
    s.setParameter(new PSSParameterSpec(hash, "MGF1", new MGF1ParameterSpec(hash),
        digest(hash, new byte[0]).length, PSSParameterSpec.TRAILER_FIELD_BC));
    return s;
  }

  private static boolean jca(Signature s, KeySpec spec, byte[] spki, byte[] message, byte[] signature)
      throws GeneralSecurityException {
    s.initVerify(publicKey(spec, spki));
    s.update(message);
    try {
      return s.verify(signature);
    } catch (java.security.SignatureException malformed) {
      return false;
    }
  }

  /**
   * ML-DSA's message representative μ (FIPS 204, Algorithm 2 and 7, pure, empty context):
   * SHAKE256(SHAKE256(pk, 64) || 0x00 || 0x00 || M, 64) — what a client sends as EXTERNAL_MU.
   */
  static byte[] mu(byte[] spki, byte[] message) {
    byte[] tr = shake256(rawPublicKey(spki));
    SHAKEDigest h = new SHAKEDigest(256);
    h.update(tr, 0, tr.length);
    h.update((byte) 0); // pure ML-DSA (not HashML-DSA)
    h.update((byte) 0); // context length 0
    h.update(message, 0, message.length);
    byte[] mu = new byte[64];
    h.doFinal(mu, 0, 64);
    return mu;
  }

  private static byte[] shake256(byte[] in) {
    SHAKEDigest h = new SHAKEDigest(256);
    h.update(in, 0, in.length);
    byte[] out = new byte[64];
    h.doFinal(out, 0, 64);
    return out;
  }

  // ------------------------------------------------------------------ RSA OAEP, ECDH, HMAC

  /** RSAES-OAEP as KMS documents it: SHA-1 or SHA-256 with MGF1 of the same hash, empty label. */
  static byte[] oaepEncrypt(KeySpec spec, byte[] spki, EncryptionAlgorithmSpec algorithm, byte[] plaintext) {
    try {
      Cipher c = Cipher.getInstance("RSA/ECB/OAEPPadding", "SunJCE");
      c.init(Cipher.ENCRYPT_MODE, publicKey(spec, spki), oaep(algorithm));
      return c.doFinal(plaintext);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private static OAEPParameterSpec oaep(EncryptionAlgorithmSpec algorithm) {
    switch (algorithm) {
      case RSAES_OAEP_SHA_1:
        return new OAEPParameterSpec("SHA-1", "MGF1", MGF1ParameterSpec.SHA1, PSource.PSpecified.DEFAULT);
      case RSAES_OAEP_SHA_256:
        return new OAEPParameterSpec("SHA-256", "MGF1", MGF1ParameterSpec.SHA256, PSource.PSpecified.DEFAULT);
      default:
        throw new IllegalArgumentException(algorithm.toString());
    }
  }

  /** ECDH's raw shared secret (the x-coordinate), with the JDK's SunEC. */
  static byte[] ecdh(PrivateKey ours, KeySpec theirSpec, byte[] theirSpki) {
    try {
      KeyAgreement ka = KeyAgreement.getInstance("ECDH", "SunEC");
      ka.init(ours);
      ka.doPhase(publicKey(theirSpec, theirSpki), true);
      return ka.generateSecret();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  static byte[] hmac(String jcaName, byte[] key, byte[] message) {
    try {
      Mac m = Mac.getInstance(jcaName, "SunJCE");
      m.init(new SecretKeySpec(key, jcaName));
      return m.doFinal(message);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  static byte[] flipLastBit(byte[] b) {
    byte[] c = b.clone();
    c[c.length - 1] ^= 1;
    return c;
  }
}

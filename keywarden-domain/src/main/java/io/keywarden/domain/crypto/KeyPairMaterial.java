package io.keywarden.domain.crypto;

import io.keywarden.domain.key.KeySpec;
import io.keywarden.domain.key.KeySpecs;
import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAKeyGenParameterSpec;
import java.security.spec.RSAPublicKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.crypto.params.AsymmetricKeyParameter;
import org.bouncycastle.crypto.util.PrivateKeyFactory;
import org.bouncycastle.crypto.util.SubjectPublicKeyInfoFactory;

/**
 * The key pair of an asymmetric KMS key (RSA, ECC, Ed25519, ML-DSA). The private key lives only in
 * memory; what is wrapped is {@code 0x01 || u32 length || PKCS#8 || SubjectPublicKeyInfo}. No {@code
 * toString} or {@code equals}.
 */
public final class KeyPairMaterial implements KeyMaterial {
  private static final byte FORMAT_V1 = 0x01;

  private final KeySpec spec;
  private final PrivateKey privateKey;
  private final PublicKey publicKey;
  private final byte[] pkcs8;
  private final byte[] spki;

  private KeyPairMaterial(KeySpec spec, PrivateKey privateKey, PublicKey publicKey) {
    this.spec = spec;
    this.privateKey = privateKey;
    this.publicKey = publicKey;
    this.pkcs8 = privateKey.getEncoded();
    this.spki = publicKey.getEncoded();
  }

  /** A fresh key pair of {@code spec}. RSA uses the public exponent 65537. */
  public static KeyPairMaterial generate(KeySpec spec) {
    try {
      KeyPairGenerator g;
      switch (spec) {
        case RSA_2048:
        case RSA_3072:
        case RSA_4096:
          g = KeyPairGenerator.getInstance("RSA");
          g.initialize(new RSAKeyGenParameterSpec(KeySpecs.rsaModulusBytes(spec) * 8, RSAKeyGenParameterSpec.F4));
          break;
        case ECC_NIST_P256:
        case ECC_NIST_P384:
        case ECC_NIST_P521:
          g = KeyPairGenerator.getInstance("EC", "SunEC");
          g.initialize(new ECGenParameterSpec(curveName(spec)));
          break;
        case ECC_SECG_P256K1:
          g = KeyPairGenerator.getInstance("EC", CryptoProviders.bouncyCastle());
          g.initialize(new ECGenParameterSpec("secp256k1"));
          break;
        case ECC_NIST_EDWARDS25519:
          g = KeyPairGenerator.getInstance("Ed25519", "SunEC");
          break;
        case ML_DSA_44:
        case ML_DSA_65:
        case ML_DSA_87:
          g = KeyPairGenerator.getInstance(mlDsaName(spec), CryptoProviders.bouncyCastle());
          break;
        default:
          throw new IllegalArgumentException("no key pairs of " + spec);
      }
      KeyPair pair = g.generateKeyPair();
      return new KeyPairMaterial(spec, pair.getPrivate(), pair.getPublic());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("key pair generation failed for " + spec, e);
    }
  }

  /** Decodes {@link #encodeForWrapping()}'s form. */
  public static KeyPairMaterial decode(KeySpec spec, byte[] encoded) {
    ByteBuffer b = ByteBuffer.wrap(encoded);
    if (b.remaining() < 5 || b.get() != FORMAT_V1) {
      throw new IllegalArgumentException("not an encoded key pair");
    }
    int n = b.getInt();
    if (n <= 0 || n > b.remaining()) {
      throw new IllegalArgumentException("not an encoded key pair");
    }
    byte[] pkcs8 = new byte[n];
    b.get(pkcs8);
    byte[] spki = new byte[b.remaining()];
    b.get(spki);
    try {
      KeyFactory f = keyFactory(spec);
      return new KeyPairMaterial(
          spec,
          f.generatePrivate(new PKCS8EncodedKeySpec(pkcs8)),
          f.generatePublic(new X509EncodedKeySpec(spki)));
    } catch (GeneralSecurityException e) {
      throw new IllegalArgumentException("not a " + spec + " key pair");
    } finally {
      Arrays.fill(pkcs8, (byte) 0);
    }
  }

  /**
   * A key pair from a PKCS#8 private key alone (seed files): the public key is derived from it.
   *
   * @throws IllegalArgumentException if the key is not of {@code spec}
   */
  public static KeyPairMaterial fromPkcs8(KeySpec spec, byte[] pkcs8) {
    try {
      KeyFactory f = keyFactory(spec);
      PrivateKey priv = f.generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
      PublicKey pub;
      if (priv instanceof RSAPrivateCrtKey rsa) {
        pub = f.generatePublic(new RSAPublicKeySpec(rsa.getModulus(), rsa.getPublicExponent()));
      } else if (priv instanceof org.bouncycastle.jcajce.interfaces.MLDSAPrivateKey ml) {
        pub = ml.getPublicKey();
      } else {
        AsymmetricKeyParameter bcPrivate = PrivateKeyFactory.createKey(PrivateKeyInfo.getInstance(pkcs8));
        byte[] derived = SubjectPublicKeyInfoFactory.createSubjectPublicKeyInfo(publicOf(bcPrivate)).getEncoded();
        pub = f.generatePublic(new X509EncodedKeySpec(derived));
      }
      KeyPairMaterial m = new KeyPairMaterial(spec, priv, pub);
      m.checkSpec();
      return m;
    } catch (GeneralSecurityException | java.io.IOException | RuntimeException e) {
      throw new IllegalArgumentException("not a " + spec + " private key (PKCS#8)");
    }
  }

  private static AsymmetricKeyParameter publicOf(AsymmetricKeyParameter p) {
    if (p instanceof org.bouncycastle.crypto.params.ECPrivateKeyParameters ec) {
      return new org.bouncycastle.crypto.params.ECPublicKeyParameters(
          ec.getParameters().getG().multiply(ec.getD()).normalize(), ec.getParameters());
    }
    if (p instanceof org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters ed) {
      return ed.generatePublicKey();
    }
    throw new IllegalArgumentException("unsupported private key");
  }

  /**
   * Refuses a key whose curve, size or parameter set is not the spec's (a P-384 key seeded as
   * ECC_NIST_P256, a P-256 key as ECC_SECG_P256K1, an ML-DSA-44 key as ML_DSA_65...).
   */
  private void checkSpec() {
    if (KeySpecs.isRsa(spec)) {
      int bits = ((java.security.interfaces.RSAPublicKey) publicKey).getModulus().bitLength();
      if (bits != KeySpecs.rsaModulusBytes(spec) * 8) {
        throw new IllegalArgumentException("modulus length");
      }
      return;
    }
    if (publicKey instanceof java.security.interfaces.ECPublicKey ec) {
      java.security.spec.ECParameterSpec expected = curveParameters(spec);
      if (!ec.getParams().getCurve().equals(expected.getCurve())
          || !ec.getParams().getGenerator().equals(expected.getGenerator())
          || !ec.getParams().getOrder().equals(expected.getOrder())) {
        throw new IllegalArgumentException("curve");
      }
      return;
    }
    if (KeySpecs.isMlDsa(spec)) {
      String name = ((org.bouncycastle.jcajce.interfaces.MLDSAKey) publicKey).getParameterSpec().getName();
      if (!name.equalsIgnoreCase(mlDsaName(spec))) {
        throw new IllegalArgumentException("parameter set");
      }
    }
  }

  /** The domain parameters of an EC spec's named curve. */
  private static java.security.spec.ECParameterSpec curveParameters(KeySpec spec) {
    try {
      java.security.AlgorithmParameters p =
          spec == KeySpec.ECC_SECG_P256K1
              ? java.security.AlgorithmParameters.getInstance("EC", CryptoProviders.bouncyCastle())
              : java.security.AlgorithmParameters.getInstance("EC", "SunEC");
      p.init(new ECGenParameterSpec(curveName(spec)));
      return p.getParameterSpec(java.security.spec.ECParameterSpec.class);
    } catch (GeneralSecurityException e) {
      throw new IllegalArgumentException("curve", e);
    }
  }

  static KeyFactory keyFactory(KeySpec spec) throws GeneralSecurityException {
    switch (spec) {
      case RSA_2048:
      case RSA_3072:
      case RSA_4096:
        return KeyFactory.getInstance("RSA");
      case ECC_NIST_P256:
      case ECC_NIST_P384:
      case ECC_NIST_P521:
        return KeyFactory.getInstance("EC", "SunEC");
      case ECC_SECG_P256K1:
        return KeyFactory.getInstance("EC", CryptoProviders.bouncyCastle());
      case ECC_NIST_EDWARDS25519:
        return KeyFactory.getInstance("Ed25519", "SunEC");
      case ML_DSA_44:
      case ML_DSA_65:
      case ML_DSA_87:
        return KeyFactory.getInstance("ML-DSA", CryptoProviders.bouncyCastle());
      default:
        throw new IllegalArgumentException("no key pairs of " + spec);
    }
  }

  static String curveName(KeySpec spec) {
    switch (spec) {
      case ECC_NIST_P256:
        return "secp256r1";
      case ECC_NIST_P384:
        return "secp384r1";
      case ECC_NIST_P521:
        return "secp521r1";
      case ECC_SECG_P256K1:
        return "secp256k1";
      default:
        throw new IllegalArgumentException(spec.name());
    }
  }

  private static String mlDsaName(KeySpec spec) {
    return spec == KeySpec.ML_DSA_44 ? "ML-DSA-44" : spec == KeySpec.ML_DSA_65 ? "ML-DSA-65" : "ML-DSA-87";
  }

  public KeySpec spec() {
    return spec;
  }

  public PrivateKey privateKey() {
    return privateKey;
  }

  public PublicKey publicKey() {
    return publicKey;
  }

  /** The public key, DER SubjectPublicKeyInfo (not secret). */
  public byte[] subjectPublicKeyInfo() {
    return spki.clone();
  }

  /** The private key, DER PKCS#8: only for data key pairs handed to the caller. */
  public byte[] pkcs8() {
    return pkcs8.clone();
  }

  @Override
  public byte[] encodeForWrapping() {
    ByteBuffer b = ByteBuffer.allocate(1 + 4 + pkcs8.length + spki.length);
    b.put(FORMAT_V1).putInt(pkcs8.length).put(pkcs8).put(spki);
    return b.array();
  }

  @Override
  public void destroy() {
    Arrays.fill(pkcs8, (byte) 0);
  }
}

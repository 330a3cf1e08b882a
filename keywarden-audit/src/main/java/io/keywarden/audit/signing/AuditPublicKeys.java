package io.keywarden.audit.signing;

import io.keywarden.audit.format.ChainHash;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** Audit public keys: SPKI PEM files, fingerprints, signature checks. */
public final class AuditPublicKeys {
  /** The plain public key beside the log. */
  public static final String PEM_FILE = "audit-signing-key.pub.pem";

  static final String ALGORITHM = "Ed25519";
  private static final String BEGIN = "-----BEGIN PUBLIC KEY-----";
  private static final String END = "-----END PUBLIC KEY-----";

  private final Map<String, PublicKey> byId = new HashMap<>();

  private AuditPublicKeys() {}

  public static AuditPublicKeys of(PublicKey... keys) {
    AuditPublicKeys k = new AuditPublicKeys();
    for (PublicKey p : keys) {
      k.byId.put(keyId(p), p);
    }
    return k;
  }

  /** The public key stored beside the log in {@code auditDir}, if there is one. */
  public static Optional<PublicKey> readBeside(Path auditDir) throws IOException {
    Path f = auditDir.resolve(PEM_FILE);
    return Files.isRegularFile(f) ? Optional.of(fromPem(Files.readString(f))) : Optional.empty();
  }

  public Optional<PublicKey> get(String keyId) {
    return Optional.ofNullable(byId.get(keyId));
  }

  public boolean isEmpty() {
    return byId.isEmpty();
  }

  /** {@code true} if {@code keyId} names a known key and its signature over {@code payload} verifies. */
  public boolean verify(String keyId, byte[] payload, String base64Signature) {
    PublicKey key = byId.get(keyId);
    if (key == null) {
      return false;
    }
    try {
      Signature s = Signature.getInstance(ALGORITHM);
      s.initVerify(key);
      s.update(payload);
      return s.verify(Base64.getDecoder().decode(base64Signature));
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      return false;
    }
  }

  /** The first 16 hex digits of the SHA-256 of the key's SubjectPublicKeyInfo. */
  public static String keyId(PublicKey key) {
    return ChainHash.of(key.getEncoded()).substring(0, 16);
  }

  public static String toPem(PublicKey key) {
    return BEGIN + "\n"
        + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(key.getEncoded())
        + "\n" + END + "\n";
  }

  public static PublicKey fromPem(String pem) {
    int b = pem.indexOf(BEGIN);
    int e = pem.indexOf(END);
    if (b < 0 || e < b) {
      throw new IllegalArgumentException("not a PEM public key (BEGIN PUBLIC KEY)");
    }
    byte[] der = Base64.getMimeDecoder().decode(pem.substring(b + BEGIN.length(), e).strip());
    return fromSpki(der);
  }

  static PublicKey fromSpki(byte[] der) {
    try {
      return KeyFactory.getInstance(ALGORITHM).generatePublic(new X509EncodedKeySpec(der));
    } catch (GeneralSecurityException e) {
      throw new IllegalArgumentException("not an " + ALGORITHM + " public key", e);
    }
  }

  static byte[] pemBytes(PublicKey key) {
    return toPem(key).getBytes(StandardCharsets.US_ASCII);
  }
}

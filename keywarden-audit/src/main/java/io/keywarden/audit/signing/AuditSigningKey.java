package io.keywarden.audit.signing;

import io.keywarden.audit.file.AtomicFiles;
import io.keywarden.domain.trust.RootOfTrust;
import io.keywarden.domain.trust.SealedException;
import io.keywarden.domain.trust.UnwrapException;
import io.keywarden.domain.trust.WrappedKey;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The log's Ed25519 signing key. Generated the first time a digest is signed while the root of trust
 * is unsealed; stored in {@value #KEY_FILE} as its public key and its PKCS#8 private key wrapped by the
 * root of trust, with the context {@code "Keywarden audit signing key v1\0" || SPKI} (so the wrapped
 * private key cannot be paired with another public key). The public key is also written, in plain
 * form, to {@value AuditPublicKeys#PEM_FILE}.
 *
 * <p>The file is text, one {@code name value} per line:
 *
 * <pre>
 * keywarden-audit-signing-key 1
 * algorithm Ed25519
 * public &lt;base64 SPKI&gt;
 * root-key-id &lt;the wrapping root key's id&gt;
 * wrapped &lt;base64 of the root of trust's blob&gt;
 * </pre>
 *
 * <p>Once unwrapped, the private key stays in memory for the life of this object, so that digests keep
 * being signed when the server is sealed again (calls refused while sealed are audited too).
 */
public final class AuditSigningKey implements DigestSigning {
  public static final String KEY_FILE = "audit-signing-key";
  private static final String MAGIC = "keywarden-audit-signing-key";
  private static final String CONTEXT = "Keywarden audit signing key v1\0";

  private final Path dir;
  private final RootOfTrust root;
  private Ed25519Signer signer; // guarded by this

  private AuditSigningKey(Path dir, RootOfTrust root) {
    this.dir = dir;
    this.root = root;
  }

  /** The signing key of the log in {@code auditDir}; nothing is read or created until first use. */
  public static AuditSigningKey in(Path auditDir, RootOfTrust root) {
    return new AuditSigningKey(auditDir, root);
  }

  /**
   * The signer; empty while the root of trust is sealed.
   *
   * @throws IllegalStateException if the key file is damaged or was wrapped by another root
   */
  @Override
  public synchronized Optional<DigestSigner> signer() {
    if (signer != null) {
      return Optional.of(signer);
    }
    if (root.isSealed()) {
      return Optional.empty();
    }
    try {
      Path file = dir.resolve(KEY_FILE);
      signer = Files.exists(file) ? load(file) : create(file);
      if (!Files.exists(dir.resolve(AuditPublicKeys.PEM_FILE))) {
        AtomicFiles.write(dir.resolve(AuditPublicKeys.PEM_FILE), AuditPublicKeys.pemBytes(signer.publicKey));
      }
      return Optional.of(signer);
    } catch (SealedException e) {
      return Optional.empty();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read or write the audit signing key in " + dir, e);
    }
  }

  /** The public key, read from the key file (no unwrapping); empty if no key was created yet. */
  public Optional<PublicKey> publicKey() throws IOException {
    Path file = dir.resolve(KEY_FILE);
    if (!Files.exists(file)) {
      return Optional.empty();
    }
    return Optional.of(AuditPublicKeys.fromSpki(decode(parse(file), "public")));
  }

  private Ed25519Signer create(Path file) throws IOException {
    KeyPair pair;
    try {
      pair = KeyPairGenerator.getInstance(AuditPublicKeys.ALGORITHM).generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("this JVM cannot generate Ed25519 keys", e);
    }
    byte[] spki = pair.getPublic().getEncoded();
    byte[] pkcs8 = pair.getPrivate().getEncoded();
    WrappedKey wrapped;
    try {
      wrapped = root.wrap(pkcs8, context(spki));
    } finally {
      Arrays.fill(pkcs8, (byte) 0);
    }
    String text = MAGIC + " 1\n"
        + "algorithm " + AuditPublicKeys.ALGORITHM + "\n"
        + "public " + Base64.getEncoder().encodeToString(spki) + "\n"
        + "root-key-id " + wrapped.rootKeyId() + "\n"
        + "wrapped " + Base64.getEncoder().encodeToString(wrapped.blob()) + "\n";
    AtomicFiles.write(file, text.getBytes(StandardCharsets.US_ASCII));
    return new Ed25519Signer(pair.getPublic(), pair.getPrivate());
  }

  private Ed25519Signer load(Path file) throws IOException {
    Map<String, String> f = parse(file);
    byte[] spki = decode(f, "public");
    PublicKey pub = AuditPublicKeys.fromSpki(spki);
    String rootKeyId = f.get("root-key-id");
    if (rootKeyId == null) {
      throw new IllegalStateException("damaged audit signing key file: no root-key-id");
    }
    byte[] pkcs8;
    try {
      pkcs8 = root.unwrap(new WrappedKey(rootKeyId, decode(f, "wrapped")), context(spki));
    } catch (UnwrapException e) {
      throw new IllegalStateException(
          "the audit signing key does not unwrap with this root of trust (damaged or foreign)", e);
    }
    try {
      PrivateKey priv =
          KeyFactory.getInstance(AuditPublicKeys.ALGORITHM).generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
      return new Ed25519Signer(pub, priv);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("damaged audit signing key", e);
    } finally {
      Arrays.fill(pkcs8, (byte) 0);
    }
  }

  private static Map<String, String> parse(Path file) throws IOException {
    Map<String, String> fields = new LinkedHashMap<>();
    for (String line : Files.readAllLines(file, StandardCharsets.US_ASCII)) {
      int sp = line.indexOf(' ');
      if (sp > 0) {
        fields.put(line.substring(0, sp), line.substring(sp + 1).strip());
      }
    }
    if (!"1".equals(fields.get(MAGIC)) || !AuditPublicKeys.ALGORITHM.equals(fields.get("algorithm"))) {
      throw new IllegalStateException("not an audit signing key file (version 1, Ed25519): " + file);
    }
    return fields;
  }

  private static byte[] decode(Map<String, String> fields, String name) {
    String v = fields.get(name);
    if (v == null) {
      throw new IllegalStateException("damaged audit signing key file: no " + name);
    }
    try {
      return Base64.getDecoder().decode(v);
    } catch (IllegalArgumentException e) {
      throw new IllegalStateException("damaged audit signing key file: " + name + " is not base64", e);
    }
  }

  private static byte[] context(byte[] spki) {
    byte[] prefix = CONTEXT.getBytes(StandardCharsets.US_ASCII);
    byte[] c = Arrays.copyOf(prefix, prefix.length + spki.length);
    System.arraycopy(spki, 0, c, prefix.length, spki.length);
    return c;
  }

  /** Holds the unwrapped private key; deliberately no {@code toString}. */
  private static final class Ed25519Signer implements DigestSigner {
    private final PublicKey publicKey;
    private final PrivateKey privateKey;
    private final String keyId;

    Ed25519Signer(PublicKey publicKey, PrivateKey privateKey) {
      this.publicKey = publicKey;
      this.privateKey = privateKey;
      this.keyId = AuditPublicKeys.keyId(publicKey);
    }

    @Override
    public String keyId() {
      return keyId;
    }

    @Override
    public byte[] sign(byte[] payload) {
      try {
        Signature s = Signature.getInstance(AuditPublicKeys.ALGORITHM);
        s.initSign(privateKey);
        s.update(payload);
        return s.sign();
      } catch (GeneralSecurityException e) {
        throw new IllegalStateException("Ed25519 signing failed", e);
      }
    }
  }
}

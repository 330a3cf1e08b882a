package io.keywarden.audit.signing;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.keywarden.domain.trust.WrappedKey;
import io.keywarden.trust.ephemeral.EphemeralRootOfTrust;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.Signature;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AuditSigningKeyTest {
  @TempDir Path dir;

  @Test
  void createdOnce_reloadedWithTheSameRoot_signaturesVerifyWithThePublicPem() throws Exception {
    EphemeralRootOfTrust root = new EphemeralRootOfTrust();
    DigestSigner first = AuditSigningKey.in(dir, root).signer().orElseThrow();
    DigestSigner again = AuditSigningKey.in(dir, root).signer().orElseThrow();
    assertEquals(first.keyId(), again.keyId());

    byte[] payload = "digest".getBytes(StandardCharsets.UTF_8);
    String sig = Base64.getEncoder().encodeToString(again.sign(payload));
    AuditPublicKeys keys = AuditPublicKeys.of(AuditPublicKeys.readBeside(dir).orElseThrow());
    assertTrue(keys.verify(first.keyId(), payload, sig));
    assertFalse(keys.verify(first.keyId(), "other".getBytes(StandardCharsets.UTF_8), sig));
    assertEquals(first.keyId(), AuditPublicKeys.keyId(AuditSigningKey.in(dir, root).publicKey().orElseThrow()));

    String keyFile = Files.readString(dir.resolve(AuditSigningKey.KEY_FILE));
    assertFalse(keyFile.contains("PRIVATE"), "only the wrapped private key is stored");
  }

  @Test
  void keyFileOfAJdkGeneratedKey_loads_andSignsAsTheJdkDoes() throws Exception {
    // Key files written before digests were signed with Bouncy Castle hold a JDK-generated key.
    EphemeralRootOfTrust root = new EphemeralRootOfTrust();
    KeyPair jdk = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
    byte[] spki = jdk.getPublic().getEncoded();
    WrappedKey wrapped = root.wrap(jdk.getPrivate().getEncoded(), AuditSigningKey.context(spki));
    Files.writeString(dir.resolve(AuditSigningKey.KEY_FILE), "keywarden-audit-signing-key 1\n"
        + "algorithm Ed25519\n"
        + "public " + Base64.getEncoder().encodeToString(spki) + "\n"
        + "root-key-id " + wrapped.rootKeyId() + "\n"
        + "wrapped " + Base64.getEncoder().encodeToString(wrapped.blob()) + "\n");

    DigestSigner signer = AuditSigningKey.in(dir, root).signer().orElseThrow();
    byte[] payload = "digest".getBytes(StandardCharsets.UTF_8);
    Signature s = Signature.getInstance("Ed25519");
    s.initSign(jdk.getPrivate());
    s.update(payload);
    assertArrayEquals(s.sign(), signer.sign(payload), "Ed25519 is deterministic: the same signature");
    assertEquals(AuditPublicKeys.keyId(jdk.getPublic()), signer.keyId());
  }

  @Test
  void createdKey_isOneTheJdkReads_andSignsWith() throws Exception {
    EphemeralRootOfTrust root = new EphemeralRootOfTrust();
    DigestSigner signer = AuditSigningKey.in(dir, root).signer().orElseThrow();
    PublicKey pub = AuditSigningKey.in(dir, root).publicKey().orElseThrow();
    byte[] payload = "digest".getBytes(StandardCharsets.UTF_8);
    Signature s = Signature.getInstance("Ed25519");
    s.initVerify(pub);
    s.update(payload);
    assertTrue(s.verify(signer.sign(payload)));
    assertEquals("Ed25519", ((java.security.interfaces.EdECKey) pub).getParams().getName());
  }

  @Test
  void anotherRoot_cannotUnwrapTheKey() {
    AuditSigningKey.in(dir, new EphemeralRootOfTrust()).signer().orElseThrow();
    assertThrows(IllegalStateException.class, () -> AuditSigningKey.in(dir, new EphemeralRootOfTrust()).signer());
  }

  @Test
  void swappedPublicKeyInTheKeyFile_doesNotUnwrap() throws Exception {
    EphemeralRootOfTrust root = new EphemeralRootOfTrust();
    AuditSigningKey.in(dir, root).signer().orElseThrow();
    Path other = dir.resolve("other");
    AuditSigningKey.in(other, root).signer().orElseThrow();
    String otherPublic = Files.readAllLines(other.resolve(AuditSigningKey.KEY_FILE)).stream()
        .filter(l -> l.startsWith("public ")).findFirst().orElseThrow();
    Path f = dir.resolve(AuditSigningKey.KEY_FILE);
    String text = Files.readString(f).replaceAll("(?m)^public .*$", otherPublic);
    Files.writeString(f, text);
    assertThrows(IllegalStateException.class, () -> AuditSigningKey.in(dir, root).signer());
  }

  @Test
  void sealedRoot_noSignerAndNoKeyCreated() {
    EphemeralRootOfTrust root = new EphemeralRootOfTrust();
    root.seal();
    assertTrue(AuditSigningKey.in(dir, root).signer().isEmpty());
    assertFalse(Files.exists(dir.resolve(AuditSigningKey.KEY_FILE)));
  }

  @Test
  void pem_roundTrips() throws Exception {
    DigestSigner s = AuditSigningKey.in(dir, new EphemeralRootOfTrust()).signer().orElseThrow();
    String pem = Files.readString(dir.resolve(AuditPublicKeys.PEM_FILE));
    assertTrue(pem.startsWith("-----BEGIN PUBLIC KEY-----\n"));
    assertEquals(s.keyId(), AuditPublicKeys.keyId(AuditPublicKeys.fromPem(pem)));
  }
}

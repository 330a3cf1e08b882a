package io.keywarden.trust.passphrase;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.keywarden.domain.trust.SealedException;
import io.keywarden.domain.trust.UnsealException;
import io.keywarden.domain.trust.UnwrapException;
import io.keywarden.domain.trust.WrappedKey;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class PassphraseRootOfTrustTest {
  private static final byte[] CONTEXT = "key/1234 material/abcd".getBytes(StandardCharsets.UTF_8);
  private static final byte[] MATERIAL = new byte[32];

  static {
    Arrays.fill(MATERIAL, (byte) 0x42);
  }

  private final SealConfig seal = PassphraseRootOfTrust.initialize(TestSeals.passphrase(), TestSeals.FAST);

  @Test
  void newInstance_startsSealed() {
    PassphraseRootOfTrust root = new PassphraseRootOfTrust(seal);
    assertTrue(root.isSealed());
    assertEquals(seal.rootKeyId(), root.rootKeyId());
  }

  @Test
  void unsealThenWrapUnwrap_roundTrips() throws Exception {
    PassphraseRootOfTrust root = new PassphraseRootOfTrust(seal);
    root.unseal(TestSeals.passphrase());
    assertFalse(root.isSealed());
    WrappedKey wrapped = root.wrap(MATERIAL, CONTEXT);
    assertEquals(seal.rootKeyId(), wrapped.rootKeyId());
    assertArrayEquals(MATERIAL, root.unwrap(wrapped, CONTEXT));
  }

  @Test
  void blobWrappedBeforeRestart_unwrapsAfterUnsealOfAFreshInstance() throws Exception {
    PassphraseRootOfTrust first = new PassphraseRootOfTrust(seal);
    first.unseal(TestSeals.passphrase());
    WrappedKey wrapped = first.wrap(MATERIAL, CONTEXT);

    PassphraseRootOfTrust restarted = new PassphraseRootOfTrust(SealConfig.parse(seal.encoded()));
    restarted.unseal(TestSeals.passphrase());
    assertArrayEquals(MATERIAL, restarted.unwrap(wrapped, CONTEXT));
  }

  @Test
  void unsealWithWrongPassphrase_failsWithFixedMessageAndStaysSealed() {
    PassphraseRootOfTrust root = new PassphraseRootOfTrust(seal);
    UnsealException e =
        assertThrows(UnsealException.class, () -> root.unseal(TestSeals.otherPassphrase()));
    assertEquals(new UnsealException().getMessage(), e.getMessage());
    assertTrue(root.isSealed());
  }

  @Test
  void unsealWithNearMissPassphrases_fails() {
    PassphraseRootOfTrust root = new PassphraseRootOfTrust(seal);
    char[] right = TestSeals.passphrase();
    char[][] wrong = {
      new char[0],
      Arrays.copyOf(right, right.length - 1),
      Arrays.copyOf(right, right.length + 1),
      "Correct horse battery staple".toCharArray(),
      new char[] {'\uD800'},
    };
    for (char[] p : wrong) {
      assertThrows(UnsealException.class, () -> root.unseal(p), new String(p));
    }
    assertThrows(UnsealException.class, () -> root.unseal(null));
    assertTrue(root.isSealed());
  }

  @Test
  void unsealWithWrongPassphraseWhileUnsealed_failsButStaysUnsealed() throws Exception {
    PassphraseRootOfTrust root = new PassphraseRootOfTrust(seal);
    root.unseal(TestSeals.passphrase());
    WrappedKey wrapped = root.wrap(MATERIAL, CONTEXT);
    assertThrows(UnsealException.class, () -> root.unseal(TestSeals.otherPassphrase()));
    assertFalse(root.isSealed());
    assertArrayEquals(MATERIAL, root.unwrap(wrapped, CONTEXT));
  }

  @Test
  void unsealTwice_keepsWorking() throws Exception {
    PassphraseRootOfTrust root = new PassphraseRootOfTrust(seal);
    root.unseal(TestSeals.passphrase());
    WrappedKey wrapped = root.wrap(MATERIAL, CONTEXT);
    root.unseal(TestSeals.passphrase());
    assertArrayEquals(MATERIAL, root.unwrap(wrapped, CONTEXT));
  }

  @Test
  void unseal_doesNotModifyTheCallersPassphrase() throws Exception {
    PassphraseRootOfTrust root = new PassphraseRootOfTrust(seal);
    char[] passphrase = TestSeals.passphrase();
    root.unseal(passphrase);
    assertArrayEquals(TestSeals.passphrase(), passphrase);
  }

  @Test
  void whileSealed_wrapAndUnwrapThrowSealed() throws Exception {
    PassphraseRootOfTrust root = new PassphraseRootOfTrust(seal);
    assertThrows(SealedException.class, () -> root.wrap(MATERIAL, CONTEXT));
    root.unseal(TestSeals.passphrase());
    WrappedKey wrapped = root.wrap(MATERIAL, CONTEXT);
    root.seal();
    assertTrue(root.isSealed());
    assertThrows(SealedException.class, () -> root.wrap(MATERIAL, CONTEXT));
    assertThrows(SealedException.class, () -> root.unwrap(wrapped, CONTEXT));
    root.unseal(TestSeals.passphrase());
    assertArrayEquals(MATERIAL, root.unwrap(wrapped, CONTEXT));
  }

  @Test
  void unwrapWithAnotherContext_fails() throws Exception {
    PassphraseRootOfTrust root = TestSeals.unsealedRoot();
    WrappedKey wrapped = root.wrap(MATERIAL, CONTEXT);
    byte[] other = "key/1234 material/abce".getBytes(StandardCharsets.UTF_8);
    UnwrapException e = assertThrows(UnwrapException.class, () -> root.unwrap(wrapped, other));
    assertEquals(new UnwrapException().getMessage(), e.getMessage());
  }

  @Test
  void unwrapOfBlobFromAnotherSeal_fails() throws Exception {
    PassphraseRootOfTrust root = TestSeals.unsealedRoot();
    PassphraseRootOfTrust foreign = TestSeals.unsealedRoot();
    assertNotEquals(root.rootKeyId(), foreign.rootKeyId());
    WrappedKey wrapped = foreign.wrap(MATERIAL, CONTEXT);
    assertThrows(UnwrapException.class, () -> root.unwrap(wrapped, CONTEXT));
    // Relabelled with our id, the blob still does not open: the id check is not the only guard.
    WrappedKey relabelled = new WrappedKey(root.rootKeyId(), wrapped.blob());
    assertThrows(UnwrapException.class, () -> root.unwrap(relabelled, CONTEXT));
  }

  @Test
  void tamperedBlob_fails() throws Exception {
    PassphraseRootOfTrust root = TestSeals.unsealedRoot();
    WrappedKey wrapped = root.wrap(MATERIAL, CONTEXT);
    byte[] blob = wrapped.blob();
    for (int bit = 0; bit < blob.length * 8; bit++) {
      byte[] flipped = blob.clone();
      flipped[bit / 8] ^= (byte) (1 << (bit % 8));
      WrappedKey tampered = new WrappedKey(wrapped.rootKeyId(), flipped);
      assertThrows(UnwrapException.class, () -> root.unwrap(tampered, CONTEXT), "bit " + bit);
    }
    WrappedKey truncated = new WrappedKey(wrapped.rootKeyId(), Arrays.copyOf(blob, blob.length - 1));
    assertThrows(UnwrapException.class, () -> root.unwrap(truncated, CONTEXT));
  }

  @Test
  void changePassphrase_newOpensOldDoesNotBlobsSurvive() throws Exception {
    PassphraseRootOfTrust root = new PassphraseRootOfTrust(seal);
    root.unseal(TestSeals.passphrase());
    WrappedKey wrapped = root.wrap(MATERIAL, CONTEXT);

    SealConfig changed = root.changePassphrase(TestSeals.passphrase(), TestSeals.otherPassphrase());
    assertEquals(seal.rootKeyId(), changed.rootKeyId());
    assertEquals(seal.kdf(), changed.kdf());
    assertFalse(Arrays.equals(seal.salt(), changed.salt()));
    assertFalse(root.isSealed());
    assertArrayEquals(MATERIAL, root.unwrap(wrapped, CONTEXT));

    PassphraseRootOfTrust restarted = new PassphraseRootOfTrust(SealConfig.parse(changed.encoded()));
    assertThrows(UnsealException.class, () -> restarted.unseal(TestSeals.passphrase()));
    restarted.unseal(TestSeals.otherPassphrase());
    assertArrayEquals(MATERIAL, restarted.unwrap(wrapped, CONTEXT));

    // The instance that changed it now opens the new seal.
    root.seal();
    assertThrows(UnsealException.class, () -> root.unseal(TestSeals.passphrase()));
    root.unseal(TestSeals.otherPassphrase());
    assertArrayEquals(MATERIAL, root.unwrap(wrapped, CONTEXT));
  }

  @Test
  void changePassphraseWhileSealed_worksAndStaysSealed() throws Exception {
    PassphraseRootOfTrust root = new PassphraseRootOfTrust(seal);
    SealConfig changed =
        root.changePassphrase(
            TestSeals.passphrase(), TestSeals.otherPassphrase(), new KdfParameters(128, 2, 1));
    assertTrue(root.isSealed());
    assertEquals(new KdfParameters(128, 2, 1), changed.kdf());
    assertEquals(seal.rootKeyId(), changed.rootKeyId());
  }

  @Test
  void changePassphraseWithWrongOldPassphrase_failsAndKeepsTheSeal() throws Exception {
    PassphraseRootOfTrust root = new PassphraseRootOfTrust(seal);
    assertThrows(
        UnsealException.class,
        () -> root.changePassphrase(TestSeals.otherPassphrase(), "new one".toCharArray()));
    assertArrayEquals(seal.encoded(), root.sealConfig().encoded());
    root.unseal(TestSeals.passphrase());
  }

  @Test
  void changePassphraseToEmpty_refused() throws Exception {
    PassphraseRootOfTrust root = new PassphraseRootOfTrust(seal);
    assertThrows(
        IllegalArgumentException.class,
        () -> root.changePassphrase(TestSeals.passphrase(), new char[0]));
    root.unseal(TestSeals.passphrase());
  }

  @Test
  void initializeWithEmptyOrInvalidPassphrase_refused() {
    assertThrows(
        IllegalArgumentException.class,
        () -> PassphraseRootOfTrust.initialize(new char[0], TestSeals.FAST));
    assertThrows(
        IllegalArgumentException.class,
        () -> PassphraseRootOfTrust.initialize(new char[] {'a', '\uDC00'}, TestSeals.FAST));
  }

  @Test
  void seal_doesNotContainThePassphraseOrTheRootKey() throws Exception {
    byte[] e = seal.encoded();
    String asText = new String(e, StandardCharsets.ISO_8859_1);
    assertFalse(asText.contains("horse"));
    PassphraseRootOfTrust root = new PassphraseRootOfTrust(seal);
    root.unseal(TestSeals.passphrase());
    // The id is a fingerprint: 8 bytes, nothing like the 32-byte key it names.
    assertEquals("passphrase:".length() + 16, root.rootKeyId().length());
  }

  /** The real cost parameters, once: 64 MiB, 3 passes. */
  @Test
  void defaultParameters_initializeUnsealAndWrap() throws Exception {
    SealConfig real = PassphraseRootOfTrust.initialize(TestSeals.passphrase());
    assertEquals(KdfParameters.DEFAULT, real.kdf());
    PassphraseRootOfTrust root = new PassphraseRootOfTrust(SealConfig.parse(real.encoded()));
    root.unseal(TestSeals.passphrase());
    assertArrayEquals(MATERIAL, root.unwrap(root.wrap(MATERIAL, CONTEXT), CONTEXT));
  }
}

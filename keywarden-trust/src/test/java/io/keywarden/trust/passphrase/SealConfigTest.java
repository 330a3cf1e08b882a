package io.keywarden.trust.passphrase;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.keywarden.domain.trust.UnsealException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class SealConfigTest {
  private final SealConfig seal = PassphraseRootOfTrust.initialize(TestSeals.passphrase(), TestSeals.FAST);

  @Test
  void encoding_followsTheDocumentedLayout() {
    byte[] e = seal.encoded();
    String id = seal.rootKeyId();
    assertTrue(id.matches("passphrase:[0-9a-f]{16}"), id);
    assertEquals(80 + 16 + id.length(), e.length);
    ByteBuffer in = ByteBuffer.wrap(e);
    byte[] magic = new byte[4];
    in.get(magic);
    assertEquals("KWSL", new String(magic, StandardCharsets.US_ASCII));
    assertEquals(1, in.get());
    assertEquals(1, in.get());
    assertEquals(64, in.getInt());
    assertEquals(1, in.getInt());
    assertEquals(1, in.getInt());
    assertEquals(16, in.get());
    in.position(in.position() + 16);
    assertEquals(id.length(), in.get());
    byte[] idBytes = new byte[id.length()];
    in.get(idBytes);
    assertEquals(id, new String(idBytes, StandardCharsets.US_ASCII));
    assertEquals(12 + 32 + 16, in.remaining());
  }

  @Test
  void parseOfEncoded_roundTrips() {
    SealConfig parsed = SealConfig.parse(seal.encoded());
    assertArrayEquals(seal.encoded(), parsed.encoded());
    assertEquals(seal.kdf(), parsed.kdf());
    assertEquals(seal.rootKeyId(), parsed.rootKeyId());
    assertEquals(1, parsed.version());
  }

  @Test
  void twoInitializations_differInSaltRootKeyAndId() {
    SealConfig other = PassphraseRootOfTrust.initialize(TestSeals.passphrase(), TestSeals.FAST);
    assertTrue(!Arrays.equals(seal.salt(), other.salt()));
    assertTrue(!seal.rootKeyId().equals(other.rootKeyId()));
  }

  @Test
  void parse_malformed_refusedWithOneMessage() {
    byte[] e = seal.encoded();
    byte[][] bad = {
      new byte[0],
      Arrays.copyOf(e, 4),
      Arrays.copyOf(e, e.length - 1),
      Arrays.copyOf(e, e.length + 1),
      with(e, 0, 'X'),
      with(e, 4, 2),
      with(e, 5, 2),
      with(e, 18, 15),
      with(e, 18 + 1 + 16, 0),
      with(e, 18 + 1 + 16 + 1, ' '),
    };
    for (byte[] b : bad) {
      IllegalArgumentException x =
          assertThrows(IllegalArgumentException.class, () -> SealConfig.parse(b));
      assertEquals("The seal configuration is malformed", x.getMessage());
    }
  }

  @Test
  void parse_absurdKdfCost_refused() {
    byte[] e = seal.encoded();
    ByteBuffer.wrap(e).putInt(6, KdfParameters.MAX_MEMORY_KIB + 1);
    assertThrows(IllegalArgumentException.class, () -> SealConfig.parse(e));
  }

  @Test
  void parse_copiesItsInput() {
    byte[] e = seal.encoded();
    SealConfig parsed = SealConfig.parse(e);
    e[e.length - 1] ^= 1;
    assertArrayEquals(seal.encoded(), parsed.encoded());
  }

  /**
   * Every byte of a stored seal matters: changing any one either makes it unreadable or makes unseal
   * fail. (Low bits only, so that a changed cost parameter stays cheap or out of range.)
   */
  @Test
  void everyByteTampered_parseOrUnsealFails() {
    byte[] e = seal.encoded();
    for (int i = 0; i < e.length; i++) {
      byte[] tampered = e.clone();
      tampered[i] ^= 0x01;
      SealConfig parsed;
      try {
        parsed = SealConfig.parse(tampered);
      } catch (IllegalArgumentException malformed) {
        continue;
      }
      PassphraseRootOfTrust root = new PassphraseRootOfTrust(parsed);
      assertThrows(UnsealException.class, () -> root.unseal(TestSeals.passphrase()), "byte " + i);
      assertTrue(root.isSealed());
    }
  }

  @Test
  void rootKeyIdSwappedForAnother_unsealFails() throws Exception {
    // A well-formed seal whose authenticated id is not the fingerprint of its root key.
    SealConfig other = PassphraseRootOfTrust.initialize(TestSeals.passphrase(), TestSeals.FAST);
    byte[] e = seal.encoded();
    byte[] otherId = other.rootKeyId().getBytes(StandardCharsets.US_ASCII);
    System.arraycopy(otherId, 0, e, 20 + 16, otherId.length);
    PassphraseRootOfTrust root = new PassphraseRootOfTrust(SealConfig.parse(e));
    try {
      root.unseal(TestSeals.passphrase());
      fail("unsealed a seal with a foreign root key id");
    } catch (UnsealException expected) {
      assertTrue(root.isSealed());
    }
  }

  @Test
  void authenticSealWhoseIdIsNotTheRootKeysFingerprint_unsealFails() {
    io.keywarden.trust.internal.AesKey rootKey = io.keywarden.trust.internal.AesKey.generate();
    SealConfig forged =
        PassphraseSeal.create(
            TestSeals.passphrase(), TestSeals.FAST, rootKey, "passphrase:0000000000000000");
    PassphraseRootOfTrust root = new PassphraseRootOfTrust(forged);
    assertThrows(UnsealException.class, () -> root.unseal(TestSeals.passphrase()));
    assertTrue(root.isSealed());
  }

  private static byte[] with(byte[] e, int index, int value) {
    byte[] copy = e.clone();
    copy[index] = (byte) value;
    return copy;
  }
}

package io.keywarden.trust.passphrase;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class Argon2idKdfTest {
  private static final byte[] SOMESALT = "somesalt".getBytes(StandardCharsets.US_ASCII);

  /** phc-winner-argon2 src/test.c, Argon2id v=0x13: t=2, m=2^8 KiB, p=1, "password", "somesalt". */
  @Test
  void referenceVector_oneLane_matches() {
    byte[] out = Argon2idKdf.derive("password".toCharArray(), SOMESALT, new KdfParameters(256, 2, 1));
    assertEquals(
        "9dfeb910e80bad0311fee20f9c0e2b12c17987b4cac90c2ef54d5b3021c68bfe",
        HexFormat.of().formatHex(out));
  }

  /** phc-winner-argon2 src/test.c, Argon2id v=0x13: t=2, m=2^8 KiB, p=2, "password", "somesalt". */
  @Test
  void referenceVector_twoLanes_matches() {
    byte[] out = Argon2idKdf.derive("password".toCharArray(), SOMESALT, new KdfParameters(256, 2, 2));
    assertEquals(
        "6d093c501fd5999645e0ea3bf620d7b8be7fd2db59c20d9fff9539da2bf57037",
        HexFormat.of().formatHex(out));
  }

  @Test
  void nonAsciiPassphrase_isUtf8Encoded() {
    KdfParameters kdf = new KdfParameters(64, 1, 1);
    byte[] fromChars = Argon2idKdf.derive("pässwörd 🔑".toCharArray(), SOMESALT, kdf);
    assertEquals(32, fromChars.length);
    assertNotEquals(
        HexFormat.of().formatHex(fromChars),
        HexFormat.of().formatHex(Argon2idKdf.derive("p?ssw?rd ?".toCharArray(), SOMESALT, kdf)));
  }

  @Test
  void unpairedSurrogate_refused() {
    KdfParameters kdf = new KdfParameters(64, 1, 1);
    assertThrows(
        IllegalArgumentException.class,
        () -> Argon2idKdf.derive(new char[] {'a', '\uD83D'}, SOMESALT, kdf));
    assertThrows(
        IllegalArgumentException.class,
        () -> Argon2idKdf.derive(new char[] {'\uDE00', 'a'}, SOMESALT, kdf));
  }

  @Test
  void kdfParameters_outOfRange_refused() {
    assertThrows(IllegalArgumentException.class, () -> new KdfParameters(64, 0, 1));
    assertThrows(IllegalArgumentException.class, () -> new KdfParameters(64, 65, 1));
    assertThrows(IllegalArgumentException.class, () -> new KdfParameters(64, 1, 0));
    assertThrows(IllegalArgumentException.class, () -> new KdfParameters(64, 1, 17));
    assertThrows(IllegalArgumentException.class, () -> new KdfParameters(15, 1, 2));
    assertThrows(
        IllegalArgumentException.class,
        () -> new KdfParameters(KdfParameters.MAX_MEMORY_KIB + 1, 1, 1));
  }

  @Test
  void defaults_are64MiB3Iterations1Lane() {
    assertEquals(new KdfParameters(65536, 3, 1), KdfParameters.DEFAULT);
  }
}

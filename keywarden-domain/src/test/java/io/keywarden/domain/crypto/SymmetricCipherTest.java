package io.keywarden.domain.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.keywarden.domain.key.MaterialIds;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SymmetricCipherTest {
  private static final String KEY_ID = "1234abcd-12ab-34cd-56ef-1234567890ab";
  private static final byte[] PLAINTEXT = "attack at dawn".getBytes(StandardCharsets.UTF_8);
  private static final EncryptionContext CONTEXT =
      EncryptionContext.of(Map.of("purpose", "test", "tenant", "a=b"));

  private final String materialId = MaterialIds.random();
  private final SymmetricKeyMaterial material = SymmetricKeyMaterial.generate();

  private byte[] encrypt(byte[] plaintext, EncryptionContext context) {
    return SymmetricCipher.encrypt(KEY_ID, materialId, material, plaintext, context);
  }

  private byte[] decrypt(byte[] blob, EncryptionContext context) throws InvalidCiphertextException {
    return SymmetricCipher.decrypt(SymmetricCiphertext.parse(blob), material, context);
  }

  @Test
  void encryptThenDecrypt_returnsPlaintext() throws Exception {
    assertArrayEquals(PLAINTEXT, decrypt(encrypt(PLAINTEXT, CONTEXT), CONTEXT));
  }

  @Test
  void sizes_roundTrip() throws Exception {
    for (int n : new int[] {0, 1, 15, 16, 17, 4096, SymmetricCipher.MAX_PLAINTEXT}) {
      byte[] plaintext = Randomness.bytes(n);
      byte[] blob = encrypt(plaintext, CONTEXT);
      assertEquals(79 + KEY_ID.length() + n + 16, blob.length, "size " + n);
      assertArrayEquals(plaintext, decrypt(blob, CONTEXT), "size " + n);
    }
  }

  @Test
  void plaintextOverLimit_refused() {
    byte[] tooLong = new byte[SymmetricCipher.MAX_PLAINTEXT + 1];
    assertThrows(IllegalArgumentException.class, () -> encrypt(tooLong, CONTEXT));
  }

  @Test
  void blob_namesKeyAndMaterialVersion() throws Exception {
    SymmetricCiphertext parsed = SymmetricCiphertext.parse(encrypt(PLAINTEXT, CONTEXT));
    assertEquals(KEY_ID, parsed.keyId());
    assertEquals(materialId, parsed.materialId());
  }

  @Test
  void mrkKeyId_roundTrips() throws Exception {
    String mrk = "mrk-1234abcd12ab34cd56ef1234567890ab";
    byte[] blob = SymmetricCipher.encrypt(mrk, materialId, material, PLAINTEXT, CONTEXT);
    SymmetricCiphertext parsed = SymmetricCiphertext.parse(blob);
    assertEquals(mrk, parsed.keyId());
    assertArrayEquals(PLAINTEXT, SymmetricCipher.decrypt(parsed, material, CONTEXT));
  }

  @Test
  void sameInputTwice_differentBlobs() {
    assertFalse(Arrays.equals(encrypt(PLAINTEXT, CONTEXT), encrypt(PLAINTEXT, CONTEXT)));
  }

  @Test
  void everySingleBitFlip_fails() {
    byte[] blob = encrypt(PLAINTEXT, CONTEXT);
    for (int bit = 0; bit < blob.length * 8; bit++) {
      byte[] flipped = blob.clone();
      flipped[bit / 8] ^= (byte) (1 << (bit % 8));
      assertFails(() -> decrypt(flipped, CONTEXT), "bit " + bit);
    }
  }

  @Test
  void everyTruncationAndAnExtension_fail() {
    byte[] blob = encrypt(PLAINTEXT, CONTEXT);
    for (int length = 0; length < blob.length; length++) {
      byte[] truncated = Arrays.copyOf(blob, length);
      assertFails(() -> decrypt(truncated, CONTEXT), "length " + length);
    }
    byte[] extended = Arrays.copyOf(blob, blob.length + 1);
    assertFails(() -> decrypt(extended, CONTEXT), "extended");
  }

  @Test
  void wrongContext_fails() {
    byte[] blob = encrypt(PLAINTEXT, CONTEXT);
    assertFails(() -> decrypt(blob, EncryptionContext.EMPTY), "empty");
    assertFails(
        () -> decrypt(blob, EncryptionContext.of(Map.of("purpose", "test", "tenant", "a=c"))),
        "changed value");
    assertFails(() -> decrypt(blob, EncryptionContext.of(Map.of("purpose", "test"))), "missing");
    assertFails(
        () ->
            decrypt(
                blob,
                EncryptionContext.of(Map.of("purpose", "test", "tenant", "a=b", "extra", "x"))),
        "extra entry");
    assertFails(
        () -> decrypt(blob, EncryptionContext.of(Map.of("Purpose", "test", "tenant", "a=b"))),
        "key case");
  }

  /** The values swapped between the keys: same strings, other pairs. */
  @Test
  void reorderedPairs_fail() {
    byte[] blob = encrypt(PLAINTEXT, EncryptionContext.of(Map.of("a", "1", "b", "2")));
    assertFails(() -> decrypt(blob, EncryptionContext.of(Map.of("a", "2", "b", "1"))), "swapped");
    assertFails(() -> decrypt(blob, EncryptionContext.of(Map.of("1", "a", "2", "b"))), "inverted");
  }

  /** A map's iteration order is not part of the context (KMS contexts are unordered). */
  @Test
  void reorderedInsertion_decrypts() throws Exception {
    Map<String, String> forward = new LinkedHashMap<>();
    forward.put("a", "1");
    forward.put("b", "2");
    Map<String, String> backward = new LinkedHashMap<>();
    backward.put("b", "2");
    backward.put("a", "1");
    byte[] blob = encrypt(PLAINTEXT, EncryptionContext.of(forward));
    assertArrayEquals(PLAINTEXT, decrypt(blob, EncryptionContext.of(backward)));
  }

  @Test
  void movedEqualsSign_fails() {
    byte[] blob = encrypt(PLAINTEXT, EncryptionContext.of(Map.of("a", "b=c")));
    assertFails(() -> decrypt(blob, EncryptionContext.of(Map.of("a=b", "c"))), "moved '='");
    byte[] other = encrypt(PLAINTEXT, EncryptionContext.of(Map.of("a=b", "c")));
    assertFails(() -> decrypt(other, EncryptionContext.of(Map.of("a", "b=c"))), "moved back");
  }

  @Test
  void emptyAndAbsentContext_areInterchangeable() throws Exception {
    byte[] withEmpty = encrypt(PLAINTEXT, EncryptionContext.of(Map.of()));
    assertArrayEquals(PLAINTEXT, decrypt(withEmpty, EncryptionContext.of(null)));
    assertArrayEquals(PLAINTEXT, decrypt(withEmpty, EncryptionContext.EMPTY));
    byte[] withAbsent = encrypt(PLAINTEXT, EncryptionContext.of(null));
    assertArrayEquals(PLAINTEXT, decrypt(withAbsent, EncryptionContext.of(Map.of())));
  }

  @Test
  void wrongMaterial_fails() {
    byte[] blob = encrypt(PLAINTEXT, CONTEXT);
    SymmetricKeyMaterial other = SymmetricKeyMaterial.generate();
    assertFails(
        () -> SymmetricCipher.decrypt(SymmetricCiphertext.parse(blob), other, CONTEXT), "other");
    byte[] nearMiss = material.copyBytes();
    nearMiss[31] ^= 1;
    SymmetricKeyMaterial almost = SymmetricKeyMaterial.copyOf(nearMiss);
    assertFails(
        () -> SymmetricCipher.decrypt(SymmetricCiphertext.parse(blob), almost, CONTEXT), "one bit");
  }

  @Test
  void destroyedMaterial_fails() {
    byte[] blob = encrypt(PLAINTEXT, CONTEXT);
    SymmetricKeyMaterial copy = SymmetricKeyMaterial.copyOf(material.copyBytes());
    copy.destroy();
    assertFails(() -> SymmetricCipher.decrypt(SymmetricCiphertext.parse(blob), copy, CONTEXT), "");
  }

  @Test
  void unpairedSurrogateInContext_refusedBeforeEncrypting() {
    assertThrows(
        IllegalArgumentException.class,
        () -> encrypt(PLAINTEXT, EncryptionContext.of(Map.of("k", "\uD83D"))));
  }

  @Test
  void keyIdOutOfRange_refused() {
    assertThrows(
        IllegalArgumentException.class,
        () -> SymmetricCipher.encrypt("", materialId, material, PLAINTEXT, CONTEXT));
    assertThrows(
        IllegalArgumentException.class,
        () -> SymmetricCipher.encrypt("k".repeat(65), materialId, material, PLAINTEXT, CONTEXT));
  }

  @Test
  void keyIdOfMaxLength_roundTrips() throws Exception {
    String longest = "k".repeat(64);
    byte[] blob = SymmetricCipher.encrypt(longest, materialId, material, PLAINTEXT, CONTEXT);
    SymmetricCiphertext parsed = SymmetricCiphertext.parse(blob);
    assertEquals(longest, parsed.keyId());
    assertArrayEquals(PLAINTEXT, SymmetricCipher.decrypt(parsed, material, CONTEXT));
  }

  /** A key id the parser would refuse must not produce a blob that can never be decrypted. */
  @Test
  void keyIdWithCharactersTheParserRefuses_refused() {
    for (String bad : new String[] {"key id", "key\tid", "kéy", "\u007f", "key\u2028id"}) {
      assertThrows(
          IllegalArgumentException.class,
          () -> SymmetricCipher.encrypt(bad, materialId, material, PLAINTEXT, CONTEXT),
          bad);
    }
  }

  /** A malformed material id must not be silently truncated or padded into the blob. */
  @Test
  void malformedMaterialId_refused() {
    for (String bad :
        new String[] {materialId + "00", materialId.substring(2), materialId.toUpperCase(), ""}) {
      assertThrows(
          IllegalArgumentException.class,
          () -> SymmetricCipher.encrypt(KEY_ID, bad, material, PLAINTEXT, CONTEXT),
          bad);
    }
  }

  @Test
  void failures_allCarryTheOneFixedMessage() {
    byte[] blob = encrypt(PLAINTEXT, CONTEXT);
    byte[] tagFlipped = blob.clone();
    tagFlipped[blob.length - 1] ^= 1;
    byte[] versionChanged = blob.clone();
    versionChanged[0] = 2;
    for (byte[] bad : new byte[][] {tagFlipped, versionChanged, new byte[0]}) {
      InvalidCiphertextException e =
          assertThrows(InvalidCiphertextException.class, () -> decrypt(bad, CONTEXT));
      assertEquals(InvalidCiphertextException.MESSAGE, e.getMessage());
      assertEquals(null, e.getCause());
    }
    InvalidCiphertextException e =
        assertThrows(InvalidCiphertextException.class, () -> decrypt(blob, EncryptionContext.EMPTY));
    assertEquals(InvalidCiphertextException.MESSAGE, e.getMessage());
  }

  private interface Decryption {
    void run() throws InvalidCiphertextException;
  }

  private static void assertFails(Decryption decryption, String what) {
    assertThrows(InvalidCiphertextException.class, decryption::run, what);
  }
}

package io.keywarden.domain.crypto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.keywarden.domain.key.MaterialIds;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class SymmetricCiphertextTest {
  private static final String KEY_ID = "1234abcd-12ab-34cd-56ef-1234567890ab";

  private final String materialId = MaterialIds.random();
  private final byte[] blob =
      SymmetricCipher.encrypt(
          KEY_ID, materialId, SymmetricKeyMaterial.generate(), new byte[] {42}, EncryptionContext.EMPTY);

  @Test
  void header_followsTheDocumentedLayout() throws Exception {
    int l = KEY_ID.length();
    assertEquals(79 + l + 1 + 16, blob.length);
    assertEquals(0x01, blob[0]);
    assertEquals(0x01, blob[1]);
    assertEquals(l, blob[2]);
    assertEquals(KEY_ID, new String(blob, 3, l, java.nio.charset.StandardCharsets.US_ASCII));
    assertEquals(materialId, HexFormat.of().formatHex(blob, 3 + l, 35 + l));
    SymmetricCiphertext parsed = SymmetricCiphertext.parse(blob);
    assertEquals(79 + l, parsed.headerLength());
    assertEquals(35 + l, parsed.saltOffset());
    assertEquals(67 + l, parsed.ivOffset());
  }

  @Test
  void parse_copiesTheBlob() throws Exception {
    byte[] copy = blob.clone();
    SymmetricCiphertext parsed = SymmetricCiphertext.parse(copy);
    copy[3] = 'X';
    assertEquals(KEY_ID, parsed.keyId());
    assertEquals('1', parsed.blob()[3]);
  }

  @Test
  void parse_malformedHeaders_refused() {
    assertRefused(null);
    assertRefused(new byte[0]);
    assertRefused(new byte[] {1, 1});
    assertRefused(with(0, 0x02));
    assertRefused(with(0, 0x00));
    assertRefused(with(1, 0x02));
    assertRefused(with(2, 0));
    assertRefused(with(2, 65));
    assertRefused(with(2, 0xff));
    assertRefused(with(3, ' '));
    assertRefused(with(3, 0x7f));
    assertRefused(with(3, 0x80));
    assertRefused(java.util.Arrays.copyOf(blob, 79 + KEY_ID.length() + 15));
  }

  @Test
  void parse_emptyCiphertextWithTag_accepted() throws Exception {
    byte[] empty =
        SymmetricCipher.encrypt(
            KEY_ID, materialId, SymmetricKeyMaterial.generate(), new byte[0], EncryptionContext.EMPTY);
    assertEquals(79 + KEY_ID.length() + 16, empty.length);
    assertEquals(KEY_ID, SymmetricCiphertext.parse(empty).keyId());
  }

  private byte[] with(int index, int value) {
    byte[] copy = blob.clone();
    copy[index] = (byte) value;
    return copy;
  }

  private static void assertRefused(byte[] bad) {
    assertThrows(InvalidCiphertextException.class, () -> SymmetricCiphertext.parse(bad));
  }
}

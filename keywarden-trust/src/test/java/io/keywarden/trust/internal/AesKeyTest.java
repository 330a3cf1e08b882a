package io.keywarden.trust.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.NotSerializableException;
import java.io.ObjectOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class AesKeyTest {

  @Test
  void id_isPrefixAndFirst16HexOfLabelledSha256() throws Exception {
    byte[] bytes = new byte[32];
    Arrays.fill(bytes, (byte) 7);
    AesKey key = AesKey.adopt(bytes.clone());
    MessageDigest sha = MessageDigest.getInstance("SHA-256");
    sha.update("Keywarden root key id v1\0".getBytes(StandardCharsets.US_ASCII));
    String expected = "p:" + HexFormat.of().formatHex(sha.digest(bytes)).substring(0, 16);
    assertEquals(expected, key.id("p"));
  }

  @Test
  void id_differsBetweenKeysAndNeverContainsTheKey() {
    AesKey a = AesKey.generate();
    AesKey b = AesKey.generate();
    assertNotEquals(a.id("x"), b.id("x"));
    String keyHex = HexFormat.of().formatHex(a.getEncoded());
    assertFalse(keyHex.contains(a.id("x").substring(2)));
  }

  @Test
  void adopt_wrongLength_refusedAndZeroed() {
    byte[] tooShort = {1, 2, 3};
    assertThrows(IllegalArgumentException.class, () -> AesKey.adopt(tooShort));
    assertArrayEquals(new byte[3], tooShort);
  }

  @Test
  void destroy_zeroesAdoptedArrayAndRefusesUse() {
    byte[] bytes = new byte[32];
    Arrays.fill(bytes, (byte) 0x5a);
    AesKey key = AesKey.adopt(bytes);
    key.destroy();
    assertTrue(key.isDestroyed());
    assertArrayEquals(new byte[32], bytes);
    assertThrows(IllegalStateException.class, key::getEncoded);
    assertThrows(IllegalStateException.class, () -> key.id("x"));
  }

  @Test
  void toString_doesNotShowTheKey() {
    AesKey key = AesKey.generate();
    String hex = HexFormat.of().formatHex(key.getEncoded());
    assertFalse(key.toString().toLowerCase().contains(hex.substring(0, 8)));
  }

  @Test
  void serialization_refused() throws Exception {
    AesKey key = AesKey.generate();
    try (ObjectOutputStream out = new ObjectOutputStream(new ByteArrayOutputStream())) {
      assertThrows(NotSerializableException.class, () -> out.writeObject(key));
    }
  }
}

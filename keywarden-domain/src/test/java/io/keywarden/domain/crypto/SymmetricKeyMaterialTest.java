package io.keywarden.domain.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class SymmetricKeyMaterialTest {

  @Test
  void copyOf_wrongLength_refused() {
    assertThrows(IllegalArgumentException.class, () -> SymmetricKeyMaterial.copyOf(new byte[31]));
    assertThrows(IllegalArgumentException.class, () -> SymmetricKeyMaterial.copyOf(new byte[33]));
  }

  @Test
  void copyOf_isIndependentOfTheCallersArray() {
    byte[] bytes = new byte[32];
    Arrays.fill(bytes, (byte) 1);
    SymmetricKeyMaterial material = SymmetricKeyMaterial.copyOf(bytes);
    bytes[0] = 2;
    byte[] expected = new byte[32];
    Arrays.fill(expected, (byte) 1);
    assertArrayEquals(expected, material.copyBytes());
  }

  @Test
  void copyBytes_isACopy() {
    SymmetricKeyMaterial material = SymmetricKeyMaterial.generate();
    byte[] copy = material.copyBytes();
    copy[0] ^= 1;
    assertFalse(Arrays.equals(copy, material.copyBytes()));
  }

  @Test
  void sameAs_comparesContent() {
    SymmetricKeyMaterial a = SymmetricKeyMaterial.generate();
    assertTrue(a.sameAs(SymmetricKeyMaterial.copyOf(a.copyBytes())));
    assertFalse(a.sameAs(SymmetricKeyMaterial.generate()));
  }

  @Test
  void destroy_zeroesTheMaterial() {
    SymmetricKeyMaterial material = SymmetricKeyMaterial.generate();
    material.destroy();
    assertArrayEquals(new byte[32], material.copyBytes());
  }

  @Test
  void toString_doesNotShowTheMaterial() {
    SymmetricKeyMaterial material = SymmetricKeyMaterial.generate();
    String hex = HexFormat.of().formatHex(material.copyBytes());
    assertFalse(material.toString().toLowerCase().contains(hex.substring(0, 8)));
  }
}

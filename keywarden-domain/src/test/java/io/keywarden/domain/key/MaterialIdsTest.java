package io.keywarden.domain.key;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class MaterialIdsTest {

  @Test
  void random_is64LowercaseHexAndValid() {
    String id = MaterialIds.random();
    assertEquals(64, id.length());
    assertTrue(id.matches("[0-9a-f]{64}"), id);
    assertTrue(MaterialIds.isValid(id));
  }

  @Test
  void random_doesNotRepeat() {
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < 1000; i++) {
      assertTrue(seen.add(MaterialIds.random()));
    }
  }

  @Test
  void toBytesFromBytes_roundTrip() {
    String id = MaterialIds.random();
    byte[] bytes = MaterialIds.toBytes(id);
    assertEquals(MaterialIds.BYTES, bytes.length);
    assertEquals(id, MaterialIds.fromBytes(bytes));
  }

  @Test
  void fromBytes_isLowercaseHex() {
    byte[] bytes = new byte[32];
    bytes[0] = (byte) 0xAB;
    bytes[31] = (byte) 0xFF;
    assertEquals("ab" + "00".repeat(30) + "ff", MaterialIds.fromBytes(bytes));
    assertArrayEquals(bytes, MaterialIds.toBytes("ab" + "00".repeat(30) + "ff"));
  }

  @Test
  void fromBytes_wrongLength_refused() {
    assertThrows(IllegalArgumentException.class, () -> MaterialIds.fromBytes(new byte[31]));
    assertThrows(IllegalArgumentException.class, () -> MaterialIds.fromBytes(new byte[33]));
  }

  @Test
  void isValid_refusesEverythingElse() {
    String id = MaterialIds.random();
    assertFalse(MaterialIds.isValid(null));
    assertFalse(MaterialIds.isValid(""));
    assertFalse(MaterialIds.isValid(id.substring(1)));
    assertFalse(MaterialIds.isValid(id + "0"));
    assertFalse(MaterialIds.isValid("A" + id.substring(1)));
    assertFalse(MaterialIds.isValid("g" + id.substring(1)));
    assertFalse(MaterialIds.isValid(" " + id.substring(1)));
    assertNotEquals(id.toUpperCase(), id);
  }
}

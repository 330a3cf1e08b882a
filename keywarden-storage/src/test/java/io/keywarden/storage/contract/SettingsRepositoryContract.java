package io.keywarden.storage.contract;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.keywarden.domain.storage.SettingsRepository;
import io.keywarden.domain.storage.Storage;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** {@link SettingsRepository}: named byte values, first writer wins with putIfAbsent. */
public interface SettingsRepositoryContract {
  Storage storage();

  private SettingsRepository settings() {
    return storage().settings();
  }

  private static byte[] everyByte() {
    byte[] value = new byte[256];
    for (int i = 0; i < value.length; i++) {
      value[i] = (byte) i;
    }
    return value;
  }

  @Test
  default void missingSetting_isEmpty() {
    assertEquals(Optional.empty(), settings().get("seal"));
  }

  @Test
  default void put_storesAndOverwrites() {
    settings().put("seal", everyByte());
    assertArrayEquals(everyByte(), settings().get("seal").orElseThrow());
    settings().put("seal", new byte[] {7});
    assertArrayEquals(new byte[] {7}, settings().get("seal").orElseThrow());
    assertEquals(Optional.empty(), settings().get("other"));
  }

  @Test
  default void putIfAbsent_storesOnlyTheFirstValue() {
    assertTrue(settings().putIfAbsent("seal", new byte[] {1}));
    assertFalse(settings().putIfAbsent("seal", new byte[] {2}));
    assertArrayEquals(new byte[] {1}, settings().get("seal").orElseThrow());
  }

  @Test
  default void emptyValue_roundTripsAsPresent() {
    settings().put("empty", new byte[0]);
    assertArrayEquals(new byte[0], settings().get("empty").orElseThrow());
    assertFalse(settings().putIfAbsent("empty", new byte[] {1}));
  }

  @Test
  default void values_areCopiedInAndOut() {
    byte[] value = {1, 2, 3};
    settings().put("seal", value);
    value[0] = 9;
    settings().get("seal").orElseThrow()[1] = 9;
    assertArrayEquals(new byte[] {1, 2, 3}, settings().get("seal").orElseThrow());
  }
}

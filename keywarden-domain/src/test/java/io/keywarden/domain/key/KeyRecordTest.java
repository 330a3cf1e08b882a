package io.keywarden.domain.key;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.keywarden.domain.trust.WrappedKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class KeyRecordTest {
  private static final Instant CREATED = Instant.parse("2024-01-02T03:04:05Z");
  private static final String KEY_ID = "1234abcd-12ab-34cd-56ef-1234567890ab";

  private static MaterialVersion material(String id) {
    return new MaterialVersion(id, CREATED, null, new WrappedKey("test:1", new byte[] {1, 2, 3}));
  }

  private static KeyRecord record(List<MaterialVersion> materials, String currentId) {
    return new KeyRecord(
        KEY_ID,
        "111122223333",
        "us-east-1",
        "",
        KeySpec.SYMMETRIC_DEFAULT,
        KeyUsage.ENCRYPT_DECRYPT,
        Origin.AWS_KMS,
        KeyManager.CUSTOMER,
        KeyState.Enabled,
        CREATED,
        null,
        null,
        "{}",
        List.of(),
        RotationSchedule.DISABLED,
        materials,
        currentId,
        0,
        1);
  }

  @Test
  void builder_bumpsRevisionByOne() {
    String m = MaterialIds.random();
    KeyRecord first = record(List.of(material(m)), m);
    KeyRecord second = first.toBuilder().description("changed").build();
    assertEquals(2, second.revision());
    assertEquals(3, second.toBuilder().build().revision());
    assertEquals(1, first.revision());
  }

  @Test
  void builder_changesOnlyWhatItIsTold() {
    String m = MaterialIds.random();
    KeyRecord first = record(List.of(material(m)), m);
    KeyRecord changed =
        first.toBuilder()
            .state(KeyState.PendingDeletion)
            .deletion(CREATED.plusSeconds(86400 * 7), 7)
            .tags(List.of(new Tag("team", "a")))
            .build();
    assertEquals(KeyState.PendingDeletion, changed.state());
    assertEquals(7, changed.pendingWindowDays());
    assertEquals(List.of(new Tag("team", "a")), changed.tags());
    assertEquals(first.keyId(), changed.keyId());
    assertEquals(first.description(), changed.description());
    assertEquals(first.policy(), changed.policy());
    assertEquals(first.materials(), changed.materials());
    assertEquals(first.currentMaterialId(), changed.currentMaterialId());
    assertEquals(first.creationDate(), changed.creationDate());
  }

  @Test
  void currentMaterialNotAmongMaterials_refused() {
    String m = MaterialIds.random();
    assertThrows(
        IllegalArgumentException.class, () -> record(List.of(material(m)), MaterialIds.random()));
    assertThrows(IllegalArgumentException.class, () -> record(List.of(), m));
  }

  @Test
  void builderSettingAnUnknownCurrentMaterial_refused() {
    String m = MaterialIds.random();
    KeyRecord first = record(List.of(material(m)), m);
    assertThrows(
        IllegalArgumentException.class,
        () -> first.toBuilder().materials(List.of(material(m)), MaterialIds.random()).build());
  }

  @Test
  void rotation_addsMaterialAndMovesCurrent() {
    String m1 = MaterialIds.random();
    String m2 = MaterialIds.random();
    KeyRecord first = record(List.of(material(m1)), m1);
    KeyRecord rotated =
        first.toBuilder().materials(List.of(material(m1), material(m2)), m2).build();
    assertEquals(m2, rotated.currentMaterial().orElseThrow().materialId());
    assertTrue(rotated.material(m1).isPresent());
    assertTrue(rotated.material(MaterialIds.random()).isEmpty());
  }

  @Test
  void noCurrentMaterial_allowed() {
    KeyRecord pendingImport = record(List.of(), null);
    assertNull(pendingImport.currentMaterialId());
    assertTrue(pendingImport.currentMaterial().isEmpty());
  }

  @Test
  void lists_areCopiedAndUnmodifiable() {
    String m = MaterialIds.random();
    List<MaterialVersion> materials = new ArrayList<>(List.of(material(m)));
    KeyRecord r = record(materials, m);
    materials.clear();
    assertEquals(1, r.materials().size());
    assertThrows(UnsupportedOperationException.class, () -> r.materials().clear());
    assertThrows(UnsupportedOperationException.class, () -> r.tags().add(new Tag("a", "b")));
  }

  @Test
  void arn_isTheKmsKeyArn() {
    KeyRecord r = record(List.of(), null);
    assertEquals("arn:aws:kms:us-east-1:111122223333:key/" + KEY_ID, r.arn());
    assertTrue(r.enabled());
    assertSame(KeyState.Disabled, r.toBuilder().state(KeyState.Disabled).build().state());
  }

  @Test
  void materialVersion_invalidId_refused() {
    assertThrows(IllegalArgumentException.class, () -> material("ABC"));
    assertThrows(IllegalArgumentException.class, () -> material(MaterialIds.random().toUpperCase()));
  }
}

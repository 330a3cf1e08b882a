package io.keywarden.services.kms;

import io.keywarden.domain.crypto.SymmetricKeyMaterial;
import io.keywarden.domain.key.KeyRecord;
import java.util.Map;
import java.util.Optional;

/**
 * A key as the data plane uses it: its record and the plaintext of its material versions, unwrapped
 * once when the key was loaded. Holds secrets: no {@code toString}, {@code equals} or accessors that
 * expose the material beyond the cipher's needs.
 */
public final class LoadedKey {
  private final KeyRecord record;
  private final Map<String, SymmetricKeyMaterial> materials;

  LoadedKey(KeyRecord record, Map<String, SymmetricKeyMaterial> materials) {
    this.record = record;
    this.materials = Map.copyOf(materials);
  }

  public KeyRecord record() {
    return record;
  }

  public String arn() {
    return record.arn();
  }

  /** The plaintext of one material version, if the key has it. */
  public Optional<SymmetricKeyMaterial> material(String materialId) {
    return Optional.ofNullable(materials.get(materialId));
  }

  /** The current material version's plaintext. */
  public SymmetricKeyMaterial currentMaterial() {
    SymmetricKeyMaterial m = materials.get(record.currentMaterialId());
    if (m == null) {
      throw new IllegalStateException("key has no current material");
    }
    return m;
  }

  Map<String, SymmetricKeyMaterial> materials() {
    return materials;
  }

  @Override
  public String toString() {
    return "LoadedKey[" + record.keyId() + "]";
  }
}

package io.keywarden.services.kms;

import io.keywarden.domain.crypto.HmacKeyMaterial;
import io.keywarden.domain.crypto.KeyMaterial;
import io.keywarden.domain.crypto.KeyPairMaterial;
import io.keywarden.domain.crypto.SymmetricKeyMaterial;
import io.keywarden.domain.key.KeyRecord;
import java.util.Map;
import java.util.Optional;

/**
 * A key as the data plane uses it: its record and the plaintext of its material versions, unwrapped
 * once when the key was loaded. Holds secrets: no {@code toString}, {@code equals} or accessors that
 * expose the material beyond the cryptography's needs.
 */
public final class LoadedKey {
  private final KeyRecord record;
  private final Map<String, KeyMaterial> materials;

  LoadedKey(KeyRecord record, Map<String, KeyMaterial> materials) {
    this.record = record;
    this.materials = Map.copyOf(materials);
  }

  public KeyRecord record() {
    return record;
  }

  public String arn() {
    return record.arn();
  }

  /** The plaintext of one symmetric material version, if the key has it. */
  public Optional<SymmetricKeyMaterial> material(String materialId) {
    KeyMaterial m = materials.get(materialId);
    return m instanceof SymmetricKeyMaterial s ? Optional.of(s) : Optional.empty();
  }

  /** The current symmetric material version's plaintext. */
  public SymmetricKeyMaterial currentMaterial() {
    return (SymmetricKeyMaterial) current();
  }

  /** The key pair of an asymmetric key. */
  public KeyPairMaterial keyPair() {
    return (KeyPairMaterial) current();
  }

  /** The key of an HMAC key. */
  public HmacKeyMaterial hmacKey() {
    return (HmacKeyMaterial) current();
  }

  private KeyMaterial current() {
    KeyMaterial m = materials.get(record.currentMaterialId());
    if (m == null) {
      throw new IllegalStateException("key has no current material");
    }
    return m;
  }

  Map<String, KeyMaterial> materials() {
    return materials;
  }

  @Override
  public String toString() {
    return "LoadedKey[" + record.keyId() + "]";
  }
}

package io.keywarden.services.kms;

import io.keywarden.domain.crypto.HmacKeyMaterial;
import io.keywarden.domain.crypto.KeyMaterial;
import io.keywarden.domain.crypto.KeyPairMaterial;
import io.keywarden.domain.crypto.SymmetricKeyMaterial;
import io.keywarden.domain.key.KeyRecord;
import io.keywarden.services.kms.access.KeyPolicy;
import java.util.Map;
import java.util.Optional;

/**
 * A key as the data plane uses it: its record, the plaintext of its material versions, unwrapped
 * once when the key was loaded, and its key policy, parsed once when the key was loaded or its policy
 * changed. Holds secrets: no {@code toString}, {@code equals} or accessors that
 * expose the material beyond the cryptography's needs.
 */
public final class LoadedKey {
  private final KeyRecord record;
  private final Map<String, KeyMaterial> materials;
  private final KeyPolicy policy;

  LoadedKey(KeyRecord record, Map<String, KeyMaterial> materials, KeyPolicy policy) {
    this.record = record;
    this.materials = Map.copyOf(materials);
    this.policy = policy;
  }

  /** The parsed key policy. */
  public KeyPolicy policy() {
    return policy;
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

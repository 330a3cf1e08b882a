package io.keywarden.domain.key;

import io.keywarden.domain.trust.WrappedKey;
import java.time.Instant;
import java.util.Objects;

/**
 * One version of a key's material, as stored: its identifier, when it was created, how (initial
 * material has no rotation type), and the material wrapped by the root of trust. Never holds plaintext.
 *
 * @param materialId 64 lowercase hex characters (32 random bytes), the KMS {@code KeyMaterialId}
 * @param rotationType {@code null} for the key's initial material
 */
public record MaterialVersion(
    String materialId, Instant createdAt, RotationType rotationType, WrappedKey wrapped) {
  public MaterialVersion {
    Objects.requireNonNull(materialId, "materialId");
    Objects.requireNonNull(createdAt, "createdAt");
    Objects.requireNonNull(wrapped, "wrapped");
    if (!MaterialIds.isValid(materialId)) {
      throw new IllegalArgumentException("materialId must be 64 lowercase hex characters");
    }
  }
}

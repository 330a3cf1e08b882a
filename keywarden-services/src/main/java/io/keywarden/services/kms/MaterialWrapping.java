package io.keywarden.services.kms;

import io.keywarden.domain.crypto.HmacKeyMaterial;
import io.keywarden.domain.crypto.KeyMaterial;
import io.keywarden.domain.crypto.KeyPairMaterial;
import io.keywarden.domain.crypto.SymmetricKeyMaterial;
import io.keywarden.domain.key.KeySpec;
import io.keywarden.domain.key.KeySpecs;
import io.keywarden.domain.key.MaterialVersion;
import io.keywarden.domain.key.RotationType;
import io.keywarden.domain.trust.RootOfTrust;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;

/**
 * Wraps and unwraps key material versions with the root of trust. The wrap context binds each blob to
 * its key and material id, so a wrapped blob copied into another key's record does not unwrap.
 */
final class MaterialWrapping {
  private final RootOfTrust root;

  MaterialWrapping(RootOfTrust root) {
    this.root = root;
  }

  MaterialVersion wrap(
      String keyId, String materialId, KeyMaterial material, RotationType rotationType, Instant createdAt) {
    byte[] plain = material.encodeForWrapping();
    try {
      return new MaterialVersion(
          materialId, createdAt, rotationType, root.wrap(plain, context(keyId, materialId)));
    } finally {
      Arrays.fill(plain, (byte) 0);
    }
  }

  KeyMaterial unwrap(String keyId, KeySpec spec, MaterialVersion version) {
    byte[] plain = root.unwrap(version.wrapped(), context(keyId, version.materialId()));
    try {
      if (spec == KeySpec.SYMMETRIC_DEFAULT) {
        return SymmetricKeyMaterial.copyOf(plain);
      }
      if (KeySpecs.isHmac(spec)) {
        return HmacKeyMaterial.copyOf(spec, plain);
      }
      return KeyPairMaterial.decode(spec, plain);
    } finally {
      Arrays.fill(plain, (byte) 0);
    }
  }

  private static byte[] context(String keyId, String materialId) {
    return ("kms-key-material/v1/" + keyId + "/" + materialId).getBytes(StandardCharsets.UTF_8);
  }
}

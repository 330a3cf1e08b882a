package io.keywarden.services.kms;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.keywarden.domain.key.KeyRecord;
import io.keywarden.domain.key.KeyState;
import io.keywarden.domain.key.KeyUsage;
import io.keywarden.services.api.JsonOutput;

/** Renders a key as the model's {@code KeyMetadata} structure, with the members AWS sends. */
final class KeyMetadataView {
  private KeyMetadataView() {}

  static ObjectNode of(KeyRecord k) {
    ObjectNode m = JsonOutput.object();
    m.put("AWSAccountId", k.accountId());
    m.put("KeyId", k.keyId());
    m.put("Arn", k.arn());
    JsonOutput.timestamp(m, "CreationDate", k.creationDate());
    m.put("Enabled", k.enabled());
    m.put("Description", k.description());
    m.put("KeyUsage", k.keyUsage().name());
    m.put("KeyState", k.state().name());
    if (k.state() == KeyState.PendingDeletion) {
      JsonOutput.timestamp(m, "DeletionDate", k.deletionDate());
    }
    m.put("Origin", k.origin().name());
    m.put("KeyManager", k.keyManager().name());
    m.put("CustomerMasterKeySpec", k.keySpec().name());
    m.put("KeySpec", k.keySpec().name());
    if (k.keyUsage() == KeyUsage.ENCRYPT_DECRYPT && k.keySpec().isSymmetricDefault()) {
      m.putArray("EncryptionAlgorithms").add("SYMMETRIC_DEFAULT");
    }
    m.put("MultiRegion", false);
    JsonOutput.string(m, "CurrentKeyMaterialId", k.currentMaterialId());
    return m;
  }
}

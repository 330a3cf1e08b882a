package io.keywarden.services.kms;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.keywarden.domain.key.KeyRecord;
import io.keywarden.domain.key.KeySpec;
import io.keywarden.domain.key.KeySpecs;
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
    algorithms(m, k.keySpec(), k.keyUsage());
    m.put("MultiRegion", false);
    if (k.keySpec().isSymmetricDefault()) {
      // AWS shows CurrentKeyMaterialId for symmetric encryption keys only (recorded).
      JsonOutput.string(m, "CurrentKeyMaterialId", k.currentMaterialId());
    }
    return m;
  }

  /** The algorithm lists of a key's usage: Encryption, Signing, Mac or KeyAgreementAlgorithms. */
  static void algorithms(ObjectNode m, KeySpec spec, KeyUsage usage) {
    switch (usage) {
      case ENCRYPT_DECRYPT:
        ArrayNode enc = m.putArray("EncryptionAlgorithms");
        KeySpecs.encryptionAlgorithms(spec).forEach(a -> enc.add(a.name()));
        break;
      case SIGN_VERIFY:
        ArrayNode sig = m.putArray("SigningAlgorithms");
        KeySpecs.signingAlgorithms(spec).forEach(a -> sig.add(a.name()));
        break;
      case GENERATE_VERIFY_MAC:
        ArrayNode mac = m.putArray("MacAlgorithms");
        KeySpecs.macAlgorithms(spec).forEach(a -> mac.add(a.name()));
        break;
      case KEY_AGREEMENT:
        m.putArray("KeyAgreementAlgorithms").add("ECDH");
        break;
      default:
        break;
    }
  }
}

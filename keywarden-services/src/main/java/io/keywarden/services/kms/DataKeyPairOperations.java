package io.keywarden.services.kms;

import static io.keywarden.services.api.JsonInput.has;
import static io.keywarden.services.api.JsonInput.isTrue;
import static io.keywarden.services.api.JsonInput.string;
import static io.keywarden.services.api.JsonInput.stringMap;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.keywarden.domain.crypto.EncryptionContext;
import io.keywarden.domain.crypto.KeyPairMaterial;
import io.keywarden.domain.crypto.SymmetricCipher;
import io.keywarden.domain.key.KeyRecord;
import io.keywarden.domain.key.KeySpec;
import io.keywarden.services.api.CallContext;
import io.keywarden.services.api.JsonOutput;
import io.keywarden.services.api.OperationTable;
import java.util.Arrays;

/**
 * GenerateDataKeyPair and GenerateDataKeyPairWithoutPlaintext: a fresh key pair whose PKCS#8 private
 * key is returned encrypted under a symmetric KMS key (a blob Decrypt opens) and, for the first, in
 * plaintext too. Key generation (RSA above all) takes time: they run off the I/O threads.
 */
final class DataKeyPairOperations {
  private final KmsCore core;

  DataKeyPairOperations(KmsCore core) {
    this.core = core;
  }

  void register(OperationTable table) {
    table
        .blocking("GenerateDataKeyPair", (c, in) -> generate(c, in, true))
        .blocking("GenerateDataKeyPairWithoutPlaintext", (c, in) -> generate(c, in, false));
  }

  ObjectNode generate(CallContext ctx, ObjectNode in, boolean withPlaintext) {
    String operation = withPlaintext ? "GenerateDataKeyPair" : "GenerateDataKeyPairWithoutPlaintext";
    if (has(in, "Recipient")) {
      throw KmsErrors.unsupported(
          "Keywarden does not support Recipient (AWS Nitro Enclaves attestation).");
    }
    EncryptionContext context;
    try {
      context = EncryptionContext.of(stringMap(in, "EncryptionContext"));
    } catch (IllegalArgumentException e) {
      throw KmsErrors.validation("The encryption context contains a value that is not valid Unicode.");
    }
    String pairSpec = string(in, "KeyPairSpec");
    LoadedKey key =
        core.resolve(
            ctx,
            string(in, "KeyId"),
            true,
            KeyAccess.to(operation)
                .grantTokens(in)
                .encryptionContext(context)
                .put("kms:EncryptionAlgorithm", "SYMMETRIC_DEFAULT")
                .put("kms:DataKeyPairSpec", pairSpec));
    CryptoOperations.requireSymmetricEncryption(key, operation);
    if (pairSpec.equals("SM2")) {
      throw KmsErrors.unsupported(
          "KeyPairSpec SM2 is offered only in AWS China Regions; Keywarden does not offer it.");
    }
    if (isTrue(in, "DryRun")) {
      throw KmsErrors.dryRun();
    }
    KeyPairMaterial pair = KeyPairMaterial.generate(KeySpec.valueOf(pairSpec));
    byte[] privateKey = pair.pkcs8();
    try {
      KeyRecord r = key.record();
      byte[] ciphertext =
          SymmetricCipher.encrypt(
              r.keyId(), r.currentMaterialId(), key.currentMaterial(), privateKey, context);
      ObjectNode out = JsonOutput.object();
      JsonOutput.blob(out, "PrivateKeyCiphertextBlob", ciphertext);
      if (withPlaintext) {
        JsonOutput.blob(out, "PrivateKeyPlaintext", privateKey);
      }
      JsonOutput.blob(out, "PublicKey", pair.subjectPublicKeyInfo());
      out.put("KeyId", key.arn());
      out.put("KeyPairSpec", pairSpec);
      out.put("KeyMaterialId", r.currentMaterialId());
      return out;
    } finally {
      Arrays.fill(privateKey, (byte) 0);
      pair.destroy();
    }
  }
}

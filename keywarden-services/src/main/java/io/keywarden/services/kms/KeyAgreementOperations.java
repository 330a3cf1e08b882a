package io.keywarden.services.kms;

import static io.keywarden.services.api.JsonInput.blob;
import static io.keywarden.services.api.JsonInput.has;
import static io.keywarden.services.api.JsonInput.isTrue;
import static io.keywarden.services.api.JsonInput.string;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.keywarden.domain.crypto.asymmetric.Ecdh;
import io.keywarden.domain.key.KeyRecord;
import io.keywarden.domain.key.KeyUsage;
import io.keywarden.services.api.CallContext;
import io.keywarden.services.api.JsonOutput;
import io.keywarden.services.api.OperationTable;
import io.keywarden.services.kms.KeyStateRules.Use;
import java.util.Arrays;

/** DeriveSharedSecret: ECDH between a KEY_AGREEMENT key and a peer's public key. */
final class KeyAgreementOperations {
  private final KmsCore core;

  KeyAgreementOperations(KmsCore core) {
    this.core = core;
  }

  void register(OperationTable table) {
    table.blocking("DeriveSharedSecret", this::deriveSharedSecret);
  }

  ObjectNode deriveSharedSecret(CallContext ctx, ObjectNode in) {
    if (has(in, "Recipient")) {
      throw KmsErrors.unsupported(
          "Keywarden does not support Recipient (AWS Nitro Enclaves attestation).");
    }
    LoadedKey key =
        core.resolve(
            ctx,
            string(in, "KeyId"),
            true,
            KeyAccess.to("DeriveSharedSecret")
                .grantTokens(in)
                .put("kms:KeyAgreementAlgorithm", string(in, "KeyAgreementAlgorithm")));
    KeyRecord r = key.record();
    KeyStateRules.check(r, Use.CRYPTOGRAPHIC);
    if (r.keyUsage() != KeyUsage.KEY_AGREEMENT) {
      // Recorded: "<arn> key usage is SIGN_VERIFY which is not valid for DeriveSharedSecret."
      throw KmsErrors.invalidKeyUsage(r.arn(), r.keyUsage().name(), "DeriveSharedSecret");
    }
    byte[] secret;
    try {
      secret = Ecdh.deriveSharedSecret(key.keyPair(), blob(in, "PublicKey"));
    } catch (IllegalArgumentException e) {
      // Recorded (response-invalid-public-key): ValidationException without a message.
      throw KmsErrors.validation(null);
    }
    try {
      if (isTrue(in, "DryRun")) {
        throw KmsErrors.dryRun();
      }
      ObjectNode out = JsonOutput.object();
      out.put("KeyId", r.arn());
      JsonOutput.blob(out, "SharedSecret", secret);
      out.put("KeyAgreementAlgorithm", "ECDH");
      out.put("KeyOrigin", r.origin().name());
      return out;
    } finally {
      Arrays.fill(secret, (byte) 0);
    }
  }
}

package io.keywarden.services.kms;

import static io.keywarden.services.api.JsonInput.blob;
import static io.keywarden.services.api.JsonInput.isTrue;
import static io.keywarden.services.api.JsonInput.string;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.keywarden.domain.key.KeyRecord;
import io.keywarden.domain.key.KeySpecs;
import io.keywarden.domain.key.KeyUsage;
import io.keywarden.domain.key.MacAlgorithm;
import io.keywarden.services.api.ApiException;
import io.keywarden.services.api.CallContext;
import io.keywarden.services.api.JsonOutput;
import io.keywarden.services.api.OperationTable;
import io.keywarden.services.kms.KeyStateRules.Use;

/** GenerateMac and VerifyMac with HMAC keys. Microseconds of work: they run inline. */
final class MacOperations {
  private final KmsCore core;

  MacOperations(KmsCore core) {
    this.core = core;
  }

  void register(OperationTable table) {
    table.inline("GenerateMac", this::generateMac).inline("VerifyMac", this::verifyMac);
  }

  ObjectNode generateMac(CallContext ctx, ObjectNode in) {
    LoadedKey key =
        core.resolve(
            ctx,
            string(in, "KeyId"),
            true,
            KeyAccess.to("GenerateMac").grantTokens(in).put("kms:MacAlgorithm", string(in, "MacAlgorithm")));
    MacAlgorithm algorithm = MacAlgorithm.valueOf(string(in, "MacAlgorithm"));
    checkMacKey(key, "GenerateMac", algorithm);
    if (isTrue(in, "DryRun")) {
      throw KmsErrors.dryRun();
    }
    ObjectNode out = JsonOutput.object();
    JsonOutput.blob(out, "Mac", key.hmacKey().mac(algorithm, blob(in, "Message")));
    out.put("MacAlgorithm", algorithm.name());
    out.put("KeyId", key.arn());
    return out;
  }

  ObjectNode verifyMac(CallContext ctx, ObjectNode in) {
    LoadedKey key =
        core.resolve(
            ctx,
            string(in, "KeyId"),
            true,
            KeyAccess.to("VerifyMac").grantTokens(in).put("kms:MacAlgorithm", string(in, "MacAlgorithm")));
    MacAlgorithm algorithm = MacAlgorithm.valueOf(string(in, "MacAlgorithm"));
    checkMacKey(key, "VerifyMac", algorithm);
    if (isTrue(in, "DryRun")) {
      throw KmsErrors.dryRun();
    }
    if (!key.hmacKey().verify(algorithm, blob(in, "Message"), blob(in, "Mac"))) {
      // Recorded: a wrong MAC is an error without a message.
      throw new ApiException("KMSInvalidMacException", null);
    }
    ObjectNode out = JsonOutput.object();
    out.put("KeyId", key.arn());
    out.put("MacValid", true);
    out.put("MacAlgorithm", algorithm.name());
    return out;
  }

  private static void checkMacKey(LoadedKey key, String operation, MacAlgorithm algorithm) {
    KeyRecord r = key.record();
    KeyStateRules.check(r, Use.CRYPTOGRAPHIC);
    if (r.keyUsage() != KeyUsage.GENERATE_VERIFY_MAC) {
      // Recorded: "<arn> key usage is ENCRYPT_DECRYPT which is not valid for GenerateMac."
      throw KmsErrors.invalidKeyUsage(r.arn(), r.keyUsage().name(), operation);
    }
    if (!KeySpecs.macAlgorithms(r.keySpec()).contains(algorithm)) {
      // Recorded: "Algorithm HMAC_SHA_256 is incompatible with key spec HMAC_224."
      throw KmsErrors.invalidKeyUsage(
          "Algorithm " + algorithm + " is incompatible with key spec " + r.keySpec() + ".");
    }
  }
}

package io.keywarden.services.kms;

import static io.keywarden.services.api.JsonInput.blob;
import static io.keywarden.services.api.JsonInput.isTrue;
import static io.keywarden.services.api.JsonInput.string;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.keywarden.domain.crypto.asymmetric.MessageType;
import io.keywarden.domain.crypto.asymmetric.Signatures;
import io.keywarden.domain.key.KeyRecord;
import io.keywarden.domain.key.KeySpecs;
import io.keywarden.domain.key.KeyUsage;
import io.keywarden.domain.key.SigningAlgorithm;
import io.keywarden.services.api.ApiException;
import io.keywarden.services.api.CallContext;
import io.keywarden.services.api.JsonOutput;
import io.keywarden.services.api.OperationTable;
import io.keywarden.services.kms.KeyStateRules.Use;

/**
 * Sign, Verify and GetPublicKey for asymmetric keys. Sign and Verify run on the compute pool ({@link
 * io.keywarden.services.api.Execution#COMPUTE}): off the I/O threads, since an RSA 4096 or P-521
 * signature takes milliseconds, but on one thread per core, since they only compute.
 */
final class SigningOperations {
  private final KmsCore core;

  SigningOperations(KmsCore core) {
    this.core = core;
  }

  void register(OperationTable table) {
    table
        .compute("Sign", this::sign)
        .compute("Verify", this::verify)
        .inline("GetPublicKey", this::getPublicKey);
  }

  ObjectNode sign(CallContext ctx, ObjectNode in) {
    LoadedKey key = core.resolve(ctx, string(in, "KeyId"), true, signingAccess("Sign", in));
    SigningAlgorithm algorithm = SigningAlgorithm.valueOf(string(in, "SigningAlgorithm"));
    MessageType type = messageType(in);
    byte[] message = blob(in, "Message");
    checkSigningKey(key, "Sign", algorithm);
    checkMessage(algorithm, type, message);
    if (isTrue(in, "DryRun")) {
      throw KmsErrors.dryRun();
    }
    byte[] signature = Signatures.sign(key.keyPair(), algorithm, type, message);
    ObjectNode out = JsonOutput.object();
    out.put("KeyId", key.arn());
    JsonOutput.blob(out, "Signature", signature);
    out.put("SigningAlgorithm", algorithm.name());
    return out;
  }

  ObjectNode verify(CallContext ctx, ObjectNode in) {
    LoadedKey key = core.resolve(ctx, string(in, "KeyId"), true, signingAccess("Verify", in));
    SigningAlgorithm algorithm = SigningAlgorithm.valueOf(string(in, "SigningAlgorithm"));
    MessageType type = messageType(in);
    byte[] message = blob(in, "Message");
    checkSigningKey(key, "Verify", algorithm);
    checkMessage(algorithm, type, message);
    if (isTrue(in, "DryRun")) {
      throw KmsErrors.dryRun();
    }
    if (!Signatures.verify(key.keyPair(), algorithm, type, message, blob(in, "Signature"))) {
      // Recorded: an invalid signature is an error without a message, not SignatureValid false.
      throw new ApiException("KMSInvalidSignatureException", null);
    }
    ObjectNode out = JsonOutput.object();
    out.put("KeyId", key.arn());
    out.put("SignatureValid", true);
    out.put("SigningAlgorithm", algorithm.name());
    return out;
  }

  ObjectNode getPublicKey(CallContext ctx, ObjectNode in) {
    LoadedKey key =
        core.resolve(ctx, string(in, "KeyId"), true, KeyAccess.to("GetPublicKey").grantTokens(in));
    KeyRecord r = key.record();
    KeyStateRules.check(r, Use.CRYPTOGRAPHIC);
    if (!KeySpecs.isAsymmetric(r.keySpec())) {
      throw KmsErrors.unsupported(
          r.arn() + " key spec " + r.keySpec() + " is not valid for GetPublicKey.");
    }
    ObjectNode out = JsonOutput.object();
    out.put("KeyId", r.arn());
    JsonOutput.blob(out, "PublicKey", key.keyPair().subjectPublicKeyInfo());
    out.put("CustomerMasterKeySpec", r.keySpec().name());
    out.put("KeySpec", r.keySpec().name());
    out.put("KeyUsage", r.keyUsage().name());
    KeyMetadataView.algorithms(out, r.keySpec(), r.keyUsage());
    return out;
  }

  /** kms:SigningAlgorithm and kms:MessageType (RAW when absent, as AWS evaluates it). */
  private static KeyAccess signingAccess(String action, ObjectNode in) {
    String type = string(in, "MessageType");
    return KeyAccess.to(action)
        .grantTokens(in)
        .put("kms:SigningAlgorithm", string(in, "SigningAlgorithm"))
        .put("kms:MessageType", type == null ? "RAW" : type);
  }

  private static MessageType messageType(ObjectNode in) {
    String t = string(in, "MessageType");
    return t == null ? MessageType.RAW : MessageType.valueOf(t);
  }

  /** Key state, then usage (recorded message), then the algorithm against the spec. */
  private static void checkSigningKey(LoadedKey key, String operation, SigningAlgorithm algorithm) {
    KeyRecord r = key.record();
    KeyStateRules.check(r, Use.CRYPTOGRAPHIC);
    if (r.keyUsage() != KeyUsage.SIGN_VERIFY) {
      throw KmsErrors.invalidKeyUsage(r.arn(), r.keyUsage().name(), operation);
    }
    if (!KeySpecs.signingAlgorithms(r.keySpec()).contains(algorithm)) {
      throw KmsErrors.invalidKeyUsage(
          "Algorithm " + algorithm + " is incompatible with key spec " + r.keySpec() + ".");
    }
  }

  private static void checkMessage(SigningAlgorithm algorithm, MessageType type, byte[] message) {
    Signatures.MessageProblem problem = Signatures.messageProblem(algorithm, type, message);
    if (problem == null) {
      return;
    }
    if (problem == Signatures.MessageProblem.LENGTH && type == MessageType.DIGEST) {
      // Recorded (test_sign_verify bad-digest).
      throw KmsErrors.validation("Digest is invalid length for algorithm " + algorithm + ".");
    }
    if (problem == Signatures.MessageProblem.LENGTH) {
      throw KmsErrors.validation("The message for MessageType EXTERNAL_MU must be 64 bytes.");
    }
    throw KmsErrors.validation(
        "MessageType " + type + " is not valid for signing algorithm " + algorithm + ".");
  }
}

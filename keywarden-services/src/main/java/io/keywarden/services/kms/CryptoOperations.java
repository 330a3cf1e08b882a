package io.keywarden.services.kms;

import static io.keywarden.services.api.JsonInput.blob;
import static io.keywarden.services.api.JsonInput.has;
import static io.keywarden.services.api.JsonInput.integer;
import static io.keywarden.services.api.JsonInput.isTrue;
import static io.keywarden.services.api.JsonInput.string;
import static io.keywarden.services.api.JsonInput.stringMap;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.keywarden.domain.crypto.EncryptionContext;
import io.keywarden.domain.crypto.InvalidCiphertextException;
import io.keywarden.domain.crypto.KeyPairMaterial;
import io.keywarden.domain.crypto.asymmetric.RsaOaep;
import io.keywarden.domain.key.EncryptionAlgorithm;
import io.keywarden.domain.key.KeySpecs;
import io.keywarden.domain.crypto.Randomness;
import io.keywarden.domain.crypto.SymmetricCipher;
import io.keywarden.domain.crypto.SymmetricCiphertext;
import io.keywarden.domain.crypto.SymmetricKeyMaterial;
import io.keywarden.domain.key.KeyRecord;
import io.keywarden.domain.key.KeyUsage;
import io.keywarden.services.api.CallContext;
import io.keywarden.services.api.JsonOutput;
import io.keywarden.services.api.OperationTable;
import io.keywarden.services.kms.KeyStateRules.Use;
import java.util.Arrays;

/**
 * The symmetric data plane: Encrypt, Decrypt, ReEncrypt, GenerateDataKey,
 * GenerateDataKeyWithoutPlaintext, GenerateRandom. Memory and CPU only (keys come from the {@link
 * KeyRing}); runs inline on I/O threads.
 */
final class CryptoOperations {
  private final KmsCore core;

  CryptoOperations(KmsCore core) {
    this.core = core;
  }

  void register(OperationTable table) {
    table
        .inline("Encrypt", this::encrypt)
        .inline("Decrypt", this::decrypt)
        .inline("ReEncrypt", this::reEncrypt)
        .inline("GenerateDataKey", (c, in) -> generateDataKey(c, in, true))
        .inline("GenerateDataKeyWithoutPlaintext", (c, in) -> generateDataKey(c, in, false))
        .inline("GenerateRandom", this::generateRandom);
  }

  ObjectNode encrypt(CallContext ctx, ObjectNode in) {
    EncryptionContext context = context(in, "EncryptionContext");
    LoadedKey key =
        core.resolve(
            ctx,
            string(in, "KeyId"),
            true,
            KeyAccess.to("Encrypt")
                .grantTokens(in)
                .encryptionContext(context)
                .put("kms:EncryptionAlgorithm", algorithmName(string(in, "EncryptionAlgorithm"))));
    byte[] plaintext = blob(in, "Plaintext");
    try {
      Encrypted e =
          encryptFor(
              key,
              "Encrypt",
              string(in, "EncryptionAlgorithm"),
              plaintext,
              context,
              isTrue(in, "DryRun"));
      ctx.audit().additional("keyMaterialId", e.materialId);
      ObjectNode out = JsonOutput.object();
      JsonOutput.blob(out, "CiphertextBlob", e.ciphertext);
      out.put("KeyId", key.arn());
      out.put("EncryptionAlgorithm", e.algorithm.name());
      return out;
    } finally {
      Arrays.fill(plaintext, (byte) 0);
    }
  }

  ObjectNode decrypt(CallContext ctx, ObjectNode in) {
    if (has(in, "Recipient")) {
      throw recipientUnsupported();
    }
    Decrypted d =
        decryptBlob(
            ctx,
            blob(in, "CiphertextBlob"),
            string(in, "KeyId"),
            context(in, "EncryptionContext"),
            string(in, "EncryptionAlgorithm"),
            KeyAccess.to("Decrypt").grantTokens(in),
            isTrue(in, "DryRun"));
    try {
      ObjectNode out = JsonOutput.object();
      out.put("KeyId", d.key.arn());
      JsonOutput.blob(out, "Plaintext", d.plaintext);
      out.put("EncryptionAlgorithm", d.algorithm.name());
      JsonOutput.string(out, "KeyMaterialId", d.materialId);
      return out;
    } finally {
      Arrays.fill(d.plaintext, (byte) 0);
    }
  }

  ObjectNode reEncrypt(CallContext ctx, ObjectNode in) {
    EncryptionContext destinationContext = context(in, "DestinationEncryptionContext");
    KeyAccess to =
        KeyAccess.to("ReEncryptTo")
            .grantTokens(in)
            .encryptionContext(destinationContext)
            .put("kms:EncryptionAlgorithm", algorithmName(string(in, "DestinationEncryptionAlgorithm")));
    LoadedKey destination = core.locate(ctx, string(in, "DestinationKeyId"), true, to);
    // kms:ReEncryptOnSameKey: whether the ciphertext's key is the destination key.
    String sameKey =
        Boolean.toString(
            destination.record().keyId().equals(
                sourceKeyId(ctx, blob(in, "CiphertextBlob"), string(in, "SourceKeyId"))));
    core.authorized(ctx, destination, to.put("kms:ReEncryptOnSameKey", sameKey));
    checkEncryptionKey(destination, "ReEncrypt", algorithm(destination, string(in, "DestinationEncryptionAlgorithm")));
    Decrypted d =
        decryptBlob(
            ctx,
            blob(in, "CiphertextBlob"),
            string(in, "SourceKeyId"),
            context(in, "SourceEncryptionContext"),
            string(in, "SourceEncryptionAlgorithm"),
            KeyAccess.to("ReEncryptFrom").grantTokens(in).put("kms:ReEncryptOnSameKey", sameKey),
            isTrue(in, "DryRun"));
    try {
      Encrypted e =
          encryptFor(
              destination,
              "ReEncrypt",
              string(in, "DestinationEncryptionAlgorithm"),
              d.plaintext,
              destinationContext,
              false);
      ObjectNode out = JsonOutput.object();
      JsonOutput.blob(out, "CiphertextBlob", e.ciphertext);
      out.put("SourceKeyId", d.key.arn());
      out.put("KeyId", destination.arn());
      out.put("SourceEncryptionAlgorithm", d.algorithm.name());
      out.put("DestinationEncryptionAlgorithm", e.algorithm.name());
      JsonOutput.string(out, "SourceKeyMaterialId", d.materialId);
      JsonOutput.string(out, "DestinationKeyMaterialId", e.materialId);
      return out;
    } finally {
      Arrays.fill(d.plaintext, (byte) 0);
    }
  }

  ObjectNode generateDataKey(CallContext ctx, ObjectNode in, boolean withPlaintext) {
    String operation = withPlaintext ? "GenerateDataKey" : "GenerateDataKeyWithoutPlaintext";
    if (withPlaintext && has(in, "Recipient")) {
      throw recipientUnsupported();
    }
    EncryptionContext context = context(in, "EncryptionContext");
    LoadedKey key =
        core.resolve(
            ctx,
            string(in, "KeyId"),
            true,
            KeyAccess.to(operation)
                .grantTokens(in)
                .encryptionContext(context)
                .put("kms:EncryptionAlgorithm", "SYMMETRIC_DEFAULT"));
    requireSymmetricEncryption(key, operation);
    int length = dataKeyLength(in);
    if (isTrue(in, "DryRun")) {
      throw KmsErrors.dryRun();
    }
    byte[] dataKey = Randomness.bytes(length);
    try {
      byte[] ciphertext = encryptWith(key, dataKey, context);
      ObjectNode out = JsonOutput.object();
      JsonOutput.blob(out, "CiphertextBlob", ciphertext);
      if (withPlaintext) {
        JsonOutput.blob(out, "Plaintext", dataKey);
      }
      out.put("KeyId", key.arn());
      out.put("KeyMaterialId", key.record().currentMaterialId());
      return out;
    } finally {
      Arrays.fill(dataKey, (byte) 0);
    }
  }

  ObjectNode generateRandom(CallContext ctx, ObjectNode in) {
    if (has(in, "CustomKeyStoreId")) {
      throw KmsErrors.unsupported("Keywarden does not support custom key stores.");
    }
    if (has(in, "Recipient")) {
      throw recipientUnsupported();
    }
    core.authorizeByIdentity(ctx, KeyAccess.to("GenerateRandom"), "*", "*");
    Integer n = integer(in, "NumberOfBytes");
    if (n == null) {
      throw KmsErrors.validation("NumberOfBytes is required.");
    }
    ObjectNode out = JsonOutput.object();
    JsonOutput.blob(out, "Plaintext", Randomness.bytes(n));
    return out;
  }

  // ---------------------------------------------------------------- shared steps

  /** The result of decrypting: the key, its material version (symmetric only), the plaintext. */
  private record Decrypted(
      LoadedKey key, EncryptionAlgorithm algorithm, String materialId, byte[] plaintext) {}

  /** The result of encrypting: the ciphertext, its algorithm, the material version (symmetric only). */
  private record Encrypted(byte[] ciphertext, EncryptionAlgorithm algorithm, String materialId) {}

  /**
   * Encrypts for Encrypt and ReEncrypt: under the current symmetric material (a blob), or the RSA public
   * key (raw RSAES-OAEP, within the recorded plaintext limits).
   */
  private static Encrypted encryptFor(
      LoadedKey key,
      String operation,
      String algorithmName,
      byte[] plaintext,
      EncryptionContext context,
      boolean dryRun) {
    EncryptionAlgorithm algorithm = algorithm(key, algorithmName);
    checkEncryptionKey(key, operation, algorithm);
    KeyRecord r = key.record();
    if (r.keySpec().isSymmetricDefault()) {
      if (dryRun) {
        throw KmsErrors.dryRun();
      }
      return new Encrypted(encryptWith(key, plaintext, context), algorithm, r.currentMaterialId());
    }
    rejectContextForAsymmetric(context);
    KeyPairMaterial pair = key.keyPair();
    int max = RsaOaep.maxPlaintext(pair, algorithm);
    if (plaintext.length > max) {
      // Recorded (test_encrypt_validate_plaintext_size_per_key_type).
      throw KmsErrors.validation(
          "Algorithm " + algorithm + " and key spec " + r.keySpec() + " cannot encrypt data larger than "
              + max + " bytes.");
    }
    if (dryRun) {
      throw KmsErrors.dryRun();
    }
    return new Encrypted(RsaOaep.encrypt(pair, algorithm, plaintext), algorithm, null);
  }

  private Decrypted decryptBlob(
      CallContext ctx,
      byte[] blob,
      String requestedKeyId,
      EncryptionContext context,
      String algorithmName,
      KeyAccess access,
      boolean dryRun) {
    if (blob == null) {
      throw KmsErrors.validation(
          "1 validation error detected: Value null at 'ciphertextBlob' failed to satisfy constraint:"
              + " Member must not be null");
    }
    String operation = access.action.startsWith("ReEncrypt") ? "ReEncrypt" : access.action;
    access.encryptionContext(context).put("kms:EncryptionAlgorithm", algorithmName(algorithmName));
    LoadedKey requested =
        requestedKeyId == null ? null : core.resolve(ctx, requestedKeyId, true, access);
    if (requested != null
        && requested.record().keyUsage() != KeyUsage.ENCRYPT_DECRYPT
        && namesAnotherKey(blob, requested)) {
      // Recorded (test_error_messaging_for_invalid_keys): a symmetric ciphertext of another key,
      // with the KeyId of a signing key. (An RSA encryption key is tried, and the blob fails.)
      throw KmsErrors.incorrectKey();
    }
    if (requested != null && KeySpecs.isAsymmetric(requested.record().keySpec())) {
      // An asymmetric ciphertext names no key: AWS requires the KeyId for it.
      EncryptionAlgorithm algorithm = algorithm(requested, algorithmName);
      checkEncryptionKey(requested, operation, algorithm);
      rejectContextForAsymmetric(context);
      if (dryRun) {
        throw KmsErrors.dryRun();
      }
      try {
        return new Decrypted(
            requested, algorithm, null, RsaOaep.decrypt(requested.keyPair(), algorithm, blob));
      } catch (InvalidCiphertextException e) {
        throw KmsErrors.invalidCiphertext();
      }
    }
    SymmetricCiphertext parsed;
    try {
      parsed = SymmetricCiphertext.parse(blob);
    } catch (InvalidCiphertextException e) {
      throw KmsErrors.invalidCiphertext();
    }
    if (requested != null && !requested.record().keyId().equals(parsed.keyId())) {
      throw KmsErrors.incorrectKey();
    }
    LoadedKey key =
        requested != null
            ? requested
            : core.authorized(
                ctx,
                core.keys.find(ctx.region(), parsed.keyId()).orElseThrow(KmsErrors::invalidCiphertext),
                access);
    checkEncryptionKey(key, operation, algorithm(key, algorithmName));
    SymmetricKeyMaterial material =
        key.material(parsed.materialId()).orElseThrow(KmsErrors::invalidCiphertext);
    if (dryRun) {
      throw KmsErrors.dryRun();
    }
    try {
      return new Decrypted(
          key,
          EncryptionAlgorithm.SYMMETRIC_DEFAULT,
          parsed.materialId(),
          SymmetricCipher.decrypt(parsed, material, context));
    } catch (InvalidCiphertextException e) {
      throw KmsErrors.invalidCiphertext();
    }
  }

  /**
   * The key id of the key a ReEncrypt's ciphertext is under: the one a symmetric ciphertext names, else
   * the SourceKeyId's key; {@code null} if neither is known (the decryption then fails on its own).
   */
  private String sourceKeyId(CallContext ctx, byte[] blob, String sourceKeyIdInput) {
    if (blob != null) {
      try {
        return SymmetricCiphertext.parse(blob).keyId();
      } catch (InvalidCiphertextException e) {
        // not a symmetric ciphertext: an asymmetric one names no key
      }
    }
    if (sourceKeyIdInput == null) {
      return null;
    }
    try {
      return core.locate(ctx, sourceKeyIdInput, true, KeyAccess.to("ReEncryptFrom")).record().keyId();
    } catch (io.keywarden.services.api.ApiException e) {
      return null;
    }
  }

  /** The request's algorithm name for {@code kms:EncryptionAlgorithm}; absent means SYMMETRIC_DEFAULT. */
  private static String algorithmName(String name) {
    return name == null ? "SYMMETRIC_DEFAULT" : name;
  }

  /** Whether {@code blob} is a symmetric ciphertext of a key other than {@code key}. */
  private static boolean namesAnotherKey(byte[] blob, LoadedKey key) {
    try {
      return !SymmetricCiphertext.parse(blob).keyId().equals(key.record().keyId());
    } catch (InvalidCiphertextException e) {
      return false;
    }
  }

  private static byte[] encryptWith(LoadedKey key, byte[] plaintext, EncryptionContext context) {
    KeyRecord r = key.record();
    return SymmetricCipher.encrypt(
        r.keyId(), r.currentMaterialId(), key.currentMaterial(), plaintext, context);
  }

  /** The request's algorithm; absent means SYMMETRIC_DEFAULT (as for AWS). */
  private static EncryptionAlgorithm algorithm(LoadedKey key, String name) {
    return name == null ? EncryptionAlgorithm.SYMMETRIC_DEFAULT : EncryptionAlgorithm.valueOf(name);
  }

  /**
   * The key must be usable now (key state), an encryption key (key usage), and the algorithm one of
   * its spec's.
   */
  private static void checkEncryptionKey(LoadedKey key, String operation, EncryptionAlgorithm algorithm) {
    KeyRecord r = key.record();
    KeyStateRules.check(r, Use.CRYPTOGRAPHIC);
    if (r.keyUsage() != KeyUsage.ENCRYPT_DECRYPT) {
      throw KmsErrors.invalidKeyUsage(r.arn(), r.keyUsage().name(), operation);
    }
    if (!KeySpecs.encryptionAlgorithms(r.keySpec()).contains(algorithm)) {
      throw KmsErrors.invalidKeyUsage(
          "Algorithm " + algorithm + " is incompatible with key spec " + r.keySpec() + ".");
    }
  }

  /** Data keys are symmetric-only operations (GenerateDataKey*, the key of data key pairs). */
  static void requireSymmetricEncryption(LoadedKey key, String operation) {
    checkEncryptionKey(key, operation, EncryptionAlgorithm.SYMMETRIC_DEFAULT);
  }

  private static void rejectContextForAsymmetric(EncryptionContext context) {
    if (!context.isEmpty()) {
      throw KmsErrors.validation(
          "EncryptionContext is supported only with symmetric encryption KMS keys.");
    }
  }

  /** GenerateDataKey's length: exactly one of KeySpec (AES_128, AES_256) and NumberOfBytes. */
  private static int dataKeyLength(ObjectNode in) {
    String spec = string(in, "KeySpec");
    Integer bytes = integer(in, "NumberOfBytes");
    if (spec != null && bytes != null) {
      throw KmsErrors.validation("KeySpec and NumberOfBytes cannot both be specified");
    }
    if (spec == null && bytes == null) {
      throw KmsErrors.validation("Please specify either number of bytes or key spec.");
    }
    if (bytes != null) {
      return bytes;
    }
    return spec.equals("AES_128") ? 16 : 32;
  }

  private static EncryptionContext context(ObjectNode in, String member) {
    try {
      return EncryptionContext.of(stringMap(in, member));
    } catch (IllegalArgumentException e) {
      throw KmsErrors.validation("The encryption context contains a value that is not valid Unicode.");
    }
  }

  private static RuntimeException recipientUnsupported() {
    return KmsErrors.unsupported(
        "Keywarden does not support Recipient (AWS Nitro Enclaves attestation).");
  }
}

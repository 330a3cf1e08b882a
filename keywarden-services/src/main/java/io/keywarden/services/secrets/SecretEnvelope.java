package io.keywarden.services.secrets;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.keywarden.domain.crypto.Randomness;
import io.keywarden.domain.secret.EncryptedSecretValue;
import io.keywarden.services.api.ApiException;
import io.keywarden.services.api.CallContext;
import io.keywarden.services.api.JsonOutput;
import io.keywarden.services.api.Operation;
import io.keywarden.services.api.OperationBinding;
import io.keywarden.services.audit.AuditTrail;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.Map;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Envelope encryption of secret values, as Secrets Manager does it: for each version a fresh 256-bit
 * data key from KMS's {@code GenerateDataKey} under the secret's key ({@code alias/aws/secretsmanager}
 * by default), called on the caller's behalf ({@code kms:ViaService =
 * secretsmanager.<region>.amazonaws.com}) with the encryption context {@code {SecretARN,
 * SecretVersionId}}; the value sealed with AES-256-GCM under it (the ARN and version id as additional
 * data); the data key kept only as KMS wrapped it. Reading asks KMS's {@code Decrypt} for the data key,
 * again on the caller's behalf, so that the caller's KMS permissions and the key's state apply.
 *
 * <p>Each KMS call is audited as a KMS call of its own, invoked by Secrets Manager.
 *
 * <p>KMS's refusals become Secrets Manager's errors: a denial {@code AccessDeniedException} ("Access to
 * KMS is not allowed"), any other failure {@code EncryptionFailure} or {@code DecryptionFailure}.
 */
final class SecretEnvelope {
  /** The AWS managed key that protects secrets without a KmsKeyId. */
  static final String DEFAULT_KEY = "alias/aws/secretsmanager";

  private static final int NONCE_BYTES = 12;
  private static final int TAG_BITS = 128;

  private final Operation generateDataKey;
  private final Operation decrypt;
  private final AuditedCalls calls;

  /** @param trail where the KMS calls made on callers' behalf are recorded, as calls of their own */
  SecretEnvelope(Map<String, OperationBinding> kms, AuditTrail trail) {
    this.generateDataKey = kms.get("GenerateDataKey").operation();
    this.decrypt = kms.get("Decrypt").operation();
    this.calls = new AuditedCalls(trail);
  }

  /**
   * One KMS call on the caller's behalf, recorded in the audit log as AWS records it: a KMS event of
   * its own, {@code invokedBy} and from {@code secretsmanager.amazonaws.com}, with KMS's audit rules
   * (never the data key). Returns once the record is durable.
   */
  private ObjectNode kms(CallContext ctx, String operation, Operation op, ObjectNode in) {
    return calls.invoke(ctx.onBehalfOf("secretsmanager"), "kms", operation, op, in);
  }

  /** Seals {@code plaintext} for a version; the caller keeps and zeroes its buffer. */
  EncryptedSecretValue seal(CallContext ctx, String kmsKeyId, String secretArn, String versionId,
      byte[] plaintext, boolean binary) {
    ObjectNode in = JsonOutput.object();
    // The AWS managed key of the secret's account (never the caller's, for another account's secret).
    in.put("KeyId", kmsKeyId != null ? kmsKeyId : "arn:aws:kms:" + ctx.region() + ":"
        + SecretArns.parse(secretArn).accountId() + ":" + DEFAULT_KEY);
    context(in, secretArn, versionId);
    in.put("KeySpec", "AES_256");
    ObjectNode out;
    try {
      out = kms(ctx, "GenerateDataKey", generateDataKey, in);
    } catch (ApiException e) {
      throw "AccessDeniedException".equals(e.code())
          ? SecretsErrors.kmsAccessDenied()
          : SecretsErrors.encryptionFailure();
    }
    byte[] dataKey = bytes(out.get("Plaintext"));
    try {
      byte[] nonce = Randomness.bytes(NONCE_BYTES);
      byte[] sealed = gcm(Cipher.ENCRYPT_MODE, dataKey, nonce, secretArn, versionId, plaintext);
      return new EncryptedSecretValue(
          out.get("KeyId").asText(), bytes(out.get("CiphertextBlob")), nonce, sealed, binary);
    } finally {
      Arrays.fill(dataKey, (byte) 0);
    }
  }

  /** The plaintext of a version's value; the caller zeroes it after use. */
  byte[] open(CallContext ctx, String secretArn, String versionId, EncryptedSecretValue value) {
    ObjectNode in = JsonOutput.object();
    JsonOutput.blob(in, "CiphertextBlob", value.encryptedDataKey());
    in.put("KeyId", value.keyArn());
    context(in, secretArn, versionId);
    ObjectNode out;
    try {
      out = kms(ctx, "Decrypt", decrypt, in);
    } catch (ApiException e) {
      throw "AccessDeniedException".equals(e.code())
          ? SecretsErrors.kmsAccessDenied()
          : SecretsErrors.decryptionFailure();
    }
    byte[] dataKey = bytes(out.get("Plaintext"));
    try {
      return gcm(Cipher.DECRYPT_MODE, dataKey, value.nonce(), secretArn, versionId,
          value.ciphertext());
    } finally {
      Arrays.fill(dataKey, (byte) 0);
    }
  }

  private static void context(ObjectNode in, String secretArn, String versionId) {
    in.putObject("EncryptionContext").put("SecretARN", secretArn).put("SecretVersionId", versionId);
  }

  private static byte[] gcm(int mode, byte[] key, byte[] nonce, String arn, String versionId,
      byte[] input) {
    try {
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(mode, new SecretKeySpec(key, "AES"), new GCMParameterSpec(TAG_BITS, nonce));
      cipher.updateAAD((arn + "\n" + versionId).getBytes(StandardCharsets.UTF_8));
      return cipher.doFinal(input);
    } catch (GeneralSecurityException e) {
      if (mode == Cipher.DECRYPT_MODE) {
        throw SecretsErrors.decryptionFailure();
      }
      throw new IllegalStateException("AES-GCM is unavailable", e);
    }
  }

  /** The bytes of a blob member: a binary node from an operation in this process, else base64. */
  private static byte[] bytes(JsonNode node) {
    try {
      return node.binaryValue();
    } catch (IOException e) {
      throw new IllegalStateException("KMS answered a malformed blob", e);
    }
  }
}

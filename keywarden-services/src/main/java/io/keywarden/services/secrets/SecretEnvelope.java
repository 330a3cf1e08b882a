package io.keywarden.services.secrets;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.keywarden.domain.crypto.Randomness;
import io.keywarden.domain.secret.EncryptedSecretValue;
import io.keywarden.services.api.ApiException;
import io.keywarden.services.api.CallContext;
import io.keywarden.services.api.InlineAttempt;
import io.keywarden.services.api.JsonOutput;
import io.keywarden.services.api.Operation;
import io.keywarden.services.api.OperationBinding;
import io.keywarden.services.audit.AuditTrail;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.Map;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.function.Function;
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
 * <p>Unwrapped data keys are kept for a short time ({@link DataKeyCache}, ADR 14). A read that finds its
 * data key there still asks KMS whether this caller may decrypt it now (a {@code DryRun} Decrypt on the
 * caller's behalf: every permission, condition and key-state check of a real Decrypt), uses the cached
 * key only if KMS says yes, and otherwise makes the real, audited KMS call, which then fails as it
 * would have without the cache. A read served from the cache makes no KMS call and so writes no KMS
 * event; its own event names the KMS Decrypt call that unwrapped the key
 * ({@code additionalEventData.cachedDataKeyFrom}, that call's request id).
 *
 * <p>KMS's refusals become Secrets Manager's errors: a denial {@code AccessDeniedException} ("Access to
 * KMS is not allowed"), any other failure {@code EncryptionFailure} or {@code DecryptionFailure}.
 */
final class SecretEnvelope {
  /** The AWS managed key that protects secrets without a KmsKeyId. */
  static final String DEFAULT_KEY = "alias/aws/secretsmanager";

  private static final int NONCE_BYTES = 12;
  private static final int TAG_BITS = 128;
  /** The {@code additionalEventData} member naming the KMS call a cached data key came from. */
  static final String CACHED_FROM = "cachedDataKeyFrom";

  private final Operation generateDataKey;
  private final Operation decrypt;
  private final AuditedCalls calls;
  private final Function<String, OptionalLong> keyRevisions;
  private final DataKeyCache dataKeys;

  /**
   * @param trail where the KMS calls made on callers' behalf are recorded, as calls of their own
   * @param keyRevisions the current revision of a KMS key by ARN (empty if unknown)
   */
  SecretEnvelope(Map<String, OperationBinding> kms, AuditTrail trail,
      Function<String, OptionalLong> keyRevisions, DataKeyCache dataKeys) {
    this.generateDataKey = kms.get("GenerateDataKey").operation();
    this.decrypt = kms.get("Decrypt").operation();
    this.calls = new AuditedCalls(trail);
    this.keyRevisions = keyRevisions;
    this.dataKeys = dataKeys;
  }

  /**
   * One KMS call on the caller's behalf, recorded in the audit log as AWS records it: a KMS event of
   * its own, {@code invokedBy} and from {@code secretsmanager.amazonaws.com}, with KMS's audit rules
   * (never the data key). Returns once the record is durable.
   */
  private ObjectNode kms(CallContext ctx, String operation, Operation op, ObjectNode in) {
    return kms(ctx, operation, op, in, UUID.randomUUID().toString());
  }

  private ObjectNode kms(CallContext ctx, String operation, Operation op, ObjectNode in,
      String requestId) {
    InlineAttempt.mayBlock(); // the call waits for its audit record to be durable
    return calls.invoke(ctx.onBehalfOf("secretsmanager"), "kms", operation, op, in, requestId);
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
      byte[] sealed = gcm(Cipher.ENCRYPT_MODE, new SecretKeySpec(dataKey, "AES"), nonce, secretArn,
          versionId, plaintext);
      return new EncryptedSecretValue(
          out.get("KeyId").asText(), bytes(out.get("CiphertextBlob")), nonce, sealed, binary);
    } finally {
      Arrays.fill(dataKey, (byte) 0);
    }
  }

  /** The plaintext of a version's value; the caller zeroes it after use. */
  byte[] open(CallContext ctx, String secretArn, String versionId, EncryptedSecretValue value) {
    OptionalLong keyRevision = keyRevisions.apply(value.keyArn());
    if (keyRevision.isPresent()) {
      CachedDataKey cached = dataKeys.find(secretArn, versionId, value, keyRevision.getAsLong());
      if (cached != null && kmsWouldDecrypt(ctx, cached.dryRun())) {
        noteCachedKey(ctx, cached);
        return gcm(Cipher.DECRYPT_MODE, cached.key(), value.nonce(), secretArn, versionId,
            value.ciphertext());
      }
    }
    String requestId = UUID.randomUUID().toString();
    ObjectNode out;
    try {
      out = kms(ctx, "Decrypt", decrypt, decryptInput(secretArn, versionId, value), requestId);
    } catch (ApiException e) {
      throw "AccessDeniedException".equals(e.code())
          ? SecretsErrors.kmsAccessDenied()
          : SecretsErrors.decryptionFailure();
    }
    byte[] dataKey = bytes(out.get("Plaintext"));
    try {
      byte[] plaintext = gcm(Cipher.DECRYPT_MODE, new SecretKeySpec(dataKey, "AES"), value.nonce(),
          secretArn, versionId, value.ciphertext());
      if (keyRevision.isPresent()) { // kept only once it opened the value
        ObjectNode dryRun = decryptInput(secretArn, versionId, value);
        dryRun.put("DryRun", true);
        dataKeys.put(secretArn, versionId, value, keyRevision.getAsLong(), dataKey, requestId, dryRun);
      }
      return plaintext;
    } finally {
      Arrays.fill(dataKey, (byte) 0);
    }
  }

  /**
   * Whether KMS would decrypt the cached data key's wrapped form for this caller now: a Decrypt with {@code
   * DryRun}, on the caller's behalf, which runs every check of a real one (the key's state and
   * material, key policy, IAM policies, grants, {@code kms:ViaService}, the encryption context) and
   * answers {@code DryRunOperationException} when all pass. Not audited: it is the cached read's own
   * authorisation, not a KMS call of the caller's; a refusal is then made as the real, audited call.
   */
  private boolean kmsWouldDecrypt(CallContext ctx, ObjectNode dryRun) {
    try {
      decrypt.invoke(ctx.onBehalfOf("secretsmanager"), dryRun);
      return false; // a DryRun never answers; if it did, take the audited path
    } catch (ApiException e) {
      return "DryRunOperationException".equals(e.code());
    }
  }

  /**
   * Tells the read's own audit record that its data key came from the cache, and which audited KMS
   * Decrypt call unwrapped it (request ids, comma-separated when a BatchGetSecretValue read several).
   */
  private static void noteCachedKey(CallContext ctx, CachedDataKey cached) {
    String before = ctx.audit().additionalEventData().get(CACHED_FROM);
    if (before == null) {
      ctx.audit().additional(CACHED_FROM, cached.kmsRequestId());
    } else if (!Arrays.asList(before.split(",")).contains(cached.kmsRequestId())) {
      // (a call run again after an inline attempt notes the same key once)
      ctx.audit().additional(CACHED_FROM, before + "," + cached.kmsRequestId());
    }
  }

  private static ObjectNode decryptInput(String secretArn, String versionId,
      EncryptedSecretValue value) {
    ObjectNode in = JsonOutput.object();
    JsonOutput.blob(in, "CiphertextBlob", value.encryptedDataKey());
    in.put("KeyId", value.keyArn());
    context(in, secretArn, versionId);
    return in;
  }

  private static void context(ObjectNode in, String secretArn, String versionId) {
    in.putObject("EncryptionContext").put("SecretARN", secretArn).put("SecretVersionId", versionId);
  }

  private static byte[] gcm(int mode, SecretKeySpec key, byte[] nonce, String arn, String versionId,
      byte[] input) {
    try {
      Cipher cipher = CIPHERS.get(); // init resets it; a failed decryption leaves nothing behind
      cipher.init(mode, key, new GCMParameterSpec(TAG_BITS, nonce));
      cipher.updateAAD((arn + "\n" + versionId).getBytes(StandardCharsets.UTF_8));
      return cipher.doFinal(input);
    } catch (GeneralSecurityException e) {
      if (mode == Cipher.DECRYPT_MODE) {
        throw SecretsErrors.decryptionFailure();
      }
      throw new IllegalStateException("AES-GCM is unavailable", e);
    }
  }

  /** One AES-GCM cipher object per thread: looking the algorithm up costs more than the work. */
  private static final ThreadLocal<Cipher> CIPHERS = ThreadLocal.withInitial(() -> {
    try {
      return Cipher.getInstance("AES/GCM/NoPadding");
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM is unavailable", e);
    }
  });

  /** The bytes of a blob member: a binary node from an operation in this process, else base64. */
  private static byte[] bytes(JsonNode node) {
    try {
      return node.binaryValue();
    } catch (IOException e) {
      throw new IllegalStateException("KMS answered a malformed blob", e);
    }
  }
}

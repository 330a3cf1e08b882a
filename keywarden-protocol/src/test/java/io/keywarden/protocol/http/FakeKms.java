package io.keywarden.protocol.http;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.keywarden.services.api.ApiException;
import io.keywarden.services.api.ApiService;
import io.keywarden.services.api.CallContext;
import io.keywarden.services.api.Execution;
import io.keywarden.services.api.InlineAttempt;
import io.keywarden.services.api.OperationBinding;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A stand-in for the KMS service against the real KMS model: "ciphertext" is the plaintext reversed.
 * Records the last call's context and thread.
 */
class FakeKms implements ApiService {
  final AtomicReference<CallContext> lastContext = new AtomicReference<>();
  final AtomicReference<String> lastThread = new AtomicReference<>();
  volatile long generateRandomDelayMillis;
  volatile long signDelayMillis;

  private final Map<String, OperationBinding> operations = Map.of(
      "Encrypt", new OperationBinding("Encrypt", Execution.INLINE, this::encrypt),
      "Decrypt", new OperationBinding("Decrypt", Execution.INLINE, this::decrypt),
      "GenerateRandom", new OperationBinding("GenerateRandom", Execution.BLOCKING, this::generateRandom),
      "Sign", new OperationBinding("Sign", Execution.COMPUTE, this::sign),
      "DescribeKey", new OperationBinding("DescribeKey", Execution.INLINE, this::describeKey),
      "ListKeys", new OperationBinding("ListKeys", Execution.INLINE, this::listKeys),
      "ListAliases", new OperationBinding("ListAliases", Execution.BLOCKING, this::listKeys),
      "GetKeyRotationStatus", new OperationBinding("GetKeyRotationStatus", Execution.INLINE_WHEN_CACHED,
          this::getKeyRotationStatus));
  /** The keys GetKeyRotationStatus has "cached": the first call for a key needs to block. */
  final java.util.Set<String> cachedKeys = java.util.concurrent.ConcurrentHashMap.newKeySet();

  @Override
  public String modelName() {
    return "kms";
  }

  @Override
  public String signingName() {
    return "kms";
  }

  @Override
  public String targetPrefix() {
    return "TrentService";
  }

  @Override
  public Map<String, OperationBinding> operations() {
    return operations;
  }

  @Override
  public ApiException notImplemented(String operation) {
    return new ApiException("UnsupportedOperationException", operation + " is not supported by Keywarden yet.");
  }

  private void record(CallContext context) {
    lastContext.set(context);
    lastThread.set(Thread.currentThread().getName());
  }

  private ObjectNode encrypt(CallContext context, ObjectNode input) {
    record(context);
    byte[] plaintext = Base64.getDecoder().decode(input.get("Plaintext").asText());
    ObjectNode out = JsonNodeFactory.instance.objectNode();
    out.put("KeyId", "arn:aws:kms:" + context.region() + ":" + context.accountId() + ":key/" + input.get("KeyId").asText());
    out.put("CiphertextBlob", reverse(plaintext));
    out.put("EncryptionAlgorithm", "SYMMETRIC_DEFAULT");
    return out;
  }

  private ObjectNode getKeyRotationStatus(CallContext context, ObjectNode input) {
    String keyId = input.get("KeyId").asText();
    if (!cachedKeys.contains(keyId)) {
      InlineAttempt.mayBlock();
      cachedKeys.add(keyId);
    }
    record(context);
    return JsonNodeFactory.instance.objectNode().put("KeyRotationEnabled", false);
  }

  private ObjectNode decrypt(CallContext context, ObjectNode input) {
    record(context);
    ObjectNode out = JsonNodeFactory.instance.objectNode();
    out.put("KeyId", "arn:aws:kms:" + context.region() + ":" + context.accountId() + ":key/k");
    out.put("Plaintext", reverse(Base64.getDecoder().decode(input.get("CiphertextBlob").asText())));
    return out;
  }

  private ObjectNode generateRandom(CallContext context, ObjectNode input) {
    record(context);
    sleep(generateRandomDelayMillis);
    Integer n = input.has("NumberOfBytes") ? input.get("NumberOfBytes").asInt() : null;
    ObjectNode out = JsonNodeFactory.instance.objectNode();
    out.put("Plaintext", new byte[n == null ? 32 : n]);
    return out;
  }

  /** The "signature" is the message reversed. */
  private ObjectNode sign(CallContext context, ObjectNode input) {
    record(context);
    sleep(signDelayMillis);
    ObjectNode out = JsonNodeFactory.instance.objectNode();
    out.put("KeyId", "arn:aws:kms:" + context.region() + ":" + context.accountId() + ":key/k");
    out.put("Signature", reverse(Base64.getDecoder().decode(input.get("Message").asText())));
    out.put("SigningAlgorithm", input.get("SigningAlgorithm").asText());
    return out;
  }

  private static void sleep(long millis) {
    if (millis > 0) {
      try {
        Thread.sleep(millis);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private ObjectNode describeKey(CallContext context, ObjectNode input) {
    record(context);
    throw new ApiException("NotFoundException", "Key '" + input.get("KeyId").asText() + "' does not exist");
  }

  private ObjectNode listKeys(CallContext context, ObjectNode input) {
    record(context);
    throw new IllegalStateException("database password is hunter2");
  }

  private static byte[] reverse(byte[] bytes) {
    byte[] out = new byte[bytes.length];
    for (int i = 0; i < bytes.length; i++) {
      out[i] = bytes[bytes.length - 1 - i];
    }
    return out;
  }
}

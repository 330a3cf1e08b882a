package io.keywarden.services.kms;

import static io.keywarden.services.kms.KmsHarness.arn;
import static io.keywarden.services.kms.KmsHarness.b64;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.fasterxml.jackson.databind.JsonNode;
import io.keywarden.services.api.ApiException;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class CryptoOperationsTest {
  private final KmsHarness h = new KmsHarness();

  @Test
  void encryptDecrypt_roundTripsWithAndWithoutKeyId() {
    String id = h.createKey();
    JsonNode enc =
        h.call("Encrypt", "{\"KeyId\":\"" + id + "\",\"Plaintext\":\"" + b64("secret") + "\","
            + "\"EncryptionContext\":{\"purpose\":\"test\",\"b\":\"c=d\"}}");
    assertEquals(arn(id), enc.get("KeyId").asText());
    assertEquals("SYMMETRIC_DEFAULT", enc.get("EncryptionAlgorithm").asText());
    String blob = enc.get("CiphertextBlob").asText();
    String ctx = "\"EncryptionContext\":{\"b\":\"c=d\",\"purpose\":\"test\"}";
    JsonNode dec = h.call("Decrypt", "{\"CiphertextBlob\":\"" + blob + "\"," + ctx + "}");
    assertEquals("secret", KmsHarness.text(dec.get("Plaintext").asText()));
    assertEquals(arn(id), dec.get("KeyId").asText());
    assertEquals(64, dec.get("KeyMaterialId").asText().length());
    JsonNode withId =
        h.call("Decrypt", "{\"KeyId\":\"" + arn(id) + "\",\"CiphertextBlob\":\"" + blob + "\"," + ctx + "}");
    assertEquals("secret", KmsHarness.text(withId.get("Plaintext").asText()));
  }

  @Test
  void decrypt_wrongOrMissingContext_isInvalidCiphertextWithoutMessage() {
    String id = h.createKey();
    String blob =
        h.call("Encrypt", "{\"KeyId\":\"" + id + "\",\"Plaintext\":\"YQ==\",\"EncryptionContext\":{\"a\":\"b\"}}")
            .get("CiphertextBlob").asText();
    for (String ctx : new String[] {"", ",\"EncryptionContext\":{\"a\":\"c\"}",
        ",\"EncryptionContext\":{\"a\":\"b\",\"x\":\"y\"}"}) {
      ApiException e = h.error("Decrypt", "{\"CiphertextBlob\":\"" + blob + "\"" + ctx + "}");
      assertEquals("InvalidCiphertextException", e.code());
      assertNull(e.getMessage());
    }
  }

  @Test
  void decrypt_garbageOrTamperedBlob_isInvalidCiphertext() {
    String id = h.createKey();
    byte[] blob = Base64.getDecoder().decode(h.encrypt(id, "x"));
    blob[blob.length - 1] ^= 1;
    assertEquals("InvalidCiphertextException",
        h.error("Decrypt", "{\"CiphertextBlob\":\"" + Base64.getEncoder().encodeToString(blob) + "\"}").code());
    assertEquals("InvalidCiphertextException",
        h.error("Decrypt", "{\"CiphertextBlob\":\"" + b64("not a blob at all") + "\"}").code());
  }

  @Test
  void decrypt_withAnotherKeyId_isIncorrectKey() {
    String a = h.createKey();
    String b = h.createKey();
    ApiException e =
        h.error("Decrypt", "{\"KeyId\":\"" + b + "\",\"CiphertextBlob\":\"" + h.encrypt(a, "x") + "\"}");
    assertEquals("IncorrectKeyException", e.code());
    assertEquals("The key ID in the request does not identify a CMK that can perform this operation.",
        e.getMessage());
  }

  @Test
  void reEncrypt_movesCiphertextToAnotherKeyAndContext() {
    String a = h.createKey();
    String b = h.createKey();
    JsonNode re =
        h.call("ReEncrypt", "{\"CiphertextBlob\":\"" + h.encrypt(a, "moved") + "\","
            + "\"DestinationKeyId\":\"" + b + "\",\"DestinationEncryptionContext\":{\"k\":\"v\"}}");
    assertEquals(arn(a), re.get("SourceKeyId").asText());
    assertEquals(arn(b), re.get("KeyId").asText());
    JsonNode dec = h.call("Decrypt", "{\"CiphertextBlob\":\"" + re.get("CiphertextBlob").asText()
        + "\",\"EncryptionContext\":{\"k\":\"v\"}}");
    assertEquals("moved", KmsHarness.text(dec.get("Plaintext").asText()));
    assertEquals(arn(b), dec.get("KeyId").asText());
    assertEquals("IncorrectKeyException", h.error("ReEncrypt", "{\"CiphertextBlob\":\""
        + h.encrypt(a, "x") + "\",\"SourceKeyId\":\"" + b + "\",\"DestinationKeyId\":\"" + b + "\"}").code());
  }

  @Test
  void generateDataKey_lengthsAndCiphertextDecryptToPlaintext() {
    String id = h.createKey();
    JsonNode d = h.call("GenerateDataKey", "{\"KeyId\":\"" + id + "\",\"KeySpec\":\"AES_128\"}");
    byte[] plain = Base64.getDecoder().decode(d.get("Plaintext").asText());
    assertEquals(16, plain.length);
    JsonNode dec = h.call("Decrypt", "{\"CiphertextBlob\":\"" + d.get("CiphertextBlob").asText() + "\"}");
    assertEquals(d.get("Plaintext").asText(), dec.get("Plaintext").asText());
    assertEquals(32, Base64.getDecoder().decode(h.call("GenerateDataKey",
        "{\"KeyId\":\"" + id + "\",\"KeySpec\":\"AES_256\"}").get("Plaintext").asText()).length);
    assertEquals(1024, Base64.getDecoder().decode(h.call("GenerateDataKey",
        "{\"KeyId\":\"" + id + "\",\"NumberOfBytes\":1024}").get("Plaintext").asText()).length);
    JsonNode noPlain =
        h.call("GenerateDataKeyWithoutPlaintext", "{\"KeyId\":\"" + id + "\",\"KeySpec\":\"AES_256\"}");
    assertFalse(noPlain.has("Plaintext"));
    assertEquals("ValidationException", h.error("GenerateDataKey", "{\"KeyId\":\"" + id + "\"}").code());
    assertEquals("ValidationException", h.error("GenerateDataKey",
        "{\"KeyId\":\"" + id + "\",\"KeySpec\":\"AES_256\",\"NumberOfBytes\":32}").code());
  }

  @Test
  void dryRun_answersDryRunOperationExceptionAfterChecks() {
    String id = h.createKey();
    ApiException e = h.error("Encrypt", "{\"KeyId\":\"" + id + "\",\"Plaintext\":\"YQ==\",\"DryRun\":true}");
    assertEquals("DryRunOperationException", e.code());
    assertEquals("The request would have succeeded, but the DryRun option is set.", e.getMessage());
    h.call("DisableKey", "{\"KeyId\":\"" + id + "\"}");
    assertEquals("DisabledException",
        h.error("Encrypt", "{\"KeyId\":\"" + id + "\",\"Plaintext\":\"YQ==\",\"DryRun\":true}").code());
  }

  @Test
  void asymmetricAlgorithmOnSymmetricKey_isInvalidKeyUsage() {
    String id = h.createKey();
    ApiException e = h.error("Encrypt", "{\"KeyId\":\"" + id
        + "\",\"Plaintext\":\"YQ==\",\"EncryptionAlgorithm\":\"RSAES_OAEP_SHA_256\"}");
    assertEquals("InvalidKeyUsageException", e.code());
  }

  @Test
  void generateRandom_givesRequestedLengthAndRequiresIt() {
    assertEquals(91, Base64.getDecoder().decode(
        h.call("GenerateRandom", "{\"NumberOfBytes\":91}").get("Plaintext").asText()).length);
    assertEquals("NumberOfBytes is required.", h.error("GenerateRandom", "{}").getMessage());
  }
}

package io.keywarden.protocol.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.keywarden.services.api.ApiException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/**
 * The {@code ValidationException}s recorded from real AWS KMS
 * (/work/shared/reference/aws-recorded/kms.snapshot.json), reproduced from the KMS model.
 */
class KmsRecordedValidationTest {
  private static final ServiceModel KMS = ServiceModel.load("kms");

  private static ApiException reject(String operation, String body) {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    return assertThrows(
        ApiException.class, () -> KMS.operation(operation).readInput(bytes, 0, bytes.length));
  }

  private static void assertValidation(String expected, ApiException e) {
    assertEquals("ValidationException", e.code());
    assertEquals(expected, e.getMessage());
  }

  @Test
  void generateRandomZeroBytes_matchesRecordedMessage() {
    // test_generate_random_invalid_number_of_bytes[0]
    assertValidation(
        "1 validation error detected: Value '0' at 'numberOfBytes' failed to satisfy constraint: "
            + "Member must have value greater than or equal to 1",
        reject("GenerateRandom", "{\"NumberOfBytes\":0}"));
  }

  @Test
  void generateRandom1025Bytes_matchesRecordedMessage() {
    // test_generate_random_invalid_number_of_bytes[1025]
    assertValidation(
        "1 validation error detected: Value '1025' at 'numberOfBytes' failed to satisfy constraint: "
            + "Member must have value less than or equal to 1024",
        reject("GenerateRandom", "{\"NumberOfBytes\":1025}"));
  }

  @Test
  void encryptPlaintextOf4097Bytes_matchesRecordedMessageWithoutValue() {
    // test_plaintext_size_for_encrypt
    String plaintext = Base64.getEncoder().encodeToString(new byte[4097]);
    assertValidation(
        "1 validation error detected: Value at 'plaintext' failed to satisfy constraint: "
            + "Member must have length less than or equal to 4096",
        reject("Encrypt", "{\"KeyId\":\"alias/a\",\"Plaintext\":\"" + plaintext + "\"}"));
  }

  @Test
  void createKeyWithLongTagValue_matchesRecordedMessage() {
    // test_key_with_long_tag_value_raises_error
    String value = "v".repeat(257);
    assertValidation(
        "1 validation error detected: Value '" + value + "' at 'tags.1.member.tagValue' failed to "
            + "satisfy constraint: Member must have length less than or equal to 256",
        reject("CreateKey", "{\"Tags\":[{\"TagKey\":\"k\",\"TagValue\":\"" + value + "\"}]}"));
  }

  @Test
  void createKeyWithLongTagKey_matchesRecordedMessage() {
    // test_create_key_with_invalid_tag_key[too_long_key]
    String key = "a".repeat(129);
    assertValidation(
        "1 validation error detected: Value '" + key + "' at 'tags.1.member.tagKey' failed to "
            + "satisfy constraint: Member must have length less than or equal to 128",
        reject("CreateKey", "{\"Tags\":[{\"TagKey\":\"" + key + "\",\"TagValue\":\"v\"}]}"));
  }

  @Test
  void deriveSharedSecretWithUnknownAlgorithm_matchesRecordedMessage() {
    // test_derive_shared_secret: response-invalid-key-agreement-algo
    assertValidation(
        "1 validation error detected: Value 'INVALID' at 'keyAgreementAlgorithm' failed to satisfy "
            + "constraint: Member must satisfy enum value set: [ECDH]",
        reject(
            "DeriveSharedSecret",
            "{\"KeyId\":\"k\",\"KeyAgreementAlgorithm\":\"INVALID\",\"PublicKey\":\"AAAA\"}"));
  }

  @Test
  void generateMacWithUnknownAlgorithm_matchesRecordedMessage() {
    // test_invalid_generate_mac[HMAC_256-INVALID]
    assertValidation(
        "1 validation error detected: Value 'INVALID' at 'macAlgorithm' failed to satisfy "
            + "constraint: Member must satisfy enum value set: "
            + "[HMAC_SHA_384, HMAC_SHA_256, HMAC_SHA_224, HMAC_SHA_512]",
        reject("GenerateMac", "{\"KeyId\":\"k\",\"MacAlgorithm\":\"INVALID\",\"Message\":\"AAAA\"}"));
  }

  @Test
  void createKeyWithUnknownKeySpec_listsRecordedOrderThenNewerValues() {
    // test_hmac_create_key_invalid_operations: AWS's order for the 2023 values, then the model's
    // values added since.
    assertValidation(
        "1 validation error detected: Value 'HMAC_random' at 'keySpec' failed to satisfy constraint: "
            + "Member must satisfy enum value set: [RSA_2048, ECC_NIST_P384, ECC_NIST_P256, "
            + "ECC_NIST_P521, HMAC_384, RSA_3072, ECC_SECG_P256K1, RSA_4096, SYMMETRIC_DEFAULT, "
            + "HMAC_256, HMAC_224, HMAC_512, SM2, ML_DSA_44, ML_DSA_65, ML_DSA_87, "
            + "ECC_NIST_EDWARDS25519]",
        reject("CreateKey", "{\"KeySpec\":\"HMAC_random\"}"));
  }

  @Test
  void createKeyWithUnknownKeyUsage_listsRecordedOrderThenNewerValues() {
    assertValidation(
        "1 validation error detected: Value 'RANDOM' at 'keyUsage' failed to satisfy constraint: "
            + "Member must satisfy enum value set: [ENCRYPT_DECRYPT, SIGN_VERIFY, "
            + "GENERATE_VERIFY_MAC, KEY_AGREEMENT]",
        reject("CreateKey", "{\"KeyUsage\":\"RANDOM\"}"));
  }

  @Test
  void encryptWithoutMembers_reportsEachRequiredMember() {
    assertValidation(
        "2 validation errors detected: Value null at 'keyId' failed to satisfy constraint: Member "
            + "must not be null; Value at 'plaintext' failed to satisfy constraint: Member must not "
            + "be null",
        reject("Encrypt", "{}"));
  }

  @Test
  void createAliasWithEmptyName_reportsPatternThenLength() {
    assertValidation(
        "2 validation errors detected: Value '' at 'aliasName' failed to satisfy constraint: Member "
            + "must satisfy regular expression pattern: ^[a-zA-Z0-9:/_-]+$; Value '' at 'aliasName' "
            + "failed to satisfy constraint: Member must have length greater than or equal to 1",
        reject("CreateAlias", "{\"AliasName\":\"\",\"TargetKeyId\":\"k\"}"));
  }

  @Test
  void createGrantWithUnknownOperation_reportsOnceForTheList() {
    assertValidation(
        "1 validation error detected: Value '[Encrypt, Foo]' at 'operations' failed to satisfy "
            + "constraint: Member must satisfy constraint: [Member must satisfy enum value set: "
            + "[Decrypt, Encrypt, GenerateDataKey, GenerateDataKeyWithoutPlaintext, ReEncryptFrom, "
            + "ReEncryptTo, Sign, Verify, GetPublicKey, CreateGrant, RetireGrant, DescribeKey, "
            + "GenerateDataKeyPair, GenerateDataKeyPairWithoutPlaintext, GenerateMac, VerifyMac, "
            + "DeriveSharedSecret]]",
        reject(
            "CreateGrant",
            "{\"KeyId\":\"k\",\"GranteePrincipal\":\"p\",\"Operations\":[\"Encrypt\",\"Foo\"]}"));
  }

  @Test
  void encryptWithElevenGrantTokens_reportsListLength() {
    String tokens = "\"t\"" + ",\"t\"".repeat(10);
    assertValidation(
        "1 validation error detected: Value '[t, t, t, t, t, t, t, t, t, t, t]' at 'grantTokens' "
            + "failed to satisfy constraint: Member must have length less than or equal to 10",
        reject("Encrypt", "{\"KeyId\":\"k\",\"Plaintext\":\"AA==\",\"GrantTokens\":[" + tokens + "]}"));
  }

  @Test
  void validEncrypt_passesAndKeepsMembers() {
    byte[] body =
        "{\"KeyId\":\"alias/a\",\"Plaintext\":\"aGVsbG8=\",\"EncryptionContext\":{\"a\":\"b\"},\"X\":1}"
            .getBytes(StandardCharsets.UTF_8);
    var node = KMS.operation("Encrypt").readInput(body, 0, body.length);
    assertEquals("alias/a", node.get("KeyId").asText());
    assertEquals("b", node.get("EncryptionContext").get("a").asText());
    assertEquals(1, node.get("X").asInt());
  }
}

package io.keywarden.protocol.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.keywarden.services.api.ApiException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Keywarden's own model (the explain API): its metadata, and input validation as for AWS models. */
class KeywardenModelTest {
  private static final ServiceModel MODEL = ServiceModel.load("keywarden");
  private static final OperationModel EXPLAIN = MODEL.operation("ExplainKeyAccess");

  private static ObjectNode read(String json) {
    byte[] body = json.getBytes(StandardCharsets.UTF_8);
    return EXPLAIN.readInput(body, 0, body.length);
  }

  @Test
  void metadata_signedForKmsUnderItsOwnPrefix() {
    assertEquals("Keywarden", MODEL.targetPrefix());
    assertEquals("kms", MODEL.signingName());
    assertEquals("json", MODEL.protocol());
    assertEquals("KMSInternalException", MODEL.internalErrorCode());
    assertEquals(500, MODEL.httpStatus(new ApiException("KMSInternalException", "x")));
  }

  @Test
  void fullInput_isAccepted() {
    ObjectNode in = read("{\"PrincipalArn\":\"arn:aws:iam::111122223333:user/alice\",\"Action\":\"kms:Decrypt\","
        + "\"KeyId\":\"alias/orders\",\"EncryptionContext\":{\"tenant\":\"acme\"},\"GrantTokens\":[\"t\"],"
        + "\"SourceIp\":\"10.0.0.1\",\"SecureTransport\":true,\"ViaService\":\"secretsmanager\","
        + "\"RoleSessionName\":\"s1\",\"SessionTags\":{\"team\":\"blue\"},"
        + "\"ContextKeys\":{\"kms:EncryptionAlgorithm\":[\"SYMMETRIC_DEFAULT\"]}}");
    assertEquals("SYMMETRIC_DEFAULT", in.get("ContextKeys").get("kms:EncryptionAlgorithm").get(0).asText());
  }

  @Test
  void missingOrMistypedMembers_areValidationErrors() {
    ApiException missing = assertThrows(ApiException.class, () -> read("{\"Action\":\"kms:Decrypt\"}"));
    assertEquals("ValidationException", missing.code());
    assertTrue(missing.getMessage().contains("principalArn"), missing.getMessage());
    ApiException emptyList = assertThrows(ApiException.class, () -> read(
        "{\"PrincipalArn\":\"arn:aws:iam::111122223333:root\",\"Action\":\"kms:Decrypt\",\"ContextKeys\":{\"k\":[]}}"));
    assertEquals("ValidationException", emptyList.code());
    ApiException type = assertThrows(ApiException.class, () -> read(
        "{\"PrincipalArn\":\"arn:aws:iam::111122223333:root\",\"Action\":\"kms:Decrypt\",\"SecureTransport\":\"yes\"}"));
    assertEquals("SerializationException", type.code());
  }
}

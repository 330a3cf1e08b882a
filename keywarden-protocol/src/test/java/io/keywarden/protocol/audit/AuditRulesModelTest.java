package io.keywarden.protocol.audit;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.keywarden.services.audit.AuditRules;
import java.io.IOException;
import java.io.InputStream;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The audit rules checked against the AWS models: every member a rule records exists in the
 * operation's input or output shape (no typo silently records nothing), and none is a blob or a
 * member the model marks sensitive (plaintext, messages, private keys, secret access keys...) or a
 * credential it does not mark (session and grant tokens).
 */
class AuditRulesModelTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  /** Credentials the models do not mark sensitive. */
  private static final Set<String> CREDENTIALS = Set.of("SessionToken", "GrantToken", "GrantTokens",
      "TokenCode", "ExternalId", "SAMLAssertion", "WebIdentityToken", "SecretAccessKey");

  @ParameterizedTest
  @ValueSource(strings = {"kms", "sts", "cloudtrail", "secretsmanager"})
  void recordedMembers_existAndAreNeitherBlobsNorSensitive(String service) throws IOException {
    JsonNode model = model(service);
    assertFalse(AuditRules.operations(service).isEmpty());
    for (String operation : AuditRules.operations(service)) {
      JsonNode op = model.at("/operations/" + operation);
      assertFalse(op.isMissingNode(), service + " has no operation " + operation);
      check(model, service, operation, op.at("/input/shape").asText(null), true);
      check(model, service, operation, op.at("/output/shape").asText(null), false);
    }
  }

  private static void check(JsonNode model, String service, String operation, String shape, boolean request) {
    for (String path : AuditRules.recordedPaths(service, operation, request)) {
      String where = service + " " + operation + (request ? " request " : " response ") + path;
      assertNotNull(shape, where + ": the operation has no such shape");
      JsonNode current = model.at("/shapes/" + shape);
      for (String member : path.split("\\.")) {
        if (current.path("type").asText().equals("list")) {
          current = model.at("/shapes/" + current.at("/member/shape").asText());
        }
        assertFalse(CREDENTIALS.contains(member), where + " is a credential");
        JsonNode ref = current.at("/members/" + member);
        assertFalse(ref.isMissingNode(), where + ": no member " + member);
        current = model.at("/shapes/" + ref.get("shape").asText());
        assertFalse(current.path("sensitive").asBoolean(), where + " is sensitive");
        assertFalse(ref.path("sensitive").asBoolean(), where + " is sensitive");
      }
      assertTrue(!current.path("type").asText().equals("blob"), where + " is a blob");
    }
  }

  private static JsonNode model(String service) throws IOException {
    try (InputStream in = AuditRulesModelTest.class.getResourceAsStream("/aws-models/" + service + "/service-2.json")) {
      assertNotNull(in, service + " model");
      return JSON.readTree(in);
    }
  }
}

package io.keywarden.protocol.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.keywarden.services.audit.ApiCall;
import io.keywarden.services.audit.AuditRules;
import io.keywarden.services.audit.CloudTrailEvents;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
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

  /**
   * {@code readOnly} for every operation of the STS and Secrets Manager models, including those with
   * no rule yet: every STS call reads (AWS records even AssumeRole as read-only); a Secrets Manager call
   * reads when it gets, lists, describes or validates (a password, a policy) and changes nothing.
   */
  @ParameterizedTest
  @ValueSource(strings = {"sts", "secretsmanager"})
  void readOnly_isAsAwsRecordsIt(String service) throws IOException {
    JsonNode model = model(service);
    java.util.Iterator<String> operations = model.get("operations").fieldNames();
    while (operations.hasNext()) {
      String operation = operations.next();
      boolean expected = service.equals("sts")
          || operation.startsWith("Get") || operation.startsWith("List") || operation.startsWith("Describe")
          || operation.startsWith("BatchGet") || operation.equals("ValidateResourcePolicy");
      ApiCall call = new ApiCall("req", Instant.EPOCH, "127.0.0.1", "test", null)
          .service(service, operation)
          .failed("AccessDeniedException", null);
      JsonNode record = JSON.readTree(CloudTrailEvents.apiCall(call).get(0).json());
      assertEquals(expected, record.get("readOnly").asBoolean(), service + " " + operation);
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

package io.keywarden.protocol.query;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.keywarden.protocol.json.JsonCodec;
import io.keywarden.protocol.json.OperationModel;
import io.keywarden.protocol.json.ServiceModel;
import io.keywarden.services.api.ApiException;
import io.keywarden.services.api.JsonOutput;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The Query wire with the real STS model: what the SDKs send, and what AWS answers. */
class StsWireTest {
  private static final String NS = "https://sts.amazonaws.com/doc/2011-06-15/";
  private static final QueryModel STS =
      QueryModel.compile(ServiceModel.readDefinition("sts", StsWireTest.class.getClassLoader()));
  private static final OperationModel ASSUME_ROLE = ServiceModel.load("sts").operation("AssumeRole");

  /** The form the AWS SDK for Java v2 sends for AssumeRole with session tags and a policy ARN. */
  private static final String ASSUME_ROLE_FORM = "Action=AssumeRole&Version=2011-06-15"
      + "&RoleArn=arn%3Aaws%3Aiam%3A%3A111122223333%3Arole%2Fdeveloper&RoleSessionName=alice-session"
      + "&PolicyArns.member.1.arn=arn%3Aaws%3Aiam%3A%3Aaws%3Apolicy%2FReadOnlyAccess"
      + "&DurationSeconds=900"
      + "&Tags.member.1.Key=team&Tags.member.1.Value=blue&Tags.member.2.Key=cost-center&Tags.member.2.Value=42"
      + "&TransitiveTagKeys.member.1=team";

  private static ObjectNode json(String text) throws IOException {
    return (ObjectNode) JsonCodec.readTree(text.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void stsModel_isTheQueryModelOf2011() {
    assertEquals("2011-06-15", STS.apiVersion());
    assertEquals(NS, STS.xmlNamespace());
    assertEquals("query", ServiceModel.load("sts").protocol());
  }

  @Test
  void assumeRoleForm_readsAsTheJsonOfItsInputShape_andValidates() throws IOException {
    ObjectNode input = STS.readInput("AssumeRole", FormParameters.parse(ASSUME_ROLE_FORM));
    ASSUME_ROLE.validate(input);
    assertEquals(json("{\"RoleArn\":\"arn:aws:iam::111122223333:role/developer\",\"RoleSessionName\":\"alice-session\","
        + "\"PolicyArns\":[{\"arn\":\"arn:aws:iam::aws:policy/ReadOnlyAccess\"}],\"DurationSeconds\":900,"
        + "\"Tags\":[{\"Key\":\"team\",\"Value\":\"blue\"},{\"Key\":\"cost-center\",\"Value\":\"42\"}],"
        + "\"TransitiveTagKeys\":[\"team\"]}"), input);
  }

  @Test
  void constraintViolations_areValidationErrors_inAwsWording() {
    ObjectNode input = STS.readInput("AssumeRole", FormParameters.parse(
        "RoleArn=arn%3Aaws%3Aiam%3A%3A111122223333%3Arole%2Fdeveloper&RoleSessionName=a&DurationSeconds=60"
            + "&Tags.member.1.Key=team"));
    ApiException json = assertThrows(ApiException.class, () -> ASSUME_ROLE.validate(input));
    ApiException query = QueryErrors.fromJsonProtocol(json);
    assertEquals("ValidationError", query.code());
    assertEquals("3 validation errors detected: "
        + "Value 'a' at 'roleSessionName' failed to satisfy constraint: Member must have length greater than or "
        + "equal to 2; "
        + "Value '60' at 'durationSeconds' failed to satisfy constraint: Member must have value greater than or "
        + "equal to 900; "
        + "Value null at 'tags.1.member.value' failed to satisfy constraint: Member must not be null",
        query.getMessage());
    assertEquals(new QueryError("ValidationError", 400, true), STS.error(query));
  }

  @Test
  void missingRequiredMembers_areValidationErrors() {
    ObjectNode input = STS.readInput("AssumeRole", FormParameters.parse("Action=AssumeRole&Version=2011-06-15"));
    ApiException e = QueryErrors.fromJsonProtocol(assertThrows(ApiException.class, () -> ASSUME_ROLE.validate(input)));
    assertEquals("2 validation errors detected: "
        + "Value null at 'roleArn' failed to satisfy constraint: Member must not be null; "
        + "Value null at 'roleSessionName' failed to satisfy constraint: Member must not be null", e.getMessage());
  }

  @Test
  void getCallerIdentityResult_isAwsDocument() throws IOException {
    ObjectNode out = json("{\"Account\":\"111122223333\",\"UserId\":\"AIDAEXAMPLE\","
        + "\"Arn\":\"arn:aws:iam::111122223333:user/alice\"}");
    assertEquals("<GetCallerIdentityResponse xmlns=\"" + NS + "\"><GetCallerIdentityResult>"
        + "<UserId>AIDAEXAMPLE</UserId><Account>111122223333</Account>"
        + "<Arn>arn:aws:iam::111122223333:user/alice</Arn></GetCallerIdentityResult>"
        + "<ResponseMetadata><RequestId>01234567-89ab-cdef-0123-456789abcdef</RequestId></ResponseMetadata>"
        + "</GetCallerIdentityResponse>",
        new String(STS.result("GetCallerIdentity", out, "01234567-89ab-cdef-0123-456789abcdef"), StandardCharsets.UTF_8));
  }

  @Test
  void assumeRoleResult_writesCredentialsWithAnIsoExpiration() {
    ObjectNode credentials = JsonOutput.object();
    credentials.put("SessionToken", "FwoG+token/==");
    credentials.put("SecretAccessKey", "wJalr<XUtnFEMI");
    credentials.put("AccessKeyId", "ASIAEXAMPLE000000001");
    JsonOutput.timestamp(credentials, "Expiration", Instant.parse("2026-11-22T08:15:00Z"));
    ObjectNode out = JsonOutput.object();
    out.put("PackedPolicySize", 6);
    out.putObject("AssumedRoleUser")
        .put("Arn", "arn:aws:sts::111122223333:assumed-role/developer/alice-session")
        .put("AssumedRoleId", "AROAEXAMPLE:alice-session");
    out.set("Credentials", credentials);
    assertEquals("<AssumeRoleResponse xmlns=\"" + NS + "\"><AssumeRoleResult>"
        + "<Credentials><AccessKeyId>ASIAEXAMPLE000000001</AccessKeyId><SecretAccessKey>wJalr&lt;XUtnFEMI"
        + "</SecretAccessKey><SessionToken>FwoG+token/==</SessionToken>"
        + "<Expiration>2026-11-22T08:15:00Z</Expiration></Credentials>"
        + "<AssumedRoleUser><AssumedRoleId>AROAEXAMPLE:alice-session</AssumedRoleId>"
        + "<Arn>arn:aws:sts::111122223333:assumed-role/developer/alice-session</Arn></AssumedRoleUser>"
        + "<PackedPolicySize>6</PackedPolicySize></AssumeRoleResult>"
        + "<ResponseMetadata><RequestId>r</RequestId></ResponseMetadata></AssumeRoleResponse>",
        new String(STS.result("AssumeRole", out, "r"), StandardCharsets.UTF_8));
  }

  @Test
  void modeledErrors_areSentWithTheModelsCodes() {
    assertEquals(new QueryError("MalformedPolicyDocument", 400, true),
        STS.error(new ApiException("MalformedPolicyDocumentException", "m")));
    assertEquals(new QueryError("PackedPolicyTooLarge", 400, true),
        STS.error(new ApiException("PackedPolicyTooLarge", "m")));
    assertEquals(new QueryError("RegionDisabledException", 403, true),
        STS.error(new ApiException("RegionDisabledException", "m")));
    assertEquals(new QueryError("ExpiredTokenException", 400, true),
        STS.error(new ApiException("ExpiredTokenException", "m")));
  }

  @Test
  void authenticationErrors_takeTheQueryNames() {
    assertEquals("SignatureDoesNotMatch",
        QueryErrors.fromJsonProtocol(new ApiException("InvalidSignatureException", "m")).code());
    ApiException unknown = QueryErrors.fromJsonProtocol(
        new ApiException("UnrecognizedClientException", "The security token included in the request is invalid."));
    assertEquals("InvalidClientTokenId", unknown.code());
    assertEquals("The security token included in the request is invalid.", unknown.getMessage());
    assertEquals(new QueryError("InvalidClientTokenId", 403, true), STS.error(unknown));
    ApiException expired = QueryErrors.fromJsonProtocol(new ApiException("ExpiredTokenException", "x"));
    assertEquals(new QueryError("ExpiredToken", 403, true), STS.error(expired));
    ApiException missing = QueryErrors.fromJsonProtocol(
        new ApiException("MissingAuthenticationTokenException", "Missing Authentication Token"));
    assertEquals("MissingAuthenticationToken", missing.code());
    assertEquals("Request is missing Authentication Token", missing.getMessage());
    assertEquals(new QueryError("IncompleteSignature", 400, true),
        STS.error(QueryErrors.fromJsonProtocol(new ApiException("IncompleteSignatureException", "x"))));
    ApiException service = new ApiException("MalformedPolicyDocument", "m");
    assertSame(service, QueryErrors.fromJsonProtocol(service));
  }
}

package io.keywarden.services.audit;

import static io.keywarden.services.audit.AuditedKms.ACCOUNT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.keywarden.domain.identity.IamRole;
import io.keywarden.domain.identity.IamUser;
import io.keywarden.domain.identity.Principal;
import io.keywarden.services.api.CallContext;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;

/**
 * Who made a call, as its record names them ("CloudTrail userIdentity element"), calls that never
 * got as far as a caller or an input, STS calls, and an audit log that refuses records.
 */
class CallerRecordsTest {
  private static final Instant CREATED = Instant.parse("2025-01-01T00:00:00Z");
  private final AuditedKms h = new AuditedKms();

  private JsonNode describeAs(Principal caller) {
    String key = h.createKey("{}");
    return h.call(caller, "DescribeKey", "{\"KeyId\":\"" + key + "\"}").record();
  }

  @Test
  void iamUser_isNamed() {
    IamUser alice = new IamUser(ACCOUNT, "Alice", "AIDAALICE0000000000001", "/", CREATED, List.of(), Map.of(), 1);
    JsonNode r = describeAs(Principal.user(alice, "AKIAALICE00000000001"));
    assertEquals(AuditedKms.tree("{\"type\":\"IAMUser\",\"principalId\":\"AIDAALICE0000000000001\","
        + "\"arn\":\"arn:aws:iam::" + ACCOUNT + ":user/Alice\",\"accountId\":\"" + ACCOUNT + "\","
        + "\"accessKeyId\":\"AKIAALICE00000000001\",\"userName\":\"Alice\"}"), r.get("userIdentity"));
  }

  @Test
  void assumedRole_namesTheRoleThatIssuedTheSession() {
    IamRole role = new IamRole(ACCOUNT, "Admin", "AROAADMIN000000000001", "/ops/", CREATED, "{}", 3600,
        List.of(), Map.of(), 1);
    JsonNode r = describeAs(Principal.session(role, "night-shift", "ASIASESSION000000001", Map.of(), Set.of()));
    assertEquals(AuditedKms.tree("{\"type\":\"AssumedRole\",\"principalId\":\"AROAADMIN000000000001:night-shift\","
        + "\"arn\":\"arn:aws:sts::" + ACCOUNT + ":assumed-role/Admin/night-shift\",\"accountId\":\"" + ACCOUNT + "\","
        + "\"accessKeyId\":\"ASIASESSION000000001\",\"sessionContext\":{\"sessionIssuer\":{\"type\":\"Role\","
        + "\"principalId\":\"AROAADMIN000000000001\",\"arn\":\"arn:aws:iam::" + ACCOUNT + ":role/ops/Admin\","
        + "\"accountId\":\"" + ACCOUNT + "\",\"userName\":\"Admin\"},\"attributes\":{\"mfaAuthenticated\":\"false\"}}}"),
        r.get("userIdentity"));
  }

  @Test
  void assumedRole_recordsWhenItsSessionWasIssued() {
    Instant issued = Instant.parse("2025-03-04T05:06:07.890Z");
    Principal session = new Principal(io.keywarden.domain.identity.PrincipalType.AssumedRole, ACCOUNT,
        Principal.sessionArn(ACCOUNT, "Admin", "day-shift"), "AROAADMIN000000000001:day-shift",
        "ASIASESSION000000002", null, "arn:aws:iam::" + ACCOUNT + ":role/Admin", Map.of(), Set.of(), issued);
    JsonNode r = describeAs(session);
    assertEquals(AuditedKms.tree("{\"creationDate\":\"2025-03-04T05:06:07Z\",\"mfaAuthenticated\":\"false\"}"),
        r.at("/userIdentity/sessionContext/attributes"));
    List<String> order = new java.util.ArrayList<>();
    r.at("/userIdentity/sessionContext/attributes").fieldNames().forEachRemaining(order::add);
    assertEquals(List.of("creationDate", "mfaAuthenticated"), order);
    assertEquals("Admin", r.at("/userIdentity/sessionContext/sessionIssuer/userName").asText());
    // The same caller with another session is not written from the previous one's text.
    Principal later = new Principal(session.type(), ACCOUNT, session.arn(), session.userId(),
        session.accessKeyId(), null, session.roleArn(), Map.of(), Set.of(), issued.plusSeconds(3600));
    assertEquals("2025-03-04T06:06:07Z",
        describeAs(later).at("/userIdentity/sessionContext/attributes/creationDate").asText());
  }

  @Test
  void callThroughAService_isInvokedByIt() {
    String key = h.createKey("{}");
    CallContext viaSecrets = h.context(Principal.root(ACCOUNT, "AKIAROOTKEY000000001")).onBehalfOf("secretsmanager");
    JsonNode r = h.call(viaSecrets, "GenerateDataKey", "{\"KeyId\":\"" + key + "\",\"KeySpec\":\"AES_256\"}").record();
    assertEquals("secretsmanager.amazonaws.com", r.at("/userIdentity/invokedBy").asText());
    assertEquals("secretsmanager.amazonaws.com", r.get("sourceIPAddress").asText());
    assertEquals("secretsmanager.amazonaws.com", r.get("userAgent").asText());
    assertEquals("Root", r.at("/userIdentity/type").asText());
  }

  @Test
  void unauthenticatedCall_namesTheClaimedKeyOnly() {
    ApiCall call = new ApiCall("req-1", h.clock.instant(), "203.0.113.9", "curl/8", null)
        .service("kms", "Decrypt")
        .region("eu-west-1")
        .claimed("AKIASTOLEN0000000001", ACCOUNT)
        .failed("InvalidSignatureException", "The request signature we calculated does not match.");
    JsonNode r = h.recorded(call, null, null).record();
    assertEquals(AuditedKms.tree("{\"type\":\"Unknown\",\"accountId\":\"" + ACCOUNT + "\","
        + "\"accessKeyId\":\"AKIASTOLEN0000000001\"}"), r.get("userIdentity"));
    assertEquals("eu-west-1", r.get("awsRegion").asText());
    assertEquals("InvalidSignatureException", r.get("errorCode").asText());
    assertTrue(r.get("requestParameters").isNull());
    assertEquals(ACCOUNT, r.get("recipientAccountId").asText());
    assertEquals("req-1", r.get("requestID").asText());
  }

  @Test
  void callBeforeRouting_hasNoSourceAndTheDefaultRegion() {
    ApiCall call = new ApiCall("req-2", h.clock.instant(), "203.0.113.9", "", null)
        .failed("UnknownOperationException", null);
    JsonNode r = h.recorded(call, null, null).record();
    assertFalse(r.has("eventSource"));
    assertFalse(r.has("eventName"));
    assertFalse(r.has("errorMessage"));
    assertFalse(r.has("recipientAccountId"));
    assertEquals("us-east-1", r.get("awsRegion").asText());
    assertEquals("Unknown", r.at("/userIdentity/type").asText());
  }

  @Test
  void tls_isDetailed() {
    ApiCall call = new ApiCall("req-3", h.clock.instant(), "203.0.113.9", "sdk",
        new TlsDetails("TLSv1.3", "TLS_AES_256_GCM_SHA384", "kms.example.internal:8443"))
        .service("kms", "ListKeys")
        .authenticated(h.context(Principal.root(ACCOUNT, "AKIAROOTKEY000000001")))
        .succeeded(null);
    JsonNode r = h.recorded(call, null, null).record();
    assertEquals(AuditedKms.tree("{\"tlsVersion\":\"TLSv1.3\",\"cipherSuite\":\"TLS_AES_256_GCM_SHA384\","
        + "\"clientProvidedHostHeader\":\"kms.example.internal:8443\"}"), r.get("tlsDetails"));
  }

  @Test
  void assumeRole_recordsTheSession_neverTheSecretOrToken() {
    IamUser bob = new IamUser(ACCOUNT, "Bob", "AIDABOB00000000000001", "/", CREATED, List.of(), Map.of(), 1);
    ApiCall call = new ApiCall("req-4", h.clock.instant(), "203.0.113.9", "aws-cli", null)
        .service("sts", "AssumeRole")
        .authenticated(h.context(Principal.user(bob, "AKIABOB0000000000001")))
        .input(AuditedKms.parse("{\"RoleArn\":\"arn:aws:iam::" + ACCOUNT + ":role/Admin\","
            + "\"RoleSessionName\":\"bob\",\"ExternalId\":\"shared-secret-id\",\"TokenCode\":\"123456\","
            + "\"Tags\":[{\"Key\":\"team\",\"Value\":\"red\"}]}"))
        .succeeded(AuditedKms.parse("{\"Credentials\":{\"AccessKeyId\":\"ASIANEW0000000000001\","
            + "\"SecretAccessKey\":\"wJalrXUtnFEMI/K7MDENG/bPxRfiCYzEXAMPLEKEY\",\"SessionToken\":\"FQoGZXIvYXdzEXAMPLETOKEN\","
            + "\"Expiration\":1772370000},\"AssumedRoleUser\":{\"AssumedRoleId\":\"AROAADMIN:bob\","
            + "\"Arn\":\"arn:aws:sts::" + ACCOUNT + ":assumed-role/Admin/bob\"},\"PackedPolicySize\":6}"));
    AuditedKms.Call recorded = h.recorded(call, null, null);
    JsonNode r = recorded.record();
    assertEquals("sts.amazonaws.com", r.get("eventSource").asText());
    assertEquals(AuditedKms.tree("{\"roleArn\":\"arn:aws:iam::" + ACCOUNT + ":role/Admin\",\"roleSessionName\":\"bob\","
        + "\"tags\":[{\"key\":\"team\",\"value\":\"red\"}]}"), r.get("requestParameters"));
    assertEquals(AuditedKms.tree("{\"credentials\":{\"accessKeyId\":\"ASIANEW0000000000001\","
        + "\"expiration\":\"Mar 1, 2026, 1:00:00 PM\"},\"assumedRoleUser\":{\"assumedRoleId\":\"AROAADMIN:bob\","
        + "\"arn\":\"arn:aws:sts::" + ACCOUNT + ":assumed-role/Admin/bob\"},\"packedPolicySize\":6}"),
        r.get("responseElements"));
    for (String secret : List.of("wJalrXUtnFEMI", "FQoGZXIvYXdz", "shared-secret-id", "123456")) {
      assertFalse(recorded.json().contains(secret), secret);
    }
  }

  @Test
  void getCallerIdentity_recordsNothingButTheCall() {
    ApiCall call = new ApiCall("req-5", h.clock.instant(), "203.0.113.9", "aws-cli", null)
        .service("sts", "GetCallerIdentity")
        .authenticated(h.context(Principal.root(ACCOUNT, "AKIAROOTKEY000000001")))
        .input(AuditedKms.parse("{}"))
        .succeeded(AuditedKms.parse("{\"UserId\":\"" + ACCOUNT + "\",\"Account\":\"" + ACCOUNT + "\"}"));
    JsonNode r = h.recorded(call, null, null).record();
    assertTrue(r.get("requestParameters").isNull());
    assertTrue(r.get("responseElements").isNull());
    assertTrue(r.get("readOnly").asBoolean());
  }

  @Test
  void lookupEvents_recordsWhatWasLookedFor_notWhatWasFound() {
    ApiCall call = new ApiCall("req-7", h.clock.instant(), "203.0.113.9", "aws-cli", null)
        .service("cloudtrail", "LookupEvents")
        .authenticated(h.context(Principal.root(ACCOUNT, "AKIAROOTKEY000000001")))
        .input(AuditedKms.parse("{\"LookupAttributes\":[{\"AttributeKey\":\"EventName\","
            + "\"AttributeValue\":\"Decrypt\"}],\"StartTime\":1772323200,\"MaxResults\":5}"))
        .succeeded(AuditedKms.parse("{\"Events\":[{\"EventId\":\"e-1\",\"CloudTrailEvent\":\"{}\"}]}"));
    JsonNode r = h.recorded(call, null, null).record();
    assertEquals(AuditedKms.tree("{\"lookupAttributes\":[{\"attributeKey\":\"EventName\","
        + "\"attributeValue\":\"Decrypt\"}],\"startTime\":\"Mar 1, 2026, 12:00:00 AM\",\"maxResults\":5}"),
        r.get("requestParameters"));
    assertTrue(r.get("responseElements").isNull());
    assertEquals("cloudtrail.amazonaws.com", r.get("eventSource").asText());
  }

  @Test
  void refusingLog_failsTheRecordWithAuditUnavailable() {
    h.log.failing = true;
    ApiCall call = new ApiCall("req-6", h.clock.instant(), "203.0.113.9", "", null).failed("X", null);
    CompletionException e = org.junit.jupiter.api.Assertions.assertThrows(CompletionException.class,
        () -> h.trail.record(call).join());
    assertTrue(e.getCause() instanceof io.keywarden.domain.audit.AuditUnavailableException, e.toString());
  }

  @Test
  void noTrail_recordsNothing() {
    assertFalse(AuditTrail.none().enabled());
    assertTrue(AuditTrail.none().record(new ApiCall("r", Instant.EPOCH, "", "", null)).isDone());
  }

  /** Records reuse the text of the last caller and resources written: a change must show at once. */
  @Test
  void successiveCallers_andKeys_areEachNamedInTheirOwnRecord() {
    String k1 = h.createKey("{}");
    String k2 = h.createKey("{}");
    IamUser alice = new IamUser(ACCOUNT, "Alice", "AIDAALICE0000000000001", "/", CREATED, List.of(), Map.of(), 1);
    Principal aliceKey1 = Principal.user(alice, "AKIAALICE00000000001");
    Principal aliceKey2 = Principal.user(alice, "AKIAALICE00000000002");
    Principal root = Principal.root(ACCOUNT, "AKIAROOTKEY000000001");
    String[][] calls = {
        {"alice1", k1}, {"alice1", k1}, {"alice2", k1}, {"root", k2}, {"alice1", k2}, {"viaSecrets", k1}, {"root", k1}};
    for (String[] c : calls) {
      CallContext context = switch (c[0]) {
        case "alice1" -> h.context(aliceKey1);
        case "alice2" -> h.context(aliceKey2);
        case "viaSecrets" -> h.context(root).onBehalfOf("secretsmanager");
        default -> h.context(root);
      };
      JsonNode r = h.call(context, "DescribeKey", "{\"KeyId\":\"" + c[1] + "\"}").record();
      JsonNode who = r.get("userIdentity");
      String expectedKey = switch (c[0]) {
        case "alice1" -> "AKIAALICE00000000001";
        case "alice2" -> "AKIAALICE00000000002";
        default -> "AKIAROOTKEY000000001";
      };
      assertEquals(expectedKey, who.get("accessKeyId").asText(), c[0]);
      assertEquals(c[0].startsWith("alice") ? "IAMUser" : "Root", who.get("type").asText(), c[0]);
      assertEquals(c[0].equals("viaSecrets"), who.has("invokedBy"), c[0]);
      assertEquals(1, r.get("resources").size());
      assertEquals(AuditedKms.arn(c[1]), r.at("/resources/0/ARN").asText(), c[0] + " " + c[1]);
    }
  }
}

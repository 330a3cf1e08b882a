package io.keywarden.services.cloudtrail;

import static io.keywarden.services.cloudtrail.AuditedServices.ACCOUNT;
import static io.keywarden.services.cloudtrail.AuditedServices.OTHER_ACCOUNT;
import static io.keywarden.services.cloudtrail.AuditedServices.REGION;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.keywarden.domain.identity.Principal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * LookupEvents over the records of real KMS calls: what each event shows, every lookup attribute,
 * paging, time ranges, CloudTrail's own validation errors, account and region isolation, and the
 * {@code cloudtrail:LookupEvents} permission.
 */
class LookupEventsTest {
  private static final String PLAINTEXT = "aGVsbG8="; // "hello"
  private final AuditedServices s = new AuditedServices();

  private String encrypt(Principal caller, String keyArn) {
    return s.kms(caller, "Encrypt", "{\"KeyId\":\"" + keyArn + "\",\"Plaintext\":\"" + PLAINTEXT + "\"}")
        .requestId();
  }

  private static String attr(String key, String value) {
    return "{\"LookupAttributes\":[{\"AttributeKey\":\"" + key + "\",\"AttributeValue\":\"" + value + "\"}]}";
  }

  private static List<String> names(ObjectNode out) {
    List<String> names = new ArrayList<>();
    out.get("Events").forEach(e -> names.add(e.get("EventName").asText()));
    return names;
  }

  /** The names of the events, without the test's own LookupEvents calls. */
  private static List<String> kmsNames(ObjectNode out) {
    List<String> names = names(out);
    names.removeIf("LookupEvents"::equals);
    return names;
  }

  private static List<String> ids(ObjectNode out) {
    List<String> ids = new ArrayList<>();
    out.get("Events").forEach(e -> ids.add(e.get("EventId").asText()));
    return ids;
  }

  @Test
  void anEvent_showsCloudTrailsMembersAndTheRecordAsStored() {
    String key = s.createKey(s.root);
    String requestId = encrypt(s.root, key);
    ObjectNode out = s.lookup(attr("EventName", "Encrypt")).ok();
    assertEquals(1, out.get("Events").size());
    JsonNode e = out.at("/Events/0");
    JsonNode record = s.records().get(1);
    assertEquals(record.get("eventID").asText(), e.get("EventId").asText());
    assertEquals("Encrypt", e.get("EventName").asText());
    assertEquals("true", e.get("ReadOnly").asText());
    assertEquals("AKIAROOTKEY000000001", e.get("AccessKeyId").asText());
    assertEquals(s.clock.instant().getEpochSecond(), e.get("EventTime").asLong());
    assertEquals("kms.amazonaws.com", e.get("EventSource").asText());
    assertEquals("root", e.get("Username").asText());
    assertEquals(1, e.get("Resources").size());
    assertEquals("AWS::KMS::Key", e.at("/Resources/0/ResourceType").asText());
    assertEquals(key, e.at("/Resources/0/ResourceName").asText());
    assertEquals(record, AuditedServices.parse(e.get("CloudTrailEvent").asText()));
    assertEquals(requestId, record.get("requestID").asText());
    assertFalse(out.has("NextToken"));
    assertFalse(e.get("CloudTrailEvent").asText().contains(PLAINTEXT));
  }

  @Test
  void noAttribute_listsTheAccountsEventsNewestFirst() {
    String key = s.createKey(s.root);
    encrypt(s.root, key);
    s.kms("DescribeKey", "{\"KeyId\":\"" + key + "\"}");
    assertEquals(List.of("DescribeKey", "Encrypt", "CreateKey"), names(s.lookup("{}").ok()));
  }

  @Test
  void eachLookupAttribute_selectsItsEvents() {
    Principal alice = s.identities.user(ACCOUNT, "alice");
    s.identities.attach(alice, "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
        + "\"Action\":[\"kms:*\",\"cloudtrail:LookupEvents\"],\"Resource\":\"*\"}]}");
    String key = s.createKey(s.root);
    String other = s.createKey(s.root);
    encrypt(alice, key);
    encrypt(s.root, other);
    String firstId = s.records().get(0).get("eventID").asText();

    assertEquals(List.of(firstId), ids(s.lookup(attr("EventId", firstId)).ok()));
    assertEquals(List.of("Encrypt", "Encrypt"), names(s.lookup(attr("EventName", "Encrypt")).ok()));
    assertEquals(List.of("CreateKey", "CreateKey"), names(s.lookup(attr("ReadOnly", "false")).ok()));
    assertEquals(List.of("Encrypt", "Encrypt"), kmsNames(s.lookup(attr("ReadOnly", "TRUE")).ok()));
    assertEquals(List.of("Encrypt"), names(s.lookup(attr("Username", "alice")).ok()));
    assertEquals(3, kmsNames(s.lookup(attr("Username", "root")).ok()).size());
    assertEquals(List.of("Encrypt"), names(s.lookup(attr("AccessKeyId", "AKIAALICE")).ok()));
    assertEquals(List.of("Encrypt", "CreateKey"), names(s.lookup(attr("ResourceName", other)).ok()));
    assertEquals(4, s.lookup(attr("ResourceType", "AWS::KMS::Key")).ok().get("Events").size());
    assertEquals(0, s.lookup(attr("ResourceType", "AWS::S3::Bucket")).ok().get("Events").size());
    assertEquals(4, s.lookup(attr("EventSource", "kms.amazonaws.com")).ok().get("Events").size());
    assertEquals(0, s.lookup(attr("EventSource", "sts.amazonaws.com")).ok().get("Events").size());
    // Alice's own lookups are recorded too (once answered), and found by her name.
    assertEquals(List.of("Encrypt"), names(s.lookup(alice, REGION, attr("Username", "alice")).ok()));
    assertEquals(List.of("LookupEvents", "Encrypt"),
        names(s.lookup(alice, REGION, attr("Username", "alice")).ok()));
  }

  @Test
  void pages_coverEveryEventOnce_andLaterEventsDoNotSlipIn() {
    String key = s.createKey(s.root);
    for (int i = 0; i < 6; i++) {
      s.clock.advance(Duration.ofMillis(300));
      encrypt(s.root, key);
    }
    String filter = "\"LookupAttributes\":[{\"AttributeKey\":\"EventName\",\"AttributeValue\":\"Encrypt\"}]";
    ObjectNode first = s.lookup("{" + filter + ",\"MaxResults\":4}").ok();
    assertEquals(4, first.get("Events").size());
    String token = first.get("NextToken").asText();
    encrypt(s.root, key); // after the first page: not on the next one
    ObjectNode second = s.lookup("{" + filter + ",\"MaxResults\":4,\"NextToken\":\"" + token + "\"}").ok();
    assertEquals(2, second.get("Events").size());
    assertFalse(second.has("NextToken"));
    Set<String> seen = new HashSet<>(ids(first));
    seen.addAll(ids(second));
    assertEquals(6, seen.size());
    List<String> encrypts = new ArrayList<>();
    for (JsonNode r : s.records()) {
      if (r.get("eventName").asText().equals("Encrypt")) {
        encrypts.add(r.get("eventID").asText());
      }
    }
    assertEquals(new HashSet<>(encrypts.subList(0, 6)), seen);
    assertEquals(encrypts.get(5), ids(first).get(0));
  }

  @Test
  void exactlyFullPage_hasNoToken() {
    String key = s.createKey(s.root);
    encrypt(s.root, key);
    encrypt(s.root, key);
    ObjectNode out = s.lookup("{\"LookupAttributes\":[{\"AttributeKey\":\"EventName\",\"AttributeValue\":"
        + "\"Encrypt\"}],\"MaxResults\":2}").ok();
    assertEquals(2, out.get("Events").size());
    assertFalse(out.has("NextToken"));
  }

  @Test
  void nextToken_isCheckedAgainstItsParameters() {
    String key = s.createKey(s.root);
    encrypt(s.root, key);
    encrypt(s.root, key);
    String token = s.lookup("{\"MaxResults\":1}").ok().get("NextToken").asText();
    assertEquals(1, s.lookup("{\"MaxResults\":1,\"NextToken\":\"" + token + "\"}").ok().get("Events").size());
    assertEquals("InvalidNextTokenException",
        s.lookup(attr("EventName", "Encrypt").replace("}]}", "}],\"NextToken\":\"" + token + "\"}")).error().code());
    assertEquals("InvalidNextTokenException",
        s.lookup(s.otherRoot, REGION, "{\"NextToken\":\"" + token + "\"}").error().code());
    String damaged = (token.charAt(5) == 'A' ? "B" : "A");
    damaged = token.substring(0, 5) + damaged + token.substring(6);
    assertEquals("InvalidNextTokenException", s.lookup("{\"NextToken\":\"" + damaged + "\"}").error().code());
    assertEquals("InvalidNextTokenException", s.lookup("{\"NextToken\":\"not a token\"}").error().code());
    assertEquals("InvalidNextTokenException", s.lookup("{\"NextToken\":\"\"}").error().code());
  }

  @Test
  void timeRange_includesBothEndsToTheSecond_andDefaultsToNinetyDays() {
    String key = s.createKey(s.root); // 12:00:00
    long created = s.clock.instant().getEpochSecond();
    s.clock.advance(Duration.ofMillis(1500));
    encrypt(s.root, key); // 12:00:01.5
    long encrypted = created + 1;
    assertEquals(List.of("Encrypt"), kmsNames(s.lookup("{\"StartTime\":" + encrypted + "}").ok()));
    assertEquals(List.of("CreateKey"), names(s.lookup("{\"EndTime\":" + created + ".9}").ok()));
    assertEquals(List.of("Encrypt", "CreateKey"),
        kmsNames(s.lookup("{\"StartTime\":" + created + ",\"EndTime\":" + encrypted + "}").ok()));
    assertEquals(List.of(), kmsNames(s.lookup("{\"StartTime\":" + (encrypted + 1) + "}").ok()));
    assertEquals("InvalidTimeRangeException",
        s.lookup("{\"StartTime\":" + encrypted + ",\"EndTime\":" + created + "}").error().code());

    s.clock.advance(Duration.ofDays(91));
    assertEquals(List.of(), names(s.lookup(attr("EventSource", "kms.amazonaws.com")).ok()));
    assertEquals(List.of("Encrypt", "CreateKey"), names(s.lookup("{\"StartTime\":" + created + ","
        + "\"LookupAttributes\":[{\"AttributeKey\":\"EventSource\",\"AttributeValue\":\"kms.amazonaws.com\"}]}")
        .ok()));
  }

  @Test
  void badRequests_getCloudTrailsOwnErrors() {
    String two = "{\"LookupAttributes\":[{\"AttributeKey\":\"EventName\",\"AttributeValue\":\"Encrypt\"},"
        + "{\"AttributeKey\":\"Username\",\"AttributeValue\":\"root\"}]}";
    assertEquals("InvalidLookupAttributesException", s.lookup(two).error().code());
    assertEquals("InvalidLookupAttributesException", s.lookup(attr("Region", "us-east-1")).error().code());
    assertEquals("InvalidLookupAttributesException", s.lookup(attr("ReadOnly", "maybe")).error().code());
    assertEquals("InvalidLookupAttributesException", s.lookup(attr("EventName", "")).error().code());
    assertEquals("InvalidLookupAttributesException",
        s.lookup("{\"LookupAttributes\":[{\"AttributeKey\":\"EventName\"}]}").error().code());
    assertEquals("InvalidLookupAttributesException",
        s.lookup("{\"LookupAttributes\":[{\"AttributeValue\":\"Encrypt\"}]}").error().code());
    assertNull(s.lookup(attr("EventName", "_".repeat(1000))).error());
    assertEquals("InvalidLookupAttributesException", s.lookup(attr("EventName", "_".repeat(1001))).error().code());
    assertNull(s.lookup(attr("EventName", "x".repeat(2000))).error());
    assertEquals("InvalidMaxResultsException", s.lookup("{\"MaxResults\":0}").error().code());
    assertEquals("InvalidMaxResultsException", s.lookup("{\"MaxResults\":51}").error().code());
    assertNull(s.lookup("{\"MaxResults\":50}").error());
    assertEquals("InvalidEventCategoryException", s.lookup("{\"EventCategory\":\"Data\"}").error().code());
    assertNull(s.lookup("{\"LookupAttributes\":[]}").error());
  }

  @Test
  void insightEvents_areNone() {
    encrypt(s.root, s.createKey(s.root));
    ObjectNode out = s.lookup("{\"EventCategory\":\"insight\"}").ok();
    assertEquals(0, out.get("Events").size());
  }

  @Test
  void accounts_seeOnlyTheRecordsDeliveredToThem() {
    String mine = s.createKey(s.root);
    String theirs = s.createKey(s.otherRoot);
    s.kms(s.otherRoot, "PutKeyPolicy", "{\"KeyId\":\"" + theirs + "\",\"PolicyName\":\"default\",\"Policy\":"
        + "\"{\\\"Version\\\":\\\"2012-10-17\\\",\\\"Statement\\\":[{\\\"Effect\\\":\\\"Allow\\\",\\\"Principal\\\":"
        + "{\\\"AWS\\\":[\\\"arn:aws:iam::" + OTHER_ACCOUNT + ":root\\\",\\\"arn:aws:iam::" + ACCOUNT
        + ":root\\\"]},\\\"Action\\\":\\\"kms:*\\\",\\\"Resource\\\":\\\"*\\\"}]}\"}").ok();
    encrypt(s.root, mine);
    encrypt(s.root, theirs); // cross-account: a record for each account

    ObjectNode mineSeen = s.lookup(attr("EventName", "Encrypt")).ok();
    assertEquals(2, mineSeen.get("Events").size());
    for (JsonNode e : mineSeen.get("Events")) {
      JsonNode record = AuditedServices.parse(e.get("CloudTrailEvent").asText());
      assertEquals(ACCOUNT, record.get("recipientAccountId").asText());
      assertEquals("Root", record.at("/userIdentity/type").asText());
    }
    ObjectNode theirsSeen = s.lookup(s.otherRoot, REGION, attr("EventName", "Encrypt")).ok();
    assertEquals(1, theirsSeen.get("Events").size());
    JsonNode ownerCopy = AuditedServices.parse(theirsSeen.at("/Events/0/CloudTrailEvent").asText());
    assertEquals(OTHER_ACCOUNT, ownerCopy.get("recipientAccountId").asText());
    assertEquals("AWSAccount", ownerCopy.at("/userIdentity/type").asText());
    assertEquals(theirs, theirsSeen.at("/Events/0/Resources/0/ResourceName").asText());
    assertEquals(List.of("PutKeyPolicy", "CreateKey"),
        names(s.lookup(s.otherRoot, REGION, attr("ReadOnly", "false")).ok()));
  }

  @Test
  void regions_seeOnlyTheirOwnEvents() {
    encrypt(s.root, s.createKey(s.root));
    assertEquals(0, s.lookup(s.root, "eu-west-1", attr("EventName", "Encrypt")).ok().get("Events").size());
    assertEquals(1, s.lookup(s.root, REGION, attr("EventName", "Encrypt")).ok().get("Events").size());
  }

  @Test
  void users_needAnIamAllow() {
    Principal bob = s.identities.user(ACCOUNT, "bob");
    AuditedServices.Answer denied = s.lookup(bob, REGION, "{}");
    assertNotNull(denied.error());
    assertEquals("AccessDeniedException", denied.error().code());
    assertEquals("User: arn:aws:iam::" + ACCOUNT + ":user/bob is not authorized to perform:"
        + " cloudtrail:LookupEvents because no identity-based policy allows the cloudtrail:LookupEvents action",
        denied.error().getMessage());
    s.identities.attach(bob, "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
        + "\"Action\":\"cloudtrail:Lookup*\",\"Resource\":\"*\"}]}");
    assertNull(s.lookup(bob, REGION, "{}").error());
    s.identities.attach(bob, "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Deny\","
        + "\"Action\":\"cloudtrail:*\",\"Resource\":\"*\",\"Condition\":{\"Bool\":{\"aws:SecureTransport\":\"false\"}}}]}");
    AuditedServices.Answer explicit = s.lookup(bob, REGION, "{}");
    assertEquals("AccessDeniedException", explicit.error().code());
    assertTrue(explicit.error().getMessage().endsWith("with an explicit deny in an identity-based policy"),
        explicit.error().getMessage());
    // The denied call is itself on record, for the account to see.
    assertEquals("AccessDeniedException", AuditedServices.parse(s.lookup(attr("Username", "bob")).ok()
        .at("/Events/0/CloudTrailEvent").asText()).get("errorCode").asText());
  }

  @Test
  void lookupEvents_isRecordedWithItsParameters() {
    s.lookup("{\"LookupAttributes\":[{\"AttributeKey\":\"EventName\",\"AttributeValue\":\"Encrypt\"}],"
        + "\"MaxResults\":5,\"StartTime\":1700000000}").ok();
    JsonNode r = s.records().get(0);
    assertEquals("cloudtrail.amazonaws.com", r.get("eventSource").asText());
    assertEquals("LookupEvents", r.get("eventName").asText());
    assertTrue(r.get("readOnly").asBoolean());
    assertEquals("EventName", r.at("/requestParameters/lookupAttributes/0/attributeKey").asText());
    assertEquals(5, r.at("/requestParameters/maxResults").asInt());
    assertTrue(r.at("/requestParameters/startTime").isTextual());
    assertTrue(r.get("responseElements").isNull());
  }
}

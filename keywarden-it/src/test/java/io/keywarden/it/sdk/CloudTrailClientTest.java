package io.keywarden.it.sdk;

import static io.keywarden.it.sdk.SdkAssertions.utf8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.keywarden.it.TestServer;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cloudtrail.CloudTrailClient;
import software.amazon.awssdk.services.cloudtrail.model.CloudTrailException;
import software.amazon.awssdk.services.cloudtrail.model.Event;
import software.amazon.awssdk.services.cloudtrail.model.InvalidLookupAttributesException;
import software.amazon.awssdk.services.cloudtrail.model.InvalidMaxResultsException;
import software.amazon.awssdk.services.cloudtrail.model.InvalidTimeRangeException;
import software.amazon.awssdk.services.cloudtrail.model.LookupAttribute;
import software.amazon.awssdk.services.cloudtrail.model.LookupAttributeKey;
import software.amazon.awssdk.services.cloudtrail.model.Resource;
import software.amazon.awssdk.services.kms.KmsClient;

/**
 * CloudTrail LookupEvents through the AWS SDK for Java v2's own {@code CloudTrailClient} (module
 * version 2.50.2, the newest served before the 2.54 the other tests use): the SDK's paginator walks
 * every page, each {@code Event}'s members agree with its {@code CloudTrailEvent} record, lookups by
 * event name, resource name and access key find the calls the KMS client made under the request ids
 * their answers carried, and bad input comes back as the SDK's modelled exception classes.
 */
class CloudTrailClientTest {
  private static TestServer server;
  private static KmsClient kms;
  private static CloudTrailClient cloudTrail;

  @BeforeAll
  static void start() {
    server = TestServer.dev();
    kms = server.kms();
    cloudTrail = server.cloudTrail();
  }

  @AfterAll
  static void stop() {
    cloudTrail.close();
    kms.close();
    server.close();
  }

  private static List<Event> lookUp(LookupAttributeKey key, String value, int pageSize) {
    return cloudTrail.lookupEventsPaginator(r -> r
            .lookupAttributes(LookupAttribute.builder().attributeKey(key).attributeValue(value).build())
            .maxResults(pageSize))
        .events().stream().collect(Collectors.toList());
  }

  @Test
  void thePaginatorFindsEveryEncrypt_underTheRequestIdOfItsAnswer() {
    String keyArn = kms.createKey(r -> {}).keyMetadata().arn();
    Map<String, String> requestIds = new HashMap<>(); // request id -> event name
    for (int i = 0; i < 5; i++) {
      requestIds.put(kms.encrypt(r -> r.keyId(keyArn).plaintext(utf8("look me up")))
          .responseMetadata().requestId(), "Encrypt");
    }

    List<Event> byResource = lookUp(LookupAttributeKey.RESOURCE_NAME, keyArn, 2);
    Map<String, String> found = new HashMap<>();
    for (Event event : byResource) {
      JsonNode record = SignedCloudTrail.parse(event.cloudTrailEvent());
      assertEquals(record.get("eventID").asText(), event.eventId());
      assertEquals(record.get("eventName").asText(), event.eventName());
      assertEquals(record.get("eventSource").asText(), event.eventSource());
      assertEquals(Instant.parse(record.get("eventTime").asText()), event.eventTime());
      assertEquals(record.path("userIdentity").path("accessKeyId").asText(), event.accessKeyId());
      assertEquals(record.get("readOnly").asText(), event.readOnly());
      assertEquals("kms.amazonaws.com", event.eventSource());
      assertTrue(event.resources().stream().map(Resource::resourceName).anyMatch(keyArn::equals),
          event.resources().toString());
      assertTrue(event.resources().stream().map(Resource::resourceType).allMatch("AWS::KMS::Key"::equals));
      assertTrue(record.path("plaintext").isMissingNode() && !event.cloudTrailEvent().contains("look me up"));
      if (found.put(record.get("requestID").asText(), event.eventName()) != null) {
        throw new AssertionError("an event on two pages: " + event.eventId());
      }
    }
    found.values().removeIf(name -> !name.equals("Encrypt"));
    assertEquals(requestIds, found, "the Encrypt calls on the key, by request id");

    Set<String> encryptIds = lookUp(LookupAttributeKey.EVENT_NAME, "Encrypt", 50).stream()
        .map(e -> SignedCloudTrail.parse(e.cloudTrailEvent()).get("requestID").asText())
        .collect(Collectors.toSet());
    assertTrue(encryptIds.containsAll(requestIds.keySet()), "by event name");
    assertTrue(lookUp(LookupAttributeKey.ACCESS_KEY_ID, "AKIADEVTEST", 50).stream()
        .anyMatch(e -> e.eventName().equals("CreateKey")), "by access key");
  }

  @Test
  void aTimeRangeBeforeTheCalls_findsNothing() {
    kms.listKeys();
    Instant longAgo = Instant.now().minus(Duration.ofDays(30));
    assertEquals(List.of(), cloudTrail.lookupEvents(r -> r
        .startTime(longAgo.minus(Duration.ofDays(1))).endTime(longAgo)).events());
  }

  @Test
  void badInput_comesBackAsTheModelledExceptions() {
    LookupAttribute name = LookupAttribute.builder()
        .attributeKey(LookupAttributeKey.EVENT_NAME).attributeValue("Encrypt").build();
    LookupAttribute source = LookupAttribute.builder()
        .attributeKey(LookupAttributeKey.EVENT_SOURCE).attributeValue("kms.amazonaws.com").build();
    assertBadRequest(assertThrows(InvalidLookupAttributesException.class,
        () -> cloudTrail.lookupEvents(r -> r.lookupAttributes(name, source))));
    assertBadRequest(assertThrows(InvalidMaxResultsException.class,
        () -> cloudTrail.lookupEvents(r -> r.maxResults(51))));
    Instant now = Instant.now();
    assertBadRequest(assertThrows(InvalidTimeRangeException.class,
        () -> cloudTrail.lookupEvents(r -> r.startTime(now).endTime(now.minus(Duration.ofHours(1))))));
  }

  private static void assertBadRequest(CloudTrailException e) {
    assertEquals(400, e.statusCode(), e.getMessage());
    assertTrue(e.requestId() != null && !e.requestId().isEmpty(), "request id");
  }
}

package io.keywarden.services.audit;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.keywarden.domain.audit.AuditEvent;
import io.keywarden.services.api.AuditFacts;
import io.keywarden.services.api.AuditResource;
import io.keywarden.services.api.ServiceEvent;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Builds CloudTrail records ("CloudTrail record contents"): one for each API call, delivered to the
 * caller's account, and a second one, sharing its {@code sharedEventID}, for the owner of a resource
 * of another account that the call used (the key owner of a cross-account {@code Encrypt}); and one
 * {@code AwsServiceEvent} for each piece of work a service did on its own.
 *
 * <p>{@code requestParameters}, {@code responseElements} and {@code additionalEventData} hold only
 * what the operation's {@link OperationRule} lists. Records are one line of JSON each, fields in the
 * order CloudTrail writes them, built straight into UTF-8 bytes ({@link RecordJson}; the members
 * that repeat from call to call are written from bytes encoded once).
 */
public final class CloudTrailEvents {
  /** The CloudTrail record format version Keywarden writes. */
  public static final String EVENT_VERSION = "1.11";

  /** The region recorded for a call that never named one (no readable SigV4 scope). */
  static final String DEFAULT_REGION = "us-east-1";

  private static final SerializedString EVENT_VERSION_FIELD = RecordJson.name("eventVersion");
  private static final SerializedString EVENT_VERSION_VALUE = RecordJson.name(EVENT_VERSION);
  private static final SerializedString EVENT_TIME = RecordJson.name("eventTime");
  private static final SerializedString EVENT_SOURCE = RecordJson.name("eventSource");
  private static final SerializedString EVENT_NAME = RecordJson.name("eventName");
  private static final SerializedString AWS_REGION = RecordJson.name("awsRegion");
  private static final SerializedString SOURCE_IP = RecordJson.name("sourceIPAddress");
  private static final SerializedString USER_AGENT = RecordJson.name("userAgent");
  private static final SerializedString REQUEST_ID = RecordJson.name("requestID");
  private static final SerializedString EVENT_ID = RecordJson.name("eventID");
  private static final SerializedString READ_ONLY = RecordJson.name("readOnly");
  private static final SerializedString RESOURCES = RecordJson.name("resources");
  private static final SerializedString EVENT_TYPE = RecordJson.name("eventType");
  private static final SerializedString API_CALL = RecordJson.name("AwsApiCall");
  private static final SerializedString MANAGEMENT_EVENT = RecordJson.name("managementEvent");
  private static final SerializedString RECIPIENT = RecordJson.name("recipientAccountId");
  private static final SerializedString REQUEST_PARAMETERS = RecordJson.name("requestParameters");
  private static final SerializedString RESPONSE_ELEMENTS = RecordJson.name("responseElements");
  private static final SerializedString ADDITIONAL_EVENT_DATA = RecordJson.name("additionalEventData");
  private static final SerializedString ERROR_CODE = RecordJson.name("errorCode");
  private static final SerializedString ERROR_MESSAGE = RecordJson.name("errorMessage");
  private static final SerializedString SHARED_EVENT_ID = RecordJson.name("sharedEventID");
  private static final SerializedString TLS_DETAILS = RecordJson.name("tlsDetails");
  private static final SerializedString TLS_VERSION = RecordJson.name("tlsVersion");
  private static final SerializedString CIPHER_SUITE = RecordJson.name("cipherSuite");
  private static final SerializedString HOST_HEADER = RecordJson.name("clientProvidedHostHeader");
  private static final SerializedString KEY_ID = RecordJson.name("keyId");
  private static final SerializedString EVENT_CATEGORY = RecordJson.name("eventCategory");
  private static final SerializedString MANAGEMENT = RecordJson.name("Management");

  /** The {@code resources} each thread wrote last, as JSON: a client's calls repeat them. */
  private static final ThreadLocal<RenderedResources> LAST_RESOURCES = new ThreadLocal<>();

  /** {@code eventSource} by signing name ({@code kms} → {@code kms.amazonaws.com}); a handful. */
  private static final ConcurrentHashMap<String, SerializedString> EVENT_SOURCES = new ConcurrentHashMap<>();

  private CloudTrailEvents() {}

  /**
   * The accounts the records of {@link #apiCall} go to, in the same order: the caller's (or {@code
   * null} when unknown), then each other account whose resource the call used.
   */
  static List<String> recipients(ApiCall call) {
    String caller = call.principal() != null ? call.principal().accountId() : call.claimedAccountId();
    List<String> owners = otherOwners(call, caller);
    List<String> recipients = new ArrayList<>(1 + owners.size());
    recipients.add(caller);
    recipients.addAll(owners);
    return recipients;
  }

  /** The records of one API call: the caller's, then one per other account whose resource it used. */
  public static List<AuditEvent> apiCall(ApiCall call) {
    String caller = call.principal() != null ? call.principal().accountId() : call.claimedAccountId();
    List<String> owners = otherOwners(call, caller);
    String sharedEventId = owners.isEmpty() ? null : newId();
    List<AuditEvent> events = new ArrayList<>(1 + owners.size());
    events.add(apiCallRecord(call, caller, sharedEventId, false));
    for (String owner : owners) {
      events.add(apiCallRecord(call, owner, sharedEventId, true));
    }
    return events;
  }

  /** The {@code AwsServiceEvent} record of work a service did on its own, at {@code when}. */
  public static AuditEvent serviceEvent(ServiceEvent event, Instant when) {
    String eventId = newId();
    byte[] json = RecordJson.bytes(out -> {
      out.writeStartObject();
      out.writeStringField("eventVersion", EVENT_VERSION);
      out.writeObjectFieldStart("userIdentity");
      out.writeStringField("accountId", event.accountId());
      out.writeStringField("invokedBy", "AWS Internal");
      out.writeEndObject();
      out.writeStringField("eventTime", CloudTrailTimes.eventTime(when));
      out.writeStringField("eventSource", event.signingName() + ".amazonaws.com");
      out.writeStringField("eventName", event.eventName());
      out.writeStringField("awsRegion", event.region());
      out.writeStringField("sourceIPAddress", "AWS Internal");
      out.writeStringField("userAgent", "AWS Internal");
      out.writeNullField("requestParameters");
      writeStringMap(out, "responseElements", event.responseElements());
      out.writeStringField("eventID", eventId);
      out.writeBooleanField("readOnly", false);
      writeResources(out, event.resources());
      out.writeStringField("eventType", "AwsServiceEvent");
      out.writeBooleanField("managementEvent", true);
      out.writeStringField("recipientAccountId", event.accountId());
      if (event.serviceEventDetails() != null) {
        writeStringMap(out, "serviceEventDetails", event.serviceEventDetails());
      }
      out.writeStringField("eventCategory", "Management");
      out.writeEndObject();
    });
    return AuditEvent.ofUtf8(eventId, when, json);
  }

  private static AuditEvent apiCallRecord(
      ApiCall call, String recipient, String sharedEventId, boolean ownerCopy) {
    String eventId = newId();
    OperationRule rule = AuditRules.rule(call.signingName(), call.operation());
    byte[] json = RecordJson.record(out -> {
      out.writeStartObject();
      out.writeFieldName(EVENT_VERSION_FIELD);
      out.writeString(EVENT_VERSION_VALUE);
      if (ownerCopy) {
        UserIdentities.writeForResourceOwner(out, call);
      } else {
        UserIdentities.write(out, call);
      }
      out.writeFieldName(EVENT_TIME);
      out.writeString(CloudTrailTimes.eventTimeJson(call.receivedAt()));
      SerializedString source = eventSourceJson(call.signingName());
      if (source != null) {
        out.writeFieldName(EVENT_SOURCE);
        out.writeString(source);
      }
      RepeatedStrings repeated = RepeatedStrings.ofThread();
      writeIfPresent(out, EVENT_NAME, repeated.eventName, call.operation());
      out.writeFieldName(AWS_REGION);
      out.writeString(repeated.region.json(call.region() != null ? call.region() : DEFAULT_REGION));
      if (call.viaService() != null) {
        String service = UserIdentities.serviceHost(call.viaService());
        out.writeFieldName(SOURCE_IP);
        out.writeString(service);
        out.writeFieldName(USER_AGENT);
        out.writeString(service);
      } else {
        out.writeFieldName(SOURCE_IP);
        out.writeString(repeated.sourceIp.json(call.sourceIp()));
        out.writeFieldName(USER_AGENT);
        out.writeString(repeated.userAgent.json(call.userAgent()));
      }
      if (call.errorCode() != null) {
        writeString(out, ERROR_CODE, call.errorCode());
        writeIfPresent(out, ERROR_MESSAGE, call.errorMessage());
      }
      writeRequestParameters(out, rule, call.input());
      writeResponseElements(out, rule, call);
      writeAdditionalEventData(out, rule, call);
      out.writeFieldName(REQUEST_ID);
      out.writeString(call.requestId());
      out.writeFieldName(EVENT_ID);
      writeId(out, eventId);
      out.writeFieldName(READ_ONLY);
      out.writeBoolean(rule != null ? rule.readOnly() : AuditRules.readOnly(call.signingName(), call.operation()));
      writeCachedResources(out, resources(call));
      out.writeFieldName(EVENT_TYPE);
      out.writeString(API_CALL);
      out.writeFieldName(MANAGEMENT_EVENT);
      out.writeBoolean(true);
      writeIfPresent(out, RECIPIENT, repeated.recipient, recipient);
      writeIfPresent(out, SHARED_EVENT_ID, sharedEventId);
      out.writeFieldName(EVENT_CATEGORY);
      out.writeString(MANAGEMENT);
      TlsDetails tls = call.tls();
      if (tls != null) {
        startObject(out, TLS_DETAILS);
        writeIfPresent(out, TLS_VERSION, tls.tlsVersion());
        writeIfPresent(out, CIPHER_SUITE, tls.cipherSuite());
        writeIfPresent(out, HOST_HEADER, tls.clientProvidedHostHeader());
        out.writeEndObject();
      }
      out.writeEndObject();
    });
    return AuditEvent.ofUtf8(eventId, call.receivedAt(), json);
  }

  /**
   * {@code kms.amazonaws.com} for {@code kms}; {@code keywarden} for Keywarden's own routes; {@code
   * null} for a call that named no known service.
   */
  static String eventSource(String signingName) {
    SerializedString source = eventSourceJson(signingName);
    return source == null ? null : source.getValue();
  }

  /** {@link #eventSource}, its quoted UTF-8 form encoded once per service. */
  private static SerializedString eventSourceJson(String signingName) {
    return signingName == null ? null : EVENT_SOURCES.computeIfAbsent(signingName,
        name -> RecordJson.name(ApiCall.KEYWARDEN.equals(name) ? name : name + ".amazonaws.com"));
  }

  /** The accounts, other than the caller's, that own a resource the call touched. */
  private static List<String> otherOwners(ApiCall call, String caller) {
    if (call.principal() == null) {
      return List.of();
    }
    List<String> owners = new ArrayList<>(1);
    for (AuditResource r : resources(call)) {
      if (!r.accountId().equals(caller) && !owners.contains(r.accountId())) {
        owners.add(r.accountId());
      }
    }
    return owners;
  }

  private static List<AuditResource> resources(ApiCall call) {
    AuditFacts facts = call.facts();
    return facts == null ? List.of() : facts.resources();
  }

  private static void writeRequestParameters(JsonGenerator out, OperationRule rule, ObjectNode input)
      throws IOException {
    if (rule == null || input == null
        || (!RecordedMember.anyPresent(rule.request(), input) && rule.requestDefaults().isEmpty())) {
      writeNull(out, REQUEST_PARAMETERS);
      return;
    }
    startObject(out, REQUEST_PARAMETERS);
    for (RecordedMember member : rule.request()) {
      JsonNode value = input.get(member.name());
      if (value != null && !value.isNull()) {
        member.write(out, value);
      } else if (rule.requestDefaults().containsKey(member.name())) {
        out.writeFieldName(member.field());
        out.writeString(rule.requestDefaults().get(member.name()));
      }
    }
    out.writeEndObject();
  }

  private static void writeResponseElements(JsonGenerator out, OperationRule rule, ApiCall call)
      throws IOException {
    if (rule == null || call.errorCode() != null) {
      writeNull(out, RESPONSE_ELEMENTS);
      return;
    }
    switch (rule.response()) {
      case MEMBERS -> {
        ObjectNode output = call.output();
        if (output == null || !RecordedMember.anyPresent(rule.responseMembers(), output)) {
          writeNull(out, RESPONSE_ELEMENTS);
        } else {
          out.writeFieldName(RESPONSE_ELEMENTS);
          RecordedMember.writeMembers(out, rule.responseMembers(), output);
        }
      }
      case KEY_ARN -> {
        String keyArn = null;
        for (AuditResource r : resources(call)) {
          if (r.type().equals(AuditResource.KMS_KEY) && r.arn().contains(":key/")) {
            keyArn = r.arn();
            break;
          }
        }
        if (keyArn == null) {
          writeNull(out, RESPONSE_ELEMENTS);
        } else {
          startObject(out, RESPONSE_ELEMENTS);
          writeString(out, KEY_ID, keyArn);
          out.writeEndObject();
        }
      }
      default -> writeNull(out, RESPONSE_ELEMENTS);
    }
  }

  private static void writeAdditionalEventData(JsonGenerator out, OperationRule rule, ApiCall call)
      throws IOException {
    Map<String, String> facts = call.facts() == null ? Map.of() : call.facts().additionalEventData();
    ObjectNode output = call.output();
    List<String> fromResponse = rule == null || output == null ? List.of() : rule.additionalFromResponse();
    boolean started = false;
    for (Map.Entry<String, String> entry : facts.entrySet()) {
      if (!started) {
        startObject(out, ADDITIONAL_EVENT_DATA);
        started = true;
      }
      out.writeStringField(entry.getKey(), entry.getValue());
    }
    for (String member : fromResponse) {
      JsonNode value = output.get(member);
      String name = RecordedMember.recordName(member);
      if (value == null || !value.isTextual() || facts.containsKey(name)) {
        continue;
      }
      if (!started) {
        startObject(out, ADDITIONAL_EVENT_DATA);
        started = true;
      }
      out.writeStringField(name, value.textValue());
    }
    if (started) {
      out.writeEndObject();
    }
  }

  /** As {@link #writeResources}, reusing the text this thread wrote last for the same resources. */
  private static void writeCachedResources(JsonGenerator out, List<AuditResource> resources) throws IOException {
    if (resources.isEmpty()) {
      writeResources(out, resources);
      return;
    }
    RenderedResources last = LAST_RESOURCES.get();
    if (last == null || !last.resources.equals(resources)) {
      List<AuditResource> copy = new ArrayList<>(resources);
      last = new RenderedResources(copy, RecordJson.rendered(array -> writeResourceArray(array, copy)));
      LAST_RESOURCES.set(last);
    }
    out.writeFieldName(RESOURCES);
    out.writeRawValue(last.json);
  }

  /** Resources and their {@code resources} array as JSON. */
  private record RenderedResources(List<AuditResource> resources, SerializedString json) {}

  private static void writeResources(JsonGenerator out, List<AuditResource> resources) throws IOException {
    out.writeFieldName(RESOURCES);
    writeResourceArray(out, resources);
  }

  private static void writeResourceArray(JsonGenerator out, List<AuditResource> resources) throws IOException {
    out.writeStartArray();
    for (AuditResource r : resources) {
      out.writeStartObject();
      out.writeStringField("accountId", r.accountId());
      out.writeStringField("type", r.type());
      out.writeStringField("ARN", r.arn());
      out.writeEndObject();
    }
    out.writeEndArray();
  }

  private static void writeStringMap(JsonGenerator out, String field, Map<String, String> map)
      throws IOException {
    if (map == null) {
      out.writeNullField(field);
      return;
    }
    out.writeObjectFieldStart(field);
    for (Map.Entry<String, String> entry : new java.util.TreeMap<>(map).entrySet()) {
      out.writeStringField(entry.getKey(), entry.getValue());
    }
    out.writeEndObject();
  }

  private static void writeIfPresent(JsonGenerator out, SerializedString field, String value) throws IOException {
    if (value != null) {
      writeString(out, field, value);
    }
  }

  private static void writeNull(JsonGenerator out, SerializedString field) throws IOException {
    out.writeFieldName(field);
    out.writeNull();
  }

  private static void startObject(JsonGenerator out, SerializedString field) throws IOException {
    out.writeFieldName(field);
    out.writeStartObject();
  }

  private static void writeString(JsonGenerator out, SerializedString field, String value) throws IOException {
    out.writeFieldName(field);
    out.writeString(value);
  }

  private static void writeIfPresent(JsonGenerator out, SerializedString field, RepeatedStrings.Last last,
      String value) throws IOException {
    if (value != null) {
      out.writeFieldName(field);
      out.writeString(last.json(value));
    }
  }

  /** An id made by {@link #newId}: hex digits and hyphens, which need no escaping, copied as they are. */
  private static void writeId(JsonGenerator out, String id) throws IOException {
    byte[] ascii = id.getBytes(StandardCharsets.ISO_8859_1);
    out.writeRawUTF8String(ascii, 0, ascii.length);
  }

  /**
   * A random (version 4) UUID from {@link ThreadLocalRandom}: event ids identify records, they
   * authorise nothing, and the log's integrity rests on its hash chain, not on them.
   */
  static String newId() {
    ThreadLocalRandom random = ThreadLocalRandom.current();
    long high = (random.nextLong() & ~0xF000L) | 0x4000L;
    long low = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
    return new UUID(high, low).toString();
  }
}

package io.keywarden.services.audit;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.keywarden.services.api.AuditFacts;
import io.keywarden.services.api.AuditResource;
import io.keywarden.services.api.ServiceEvent;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The reference for {@link Utf8RecordsTest}: CloudTrail records built as they were before issue 5's
 * UTF-8 generation, as text by Jackson's character generator (no cached pieces), which the log then
 * encoded with {@link String#getBytes} in UTF-8. Copied from {@code CloudTrailEvents} at {@code c833f35};
 * the elements whose writing did not change ({@code userIdentity} views, recorded members) are shared.
 */
final class TextRecords {
  private static final JsonFactory JSON = new JsonFactory();

  private TextRecords() {}

  static String serviceEvent(ServiceEvent event, Instant when, String eventId) {
    StringWriter text = new StringWriter(1024);
    try (JsonGenerator out = JSON.createGenerator(text)) {
      out.writeStartObject();
      out.writeStringField("eventVersion", CloudTrailEvents.EVENT_VERSION);
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
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return text.toString();
  }

  static String apiCallRecord(
      ApiCall call, String recipient, String eventId, String sharedEventId, boolean ownerCopy) {
    OperationRule rule = AuditRules.rule(call.signingName(), call.operation());
    StringWriter text = new StringWriter();
    try (JsonGenerator out = JSON.createGenerator(text)) {
      out.writeStartObject();
      out.writeStringField("eventVersion", CloudTrailEvents.EVENT_VERSION);
      writeUserIdentity(out, call, ownerCopy);
      out.writeStringField("eventTime", CloudTrailTimes.eventTime(call.receivedAt()));
      writeIfPresent(out, "eventSource", CloudTrailEvents.eventSource(call.signingName()));
      writeIfPresent(out, "eventName", call.operation());
      out.writeStringField("awsRegion", call.region() != null ? call.region() : CloudTrailEvents.DEFAULT_REGION);
      if (call.viaService() != null) {
        String service = UserIdentities.serviceHost(call.viaService());
        out.writeStringField("sourceIPAddress", service);
        out.writeStringField("userAgent", service);
      } else {
        out.writeStringField("sourceIPAddress", call.sourceIp());
        out.writeStringField("userAgent", call.userAgent());
      }
      if (call.errorCode() != null) {
        out.writeStringField("errorCode", call.errorCode());
        writeIfPresent(out, "errorMessage", call.errorMessage());
      }
      writeRequestParameters(out, rule, call.input());
      writeResponseElements(out, rule, call);
      writeAdditionalEventData(out, rule, call);
      out.writeStringField("requestID", call.requestId());
      out.writeStringField("eventID", eventId);
      out.writeBooleanField("readOnly", AuditRules.readOnly(call.signingName(), call.operation()));
      writeResources(out, resources(call));
      out.writeStringField("eventType", "AwsApiCall");
      out.writeBooleanField("managementEvent", true);
      writeIfPresent(out, "recipientAccountId", recipient);
      writeIfPresent(out, "sharedEventID", sharedEventId);
      out.writeStringField("eventCategory", "Management");
      TlsDetails tls = call.tls();
      if (tls != null) {
        out.writeObjectFieldStart("tlsDetails");
        writeIfPresent(out, "tlsVersion", tls.tlsVersion());
        writeIfPresent(out, "cipherSuite", tls.cipherSuite());
        writeIfPresent(out, "clientProvidedHostHeader", tls.clientProvidedHostHeader());
        out.writeEndObject();
      }
      out.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return text.toString();
  }

  private static void writeUserIdentity(JsonGenerator out, ApiCall call, boolean ownerCopy) throws IOException {
    if (call.principal() == null) {
      out.writeObjectFieldStart("userIdentity");
      out.writeStringField("type", "Unknown");
      if (call.claimedAccountId() != null) {
        out.writeStringField("accountId", call.claimedAccountId());
      }
      if (call.claimedAccessKeyId() != null) {
        out.writeStringField("accessKeyId", call.claimedAccessKeyId());
      }
      out.writeEndObject();
      return;
    }
    out.writeFieldName("userIdentity");
    if (ownerCopy) {
      UserIdentities.writeOwnerView(out, call.principal(), call.viaService());
    } else {
      UserIdentities.writeCallerView(out, call.principal(), call.viaService());
    }
  }

  private static List<AuditResource> resources(ApiCall call) {
    AuditFacts facts = call.facts();
    return facts == null ? List.of() : facts.resources();
  }

  private static void writeRequestParameters(JsonGenerator out, OperationRule rule, ObjectNode input)
      throws IOException {
    if (rule == null || input == null
        || (!RecordedMember.anyPresent(rule.request(), input) && rule.requestDefaults().isEmpty())) {
      out.writeNullField("requestParameters");
      return;
    }
    out.writeObjectFieldStart("requestParameters");
    for (RecordedMember member : rule.request()) {
      JsonNode value = input.get(member.name());
      if (value != null && !value.isNull()) {
        member.write(out, value);
      } else if (rule.requestDefaults().containsKey(member.name())) {
        out.writeStringField(RecordedMember.recordName(member.name()),
            rule.requestDefaults().get(member.name()));
      }
    }
    out.writeEndObject();
  }

  private static void writeResponseElements(JsonGenerator out, OperationRule rule, ApiCall call)
      throws IOException {
    if (rule == null || call.errorCode() != null) {
      out.writeNullField("responseElements");
      return;
    }
    switch (rule.response()) {
      case MEMBERS -> {
        ObjectNode output = call.output();
        if (output == null || !RecordedMember.anyPresent(rule.responseMembers(), output)) {
          out.writeNullField("responseElements");
        } else {
          out.writeFieldName("responseElements");
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
          out.writeNullField("responseElements");
        } else {
          out.writeObjectFieldStart("responseElements");
          out.writeStringField("keyId", keyArn);
          out.writeEndObject();
        }
      }
      default -> out.writeNullField("responseElements");
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
        out.writeObjectFieldStart("additionalEventData");
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
        out.writeObjectFieldStart("additionalEventData");
        started = true;
      }
      out.writeStringField(name, value.textValue());
    }
    if (started) {
      out.writeEndObject();
    }
  }

  private static void writeResources(JsonGenerator out, List<AuditResource> resources) throws IOException {
    out.writeFieldName("resources");
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

  private static void writeIfPresent(JsonGenerator out, String field, String value) throws IOException {
    if (value != null) {
      out.writeStringField(field, value);
    }
  }

}

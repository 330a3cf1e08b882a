package io.keywarden.services.cloudtrail;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.keywarden.domain.audit.AuditEvent;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * What LookupEvents shows of one CloudTrail record, and what it filters on: the members of
 * CloudTrail's {@code Event} shape, the account the record was delivered to, and its region.
 *
 * @param username as CloudTrail's event history shows it: the IAM user's name, {@code root} for the
 *     root user, the session name of an assumed role; {@code null} otherwise
 * @param readOnly {@code "true"} or {@code "false"}
 * @param recipientAccountId the account the record was delivered to
 */
record EventView(
    String eventId,
    String eventName,
    String readOnly,
    String accessKeyId,
    Instant eventTime,
    String eventSource,
    String username,
    List<Resource> resources,
    String recipientAccountId,
    String region,
    String json) {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** One entry of the record's {@code resources}: its type and its ARN. */
  record Resource(String type, String name) {}

  /**
   * Reads a stored record.
   *
   * @return {@code null} if the record is not a JSON object (never written so; a damaged log)
   */
  static EventView of(AuditEvent event) {
    JsonNode root;
    try {
      root = JSON.readTree(event.json());
    } catch (JsonProcessingException e) {
      return null;
    }
    if (root == null || !root.isObject()) {
      return null;
    }
    JsonNode identity = root.path("userIdentity");
    List<Resource> resources = new ArrayList<>(1);
    for (JsonNode r : root.path("resources")) {
      resources.add(new Resource(text(r, "type"), text(r, "ARN")));
    }
    JsonNode readOnly = root.get("readOnly");
    String recipient = text(root, "recipientAccountId");
    return new EventView(
        event.eventId(),
        text(root, "eventName"),
        readOnly == null || !readOnly.isBoolean() ? null : Boolean.toString(readOnly.booleanValue()),
        text(identity, "accessKeyId"),
        event.eventTime().truncatedTo(ChronoUnit.SECONDS),
        text(root, "eventSource"),
        username(identity),
        List.copyOf(resources),
        recipient != null ? recipient : text(identity, "accountId"),
        text(root, "awsRegion"),
        event.json());
  }

  /** The user name CloudTrail's event history shows for a record's {@code userIdentity}. */
  static String username(JsonNode identity) {
    String type = text(identity, "type");
    if (type == null) {
      return null;
    }
    switch (type) {
      case "IAMUser":
        return text(identity, "userName");
      case "Root":
        return "root";
      case "AssumedRole":
        {
          String arn = text(identity, "arn");
          return arn == null ? null : arn.substring(arn.lastIndexOf('/') + 1);
        }
      default:
        return null;
    }
  }

  private static String text(JsonNode node, String field) {
    JsonNode v = node.get(field);
    return v == null || !v.isTextual() ? null : v.textValue();
  }
}

package io.keywarden.services.cloudtrail;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.keywarden.domain.audit.AuditEvent;
import io.keywarden.domain.audit.AuditLog;
import io.keywarden.services.api.CallContext;
import io.keywarden.services.api.JsonOutput;
import io.keywarden.services.identity.IdentityPolicies;
import io.keywarden.services.kms.access.AccessRequest;
import io.keywarden.services.kms.access.GlobalConditionKeys;
import io.keywarden.services.kms.access.KeyAuthorizer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * CloudTrail {@code LookupEvents}: the caller's account's records of the region called, newest first
 * (in the order they were appended), filtered by time and by one lookup attribute.
 *
 * <p>A caller sees the records delivered to its account ({@code recipientAccountId}): its own calls,
 * and the calls of other accounts that used its keys (their owner's copy); never another account's
 * copy. It needs {@code cloudtrail:LookupEvents}, which IAM policies alone grant (the account root
 * has it; users and roles need an identity policy that allows it), checked with the same engine as
 * KMS's IAM-only operations.
 *
 * <p>Reading: the log is scanned newest first. A record is parsed only if its raw text can match (the
 * caller's account, the attribute's value), so a page costs little more than reading the log down to
 * its last event. A {@code NextToken} continues after the last event returned: the scan skips the
 * records down to it. Records appear in the log within {@link #RESUME_MARGIN} of their event time (a
 * call's record is appended when it ends), so a resumed scan starts no later than that after the last
 * returned event's time, which lets the log skip whole newer segments.
 */
final class LookupEventsOperation {
  /** How long after its event time a record is appended, at most. */
  static final Duration RESUME_MARGIN = Duration.ofHours(1);

  private final AuditLog log;
  private final KeyAuthorizer authorizer;
  private final Clock clock;

  /** @param log the audit log; {@code null} when nothing is recorded (benchmark's audit off) */
  LookupEventsOperation(AuditLog log, IdentityPolicies identities, Clock clock) {
    this.log = log;
    this.authorizer = new KeyAuthorizer(identities);
    this.clock = clock;
  }

  ObjectNode invoke(CallContext ctx, ObjectNode in) {
    LookupQuery query = LookupQuery.of(in, ctx.accountId(), ctx.region(), clock.instant());
    authorize(ctx);
    List<EventView> found = query.insightsOnly() || log == null ? List.of() : scan(ctx, query);
    ObjectNode out = JsonOutput.object();
    ArrayNode events = out.putArray("Events");
    int shown = Math.min(found.size(), query.maxResults());
    for (int i = 0; i < shown; i++) {
      write(events.addObject(), found.get(i));
    }
    if (found.size() > query.maxResults()) {
      EventView last = found.get(shown - 1);
      out.put("NextToken", new PageToken(query.parametersHash(), query.from().getEpochSecond(),
          query.to().getEpochSecond(), last.eventTime().toEpochMilli(), last.eventId()).encode());
    }
    return out;
  }

  private void authorize(CallContext ctx) {
    authorizer.check(
        AccessRequest.identityOnly(ctx, "cloudtrail:LookupEvents", "*",
            k -> k.startsWith("aws:") ? GlobalConditionKeys.values(ctx, k) : null),
        null);
  }

  /** Up to {@code maxResults + 1} matching events (one more tells whether there is a next page). */
  private List<EventView> scan(CallContext ctx, LookupQuery query) {
    String account = ctx.accountId();
    String region = ctx.region();
    String accountHint = LookupAttribute.plain(account) ? "\"recipientAccountId\":\"" + account + "\"" : "";
    String regionHint = LookupAttribute.plain(region) ? "\"awsRegion\":\"" + region + "\"" : "";
    LookupAttribute attribute = query.attribute();
    String attributeHint = attribute == null ? null : attribute.rawHint();
    PageToken resume = query.resume();
    Instant to = query.to();
    if (resume != null) {
      Instant bound = Instant.ofEpochMilli(resume.lastTimeMillis()).plus(RESUME_MARGIN);
      if (bound.isBefore(to)) {
        to = bound;
      }
    }
    int wanted = query.maxResults() + 1;
    List<EventView> found = new ArrayList<>(wanted);
    boolean[] skipping = {resume != null};
    log.scanNewestFirst(query.from(), to, (AuditEvent e) -> {
      if (skipping[0]) {
        skipping[0] = !e.eventId().equals(resume.lastEventId());
        return true;
      }
      String json = e.json();
      if (!json.contains(accountHint) || !json.contains(regionHint)
          || attributeHint != null && !json.contains(attributeHint)) {
        return true;
      }
      EventView v = EventView.of(e);
      if (v == null || !account.equals(v.recipientAccountId()) || !region.equals(v.region())
          || attribute != null && !attribute.matches(v)) {
        return true;
      }
      found.add(v);
      return found.size() < wanted;
    });
    return found;
  }

  private static void write(ObjectNode out, EventView e) {
    out.put("EventId", e.eventId());
    JsonOutput.string(out, "EventName", e.eventName());
    JsonOutput.string(out, "ReadOnly", e.readOnly());
    JsonOutput.string(out, "AccessKeyId", e.accessKeyId());
    JsonOutput.timestamp(out, "EventTime", e.eventTime());
    JsonOutput.string(out, "EventSource", e.eventSource());
    JsonOutput.string(out, "Username", e.username());
    ArrayNode resources = out.putArray("Resources");
    for (EventView.Resource r : e.resources()) {
      ObjectNode entry = resources.addObject();
      JsonOutput.string(entry, "ResourceType", r.type());
      JsonOutput.string(entry, "ResourceName", r.name());
    }
    out.put("CloudTrailEvent", e.json());
  }
}

package io.keywarden.services.audit;

import static io.keywarden.services.audit.OperationRule.of;
import static io.keywarden.services.audit.RecordedMember.structs;
import static io.keywarden.services.audit.RecordedMember.time;
import static io.keywarden.services.audit.RecordedMember.value;

import java.util.List;

/**
 * What the CloudTrail record of a CloudTrail call carries: LookupEvents records its lookup attribute,
 * time range, category and page size (not the opaque NextToken) and no response — the events it
 * returned are in the log already.
 */
final class CloudTrailAuditRules {
  private CloudTrailAuditRules() {}

  static List<OperationRule> rules() {
    return List.of(
        of("LookupEvents", true,
            structs("LookupAttributes", value("AttributeKey"), value("AttributeValue")),
            time("StartTime"), time("EndTime"), value("EventCategory"), value("MaxResults")));
  }
}

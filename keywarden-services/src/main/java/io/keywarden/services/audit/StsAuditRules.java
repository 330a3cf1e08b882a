package io.keywarden.services.audit;

import static io.keywarden.services.audit.OperationRule.of;
import static io.keywarden.services.audit.RecordedMember.strings;
import static io.keywarden.services.audit.RecordedMember.struct;
import static io.keywarden.services.audit.RecordedMember.structs;
import static io.keywarden.services.audit.RecordedMember.time;
import static io.keywarden.services.audit.RecordedMember.value;

import java.util.List;

/**
 * What the CloudTrail record of each STS operation carries, following the IAM User Guide's "Logging
 * IAM and AWS STS API calls with AWS CloudTrail" examples, with one deliberate difference: AWS records
 * the new session token in {@code responseElements.credentials}; Keywarden records only the access key
 * id and expiration, since the token is a credential. Never recorded: secret access keys, session
 * tokens, MFA token codes, external ids.
 */
final class StsAuditRules {
  private StsAuditRules() {}

  private static final RecordedMember CREDENTIALS =
      struct("Credentials", value("AccessKeyId"), time("Expiration"));

  static List<OperationRule> rules() {
    return List.of(
        of("AssumeRole", true, value("RoleArn"), value("RoleSessionName"),
            structs("PolicyArns", value("arn")), value("Policy"), value("DurationSeconds"),
            structs("Tags", value("Key"), value("Value")), strings("TransitiveTagKeys"),
            value("SerialNumber"), value("SourceIdentity"))
            .respondingWith(CREDENTIALS, struct("AssumedRoleUser", value("AssumedRoleId"), value("Arn")),
                value("PackedPolicySize"), value("SourceIdentity")),
        of("GetSessionToken", true, value("DurationSeconds"), value("SerialNumber"))
            .respondingWith(CREDENTIALS),
        of("GetCallerIdentity", true),
        of("GetAccessKeyInfo", true, value("AccessKeyId")));
  }
}

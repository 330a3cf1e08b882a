package io.keywarden.services.api;

import java.util.Objects;

/**
 * A resource that a call touched, as a CloudTrail record's {@code resources} entry names it.
 *
 * @param type e.g. {@code AWS::KMS::Key}, {@code AWS::IAM::Role}
 * @param arn the resource's ARN
 * @param accountId the account that owns it (the event is delivered to this account too when it is not
 *     the caller's)
 */
public record AuditResource(String type, String arn, String accountId) {
  /** CloudTrail's type of KMS keys, and (as AWS records them) of KMS aliases too. */
  public static final String KMS_KEY = "AWS::KMS::Key";

  public static final String IAM_ROLE = "AWS::IAM::Role";

  public AuditResource {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(arn, "arn");
    Objects.requireNonNull(accountId, "accountId");
  }

  /** A KMS key, by key ARN. */
  public static AuditResource kmsKey(String keyArn, String accountId) {
    return new AuditResource(KMS_KEY, keyArn, accountId);
  }

  /** A KMS alias, by alias ARN (AWS records aliases with the key's resource type). */
  public static AuditResource kmsAlias(String aliasArn, String accountId) {
    return new AuditResource(KMS_KEY, aliasArn, accountId);
  }

  /** An IAM role, e.g. the role an {@code AssumeRole} call assumed. */
  public static AuditResource iamRole(String roleArn, String accountId) {
    return new AuditResource(IAM_ROLE, roleArn, accountId);
  }
}

package io.keywarden.services.audit;

import static io.keywarden.services.audit.OperationRule.of;
import static io.keywarden.services.audit.RecordedMember.strings;
import static io.keywarden.services.audit.RecordedMember.struct;
import static io.keywarden.services.audit.RecordedMember.structs;
import static io.keywarden.services.audit.RecordedMember.time;
import static io.keywarden.services.audit.RecordedMember.value;

import java.util.List;

/**
 * What the CloudTrail record of each Secrets Manager operation carries (eventSource {@code
 * secretsmanager.amazonaws.com}), following AWS's "Log AWS Secrets Manager events with AWS
 * CloudTrail": the secret's id, names, descriptions, keys, version ids and labels, tags, list
 * parameters. Never {@code SecretString}, {@code SecretBinary} or a generated password: no rule lists
 * them, and GetSecretValue, BatchGetSecretValue and GetRandomPassword record no response. Rotations
 * are recorded by {@code SecretRotations} as service events ({@code RotationStarted}, {@code
 * RotationSucceeded}, {@code RotationFailed}, {@code RotationAbandoned}).
 */
final class SecretsManagerAuditRules {
  private SecretsManagerAuditRules() {}

  static final RecordedMember SECRET_ID = value("SecretId");
  static final RecordedMember TOKEN = value("ClientRequestToken");
  static final RecordedMember TAGS = structs("Tags", value("Key"), value("Value"));
  static final RecordedMember ADD_REPLICAS =
      structs("AddReplicaRegions", value("Region"), value("KmsKeyId"));
  static final RecordedMember REPLICATION_STATUS = structs("ReplicationStatus", value("Region"),
      value("KmsKeyId"), value("Status"), value("StatusMessage"));

  static List<OperationRule> rules() {
    return List.of(
        of("CreateSecret", false, value("Name"), TOKEN, value("Description"), value("KmsKeyId"), TAGS,
            ADD_REPLICAS, value("ForceOverwriteReplicaSecret"))
            .respondingWith(value("ARN"), value("Name"), value("VersionId"), REPLICATION_STATUS),
        of("GetSecretValue", true, SECRET_ID, value("VersionId"), value("VersionStage")),
        of("PutSecretValue", false, SECRET_ID, TOKEN, strings("VersionStages"))
            .respondingWith(value("ARN"), value("Name"), value("VersionId"), strings("VersionStages")),
        of("UpdateSecret", false, SECRET_ID, TOKEN, value("Description"), value("KmsKeyId"))
            .respondingWith(value("ARN"), value("Name"), value("VersionId")),
        of("BatchGetSecretValue", true, strings("SecretIdList"),
            structs("Filters", value("Key"), strings("Values")), value("MaxResults")),
        of("DescribeSecret", true, SECRET_ID),
        of("ListSecrets", true, value("IncludePlannedDeletion"), value("MaxResults"),
            structs("Filters", value("Key"), strings("Values")), value("SortOrder"), value("SortBy")),
        of("ListSecretVersionIds", true, SECRET_ID, value("MaxResults"), value("IncludeDeprecated")),
        of("UpdateSecretVersionStage", false, SECRET_ID, value("VersionStage"),
            value("RemoveFromVersionId"), value("MoveToVersionId"))
            .respondingWith(value("ARN"), value("Name")),
        of("DeleteSecret", false, SECRET_ID, value("RecoveryWindowInDays"),
            value("ForceDeleteWithoutRecovery"))
            .respondingWith(value("ARN"), value("Name"), time("DeletionDate")),
        of("RestoreSecret", false, SECRET_ID).respondingWith(value("ARN"), value("Name")),
        of("GetResourcePolicy", true, SECRET_ID),
        of("PutResourcePolicy", false, SECRET_ID, value("ResourcePolicy"), value("BlockPublicPolicy"))
            .respondingWith(value("ARN"), value("Name")),
        of("DeleteResourcePolicy", false, SECRET_ID).respondingWith(value("ARN"), value("Name")),
        of("ValidateResourcePolicy", true, SECRET_ID, value("ResourcePolicy")),
        of("ReplicateSecretToRegions", false, SECRET_ID, ADD_REPLICAS,
            value("ForceOverwriteReplicaSecret"))
            .respondingWith(value("ARN"), REPLICATION_STATUS),
        of("RemoveRegionsFromReplication", false, SECRET_ID, strings("RemoveReplicaRegions"))
            .respondingWith(value("ARN"), REPLICATION_STATUS),
        of("StopReplicationToReplica", false, SECRET_ID).respondingWith(value("ARN")),
        of("TagResource", false, SECRET_ID, TAGS),
        of("UntagResource", false, SECRET_ID, strings("TagKeys")),
        of("RotateSecret", false, SECRET_ID, TOKEN, value("RotationLambdaARN"),
            struct("RotationRules", value("AutomaticallyAfterDays"), value("ScheduleExpression"),
                value("Duration")), value("RotateImmediately"))
            .respondingWith(value("ARN"), value("Name"), value("VersionId")),
        of("CancelRotateSecret", false, SECRET_ID)
            .respondingWith(value("ARN"), value("Name"), value("VersionId")),
        of("GetRandomPassword", true, value("PasswordLength"), value("ExcludeNumbers"),
            value("ExcludePunctuation"), value("ExcludeUppercase"), value("ExcludeLowercase"),
            value("IncludeSpace"), value("RequireEachIncludedType")));
  }
}

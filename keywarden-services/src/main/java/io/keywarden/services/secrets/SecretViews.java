package io.keywarden.services.secrets;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.keywarden.domain.key.Tag;
import io.keywarden.domain.secret.SecretRecord;
import io.keywarden.domain.secret.SecretReplication;
import io.keywarden.domain.secret.SecretRotation;
import io.keywarden.domain.secret.SecretVersion;
import io.keywarden.services.api.JsonOutput;

/** The response shapes of secrets: DescribeSecret's, ListSecrets' entries, version entries. */
final class SecretViews {
  private SecretViews() {}

  /** DescribeSecret's response, or a ListSecrets entry ({@code SecretVersionsToStages}). */
  static ObjectNode describe(ObjectNode out, SecretRecord s, String stagesMember) {
    out.put("ARN", s.arn());
    out.put("Name", s.name());
    JsonOutput.string(out, "Description", s.description());
    JsonOutput.string(out, "KmsKeyId", s.kmsKeyId());
    JsonOutput.timestamp(out, "LastChangedDate", s.lastChangedDate());
    JsonOutput.timestamp(out, "LastAccessedDate", s.lastAccessedDate());
    JsonOutput.timestamp(out, "DeletedDate", s.deletedDate());
    if (!s.tags().isEmpty()) {
      ArrayNode tags = out.putArray("Tags");
      for (Tag t : s.tags()) {
        tags.addObject().put("Key", t.key()).put("Value", t.value());
      }
    }
    rotation(out, s.rotation());
    ObjectNode stages = null;
    for (SecretVersion v : s.versions()) {
      if (!v.stages().isEmpty()) {
        if (stages == null) {
          stages = out.putObject(stagesMember);
        }
        ArrayNode labels = stages.putArray(v.versionId());
        v.stages().forEach(labels::add);
      }
    }
    JsonOutput.timestamp(out, "CreatedDate", s.createdDate());
    if (s.replication() != null) {
      out.put("PrimaryRegion", s.replication().primaryRegion());
    }
    return out;
  }

  /** DescribeSecret's response: {@link #describe} and, on a primary, {@code ReplicationStatus}. */
  static ObjectNode describeSecret(SecretRecord s) {
    ObjectNode out = describe(JsonOutput.object(), s, "VersionIdsToStages");
    if (Replicas.hasReplicas(s)) {
      replicationStatus(out, s);
    }
    return out;
  }

  /**
   * {@code ReplicationStatus}: each replica's region, KMS key ({@code alias/aws/secretsmanager} for the
   * AWS managed key, as AWS shows it), status, message and last access day.
   */
  static ObjectNode replicationStatus(ObjectNode out, SecretRecord s) {
    ArrayNode list = out.putArray("ReplicationStatus");
    for (SecretReplication.Replica r : Replicas.of(s)) {
      ObjectNode o = list.addObject();
      o.put("Region", r.region());
      o.put("KmsKeyId", r.kmsKeyId() == null ? SecretEnvelope.DEFAULT_KEY : r.kmsKeyId());
      o.put("Status", r.status());
      JsonOutput.string(o, "StatusMessage", r.statusMessage());
      JsonOutput.timestamp(o, "LastAccessedDate", r.lastAccessedDate());
    }
    return out;
  }

  /**
   * The rotation members: {@code RotationEnabled}, {@code RotationLambdaARN}, {@code RotationRules}
   * (kept after CancelRotateSecret, as AWS shows the previous schedule), and while rotation is on
   * {@code LastRotatedDate} and {@code NextRotationDate}. Keywarden adds {@code
   * KeywardenRotationFailure} ({@code Step}, {@code Message}, {@code Date}, {@code FailedAttempts})
   * while the last rotation attempt has failed: AWS has no member for it, and AWS's SDKs and CLI ignore
   * a member they do not know.
   */
  private static void rotation(ObjectNode out, SecretRotation r) {
    if (r == null) {
      return;
    }
    out.put("RotationEnabled", r.enabled());
    JsonOutput.string(out, "RotationLambdaARN", r.lambdaArn());
    if (r.automaticallyAfterDays() != null || r.scheduleExpression() != null || r.duration() != null) {
      ObjectNode rules = out.putObject("RotationRules");
      if (r.automaticallyAfterDays() != null) {
        rules.put("AutomaticallyAfterDays", r.automaticallyAfterDays());
      }
      JsonOutput.string(rules, "Duration", r.duration());
      JsonOutput.string(rules, "ScheduleExpression", r.scheduleExpression());
    }
    if (r.enabled()) {
      JsonOutput.timestamp(out, "LastRotatedDate", r.lastRotatedDate());
      JsonOutput.timestamp(out, "NextRotationDate", r.nextRotationDate());
    }
    if (r.lastFailure() != null) {
      ObjectNode f = out.putObject("KeywardenRotationFailure");
      f.put("Step", r.lastFailure().step());
      f.put("Message", r.lastFailure().message());
      JsonOutput.timestamp(f, "Date", r.lastFailure().date());
      f.put("FailedAttempts", r.failedAttempts());
    }
  }

  /** A ListSecretVersionIds entry. */
  static ObjectNode version(ObjectNode out, SecretRecord s, SecretVersion v) {
    out.put("VersionId", v.versionId());
    if (!v.stages().isEmpty()) {
      ArrayNode labels = out.putArray("VersionStages");
      v.stages().forEach(labels::add);
    }
    JsonOutput.timestamp(out, "LastAccessedDate", v.lastAccessedDate());
    JsonOutput.timestamp(out, "CreatedDate", v.createdDate());
    out.putArray("KmsKeyIds").add(s.kmsKeyId() == null ? "DefaultEncryptionKey" : s.kmsKeyId());
    return out;
  }

  /** {@code {"ARN": ..., "Name": ...}}, what many operations answer. */
  static ObjectNode arnAndName(SecretRecord s) {
    ObjectNode out = JsonOutput.object();
    out.put("ARN", s.arn());
    out.put("Name", s.name());
    return out;
  }
}

package io.keywarden.services.secrets;

import static io.keywarden.services.api.JsonInput.integer;
import static io.keywarden.services.api.JsonInput.isTrue;
import static io.keywarden.services.api.JsonInput.string;
import static io.keywarden.services.api.JsonInput.stringList;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.keywarden.domain.key.Tag;
import io.keywarden.domain.secret.SecretRecord;
import io.keywarden.domain.secret.SecretVersion;
import io.keywarden.services.api.CallContext;
import io.keywarden.services.api.JsonOutput;
import io.keywarden.services.api.OperationTable;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The operations on a secret's metadata, labels and life: DescribeSecret, ListSecretVersionIds,
 * UpdateSecretVersionStage, DeleteSecret, RestoreSecret, TagResource, UntagResource.
 */
final class SecretMetadataOperations {
  static final int DEFAULT_RECOVERY_DAYS = 30;

  private final SecretBook book;
  private final SecretValueOperations values;
  private final SecretPurge purge;

  SecretMetadataOperations(SecretBook book, SecretValueOperations values, SecretPurge purge) {
    this.book = book;
    this.values = values;
    this.purge = purge;
  }

  void register(OperationTable table) {
    table
        .blocking("DescribeSecret", this::describe)
        .blocking("ListSecretVersionIds", this::listVersionIds)
        .blocking("UpdateSecretVersionStage", this::updateVersionStage)
        .blocking("DeleteSecret", this::delete)
        .blocking("RestoreSecret", this::restore)
        .blocking("TagResource", this::tag)
        .blocking("UntagResource", this::untag);
  }

  ObjectNode describe(CallContext ctx, ObjectNode in) {
    SecretRecord s = values.locate(ctx, string(in, "SecretId"), "DescribeSecret", SecretAccess.keys(), true);
    return SecretViews.describeSecret(s);
  }

  ObjectNode listVersionIds(CallContext ctx, ObjectNode in) {
    SecretRecord s =
        values.locate(ctx, string(in, "SecretId"), "ListSecretVersionIds", SecretAccess.keys(), true);
    boolean deprecated = isTrue(in, "IncludeDeprecated");
    List<SecretVersion> shown = new ArrayList<>();
    for (SecretVersion v : s.versions()) {
      if (deprecated || !v.stages().isEmpty()) {
        shown.add(v);
      }
    }
    int from = SecretInputs.offset(string(in, "NextToken"));
    Integer max = integer(in, "MaxResults");
    int to = Math.min(shown.size(), from + (max == null ? 100 : max));
    ObjectNode out = JsonOutput.object();
    ArrayNode versions = out.putArray("Versions");
    for (int i = Math.min(from, shown.size()); i < to; i++) {
      SecretViews.version(versions.addObject(), s, shown.get(i));
    }
    if (to < shown.size()) {
      out.put("NextToken", SecretInputs.pageToken(to));
    }
    out.put("ARN", s.arn());
    out.put("Name", s.name());
    return out;
  }

  ObjectNode updateVersionStage(CallContext ctx, ObjectNode in) {
    String stage = string(in, "VersionStage");
    String removeFrom = string(in, "RemoveFromVersionId");
    String moveTo = string(in, "MoveToVersionId");
    var keys = SecretAccess.keys();
    keys.put("secretsmanager:versionstage", List.of(stage));
    return book.retrying(() -> {
      SecretRecord s = values.locate(ctx, string(in, "SecretId"), "UpdateSecretVersionStage", keys, false);
      SecretVersion holder = StagingLabels.holder(s.versions(), stage);
      if (removeFrom != null && (holder == null || !holder.versionId().equals(removeFrom))) {
        throw SecretsErrors.stageNotOnVersion();
      }
      List<SecretVersion> versions = s.versions();
      if (moveTo != null) {
        if (s.version(moveTo).isEmpty()) {
          throw SecretsErrors.invalidParameter(
              "Secrets Manager can't find the specified secret version: " + moveTo);
        }
        if (holder != null && removeFrom == null && !holder.versionId().equals(moveTo)) {
          throw SecretsErrors.invalidParameter("The parameter RemoveFromVersionId can't be empty."
              + " Staging label " + stage + " is currently attached to version "
              + holder.versionId() + ", so you must explicitly reference that version in"
              + " RemoveFromVersionId.");
        }
        versions = StagingLabels.move(versions, stage, moveTo);
      } else if (removeFrom != null) {
        if (stage.equals(StagingLabels.CURRENT)) {
          throw SecretsErrors.invalidParameter(
              "You can only move staging label AWSCURRENT to a different secret version. It can't be"
                  + " completely removed.");
        }
        versions = StagingLabels.detach(versions, removeFrom, stage);
      }
      Instant now = book.now();
      versions = StagingLabels.prune(versions, now);
      book.save(ctx, s.next().versions(versions).lastChangedDate(now).build());
      return SecretViews.arnAndName(s);
    });
  }

  ObjectNode delete(CallContext ctx, ObjectNode in) {
    String secretId = string(in, "SecretId");
    Integer days = integer(in, "RecoveryWindowInDays");
    boolean force = isTrue(in, "ForceDeleteWithoutRecovery");
    if (force && days != null) {
      throw SecretsErrors.invalidParameter(
          "You can't use ForceDeleteWithoutRecovery in conjunction with RecoveryWindowInDays.");
    }
    if (days != null && (days < 7 || days > 30)) {
      throw SecretsErrors.invalidParameter(
          "The RecoveryWindowInDays value must be between 7 and 30 days (inclusive).");
    }
    return book.retrying(() -> {
      Instant now = book.now();
      SecretRecord s;
      try {
        s = values.locate(ctx, secretId, "DeleteSecret", SecretAccess.keys(), true);
      } catch (io.keywarden.services.api.ApiException e) {
        if (force && e.code().equals("ResourceNotFoundException")) {
          // AWS: forcing the deletion of a missing secret is not an error.
          ObjectNode out = JsonOutput.object();
          if (SecretArns.parse(secretId) != null) {
            out.put("ARN", secretId);
          }
          out.put("Name", secretId);
          JsonOutput.timestamp(out, "DeletionDate", now);
          return out;
        }
        throw e;
      }
      if (Replicas.hasReplicas(s)) {
        // AWS: "You can't delete a primary secret that is replicated to other Regions" (DeleteSecret).
        throw SecretsErrors.invalidParameter("You can't delete secret " + s.arn()
            + " that still has replica regions ["
            + String.join(", ", Replicas.of(s).stream().map(r -> r.region()).toList()) + "].");
      }
      Instant deletion;
      if (force) {
        purge.purge(s);
        deletion = now;
      } else {
        if (s.deletedDate() != null) {
          throw SecretsErrors.markedForDeletion();
        }
        deletion = now.plus(Duration.ofDays(days == null ? DEFAULT_RECOVERY_DAYS : days));
        SecretRecord marked = s.next().deletedDate(deletion).lastChangedDate(now).build();
        book.save(ctx, marked);
        purge.scheduled(marked);
      }
      ObjectNode out = SecretViews.arnAndName(s);
      JsonOutput.timestamp(out, "DeletionDate", deletion);
      return out;
    });
  }

  ObjectNode restore(CallContext ctx, ObjectNode in) {
    return book.retrying(() -> {
      SecretRecord s = values.locate(ctx, string(in, "SecretId"), "RestoreSecret", SecretAccess.keys(), true);
      if (s.deletedDate() != null) {
        SecretRecord restored = s.next().deletedDate(null).lastChangedDate(book.now()).build();
        book.save(ctx, restored);
        purge.cancelled(restored);
      }
      return SecretViews.arnAndName(s);
    });
  }

  ObjectNode tag(CallContext ctx, ObjectNode in) {
    List<Tag> added = SecretInputs.tags(in);
    var keys = SecretAccess.keys();
    SecretAccess.requestTags(keys, added);
    return book.retrying(() -> {
      SecretRecord s = values.locate(ctx, string(in, "SecretId"), "TagResource", keys, false);
      book.save(ctx,
          s.next().tags(SecretInputs.merge(s.tags(), added)).lastChangedDate(book.now()).build());
      return JsonOutput.object();
    });
  }

  ObjectNode untag(CallContext ctx, ObjectNode in) {
    List<String> removed = stringList(in, "TagKeys");
    var keys = SecretAccess.keys();
    if (!removed.isEmpty()) {
      keys.put("aws:tagkeys", removed);
    }
    return book.retrying(() -> {
      SecretRecord s = values.locate(ctx, string(in, "SecretId"), "UntagResource", keys, false);
      List<Tag> tags = new ArrayList<>(s.tags());
      tags.removeIf(t -> removed.contains(t.key()));
      book.save(ctx, s.next().tags(tags).lastChangedDate(book.now()).build());
      return JsonOutput.object();
    });
  }
}

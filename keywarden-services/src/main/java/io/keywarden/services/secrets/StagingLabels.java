package io.keywarden.services.secrets;

import io.keywarden.domain.secret.SecretVersion;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * How Secrets Manager moves staging labels between versions. A label is on one version at most;
 * moving {@code AWSCURRENT} away from a version gives that version {@code AWSPREVIOUS} (taken from
 * whichever version had it). A version left without labels is deprecated, and deprecated versions are
 * pruned beyond {@value #MAX_VERSIONS} versions, oldest first, once they are a day old.
 */
final class StagingLabels {
  static final String CURRENT = "AWSCURRENT";
  static final String PREVIOUS = "AWSPREVIOUS";
  static final String PENDING = "AWSPENDING";
  static final int MAX_VERSIONS = 100;
  private static final Duration PRUNE_AGE = Duration.ofDays(1);

  private StagingLabels() {}

  /** The version holding {@code stage}, or {@code null}. */
  static SecretVersion holder(List<SecretVersion> versions, String stage) {
    for (SecretVersion v : versions) {
      if (v.hasStage(stage)) {
        return v;
      }
    }
    return null;
  }

  /**
   * Attaches {@code stages} to version {@code targetId} (which must be in {@code versions}), removing
   * them from the others.
   */
  static List<SecretVersion> attach(List<SecretVersion> versions, String targetId, List<String> stages) {
    List<SecretVersion> out = new ArrayList<>(versions);
    for (String stage : stages) {
      out = move(out, stage, targetId);
    }
    return out;
  }

  /** Removes {@code stage} from version {@code fromId}. */
  static List<SecretVersion> detach(List<SecretVersion> versions, String fromId, String stage) {
    List<SecretVersion> out = new ArrayList<>(versions.size());
    for (SecretVersion v : versions) {
      out.add(v.versionId().equals(fromId) ? without(v, stage) : v);
    }
    return out;
  }

  /** Moves {@code stage} to {@code targetId}, with AWSCURRENT's AWSPREVIOUS rule. */
  static List<SecretVersion> move(List<SecretVersion> versions, String stage, String targetId) {
    SecretVersion holder = holder(versions, stage);
    if (holder != null && holder.versionId().equals(targetId)) {
      return versions;
    }
    List<SecretVersion> out = new ArrayList<>(versions.size());
    for (SecretVersion v : versions) {
      SecretVersion w = without(v, stage);
      if (w.versionId().equals(targetId)) {
        List<String> labels = new ArrayList<>(w.stages());
        labels.add(stage);
        w = w.withStages(labels);
      }
      out.add(w);
    }
    if (stage.equals(CURRENT) && holder != null) {
      out = move(out, PREVIOUS, holder.versionId());
    }
    return out;
  }

  /** Drops the oldest deprecated versions, at least a day old, while there are too many. */
  static List<SecretVersion> prune(List<SecretVersion> versions, Instant now) {
    List<SecretVersion> out = new ArrayList<>(versions);
    for (int i = 0; i < out.size() && out.size() > MAX_VERSIONS; ) {
      SecretVersion v = out.get(i);
      if (v.stages().isEmpty() && !v.createdDate().plus(PRUNE_AGE).isAfter(now)) {
        out.remove(i);
      } else {
        i++;
      }
    }
    return out;
  }

  private static SecretVersion without(SecretVersion v, String stage) {
    if (!v.hasStage(stage)) {
      return v;
    }
    List<String> labels = new ArrayList<>(v.stages());
    labels.remove(stage);
    return v.withStages(labels);
  }
}

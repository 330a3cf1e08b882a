package io.keywarden.services.secrets;

import static io.keywarden.services.api.JsonInput.has;
import static io.keywarden.services.api.JsonInput.isTrue;
import static io.keywarden.services.api.JsonInput.string;
import static io.keywarden.services.api.JsonInput.stringList;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.keywarden.domain.key.Tag;
import io.keywarden.domain.secret.EncryptedSecretValue;
import io.keywarden.domain.secret.SecretRecord;
import io.keywarden.domain.secret.SecretReplication;
import io.keywarden.domain.secret.SecretReplication.Replica;
import io.keywarden.domain.secret.SecretVersion;
import io.keywarden.domain.storage.DuplicateRecordException;
import io.keywarden.domain.storage.StaleRecordException;
import io.keywarden.services.api.CallContext;
import io.keywarden.services.api.JsonOutput;
import io.keywarden.services.api.OperationTable;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The operations that create secrets and read or write their values: CreateSecret, PutSecretValue,
 * UpdateSecret, GetSecretValue. Every new version is sealed by {@link SecretEnvelope}; a {@code
 * ClientRequestToken} that names an existing version is idempotent when the value is the same (compared
 * in constant time) and {@code ResourceExistsException} otherwise.
 */
final class SecretValueOperations {
  /**
   * The operations a replica answers; any other on a replica is refused as AWS refuses it (a replica
   * is read-only, changed only through its primary).
   */
  private static final Set<String> ON_REPLICAS = Set.of("GetSecretValue", "DescribeSecret",
      "ListSecretVersionIds", "GetResourcePolicy", "ValidateResourcePolicy",
      "StopReplicationToReplica");

  private final SecretBook book;
  private final SecretAccess access;
  private final SecretEnvelope envelope;
  private final ReplicaSync replicas;

  SecretValueOperations(SecretBook book, SecretAccess access, SecretEnvelope envelope,
      ReplicaSync replicas) {
    this.book = book;
    this.access = access;
    this.envelope = envelope;
    this.replicas = replicas;
  }

  void register(OperationTable table) {
    table
        .blocking("CreateSecret", this::create)
        .blocking("PutSecretValue", this::put)
        .blocking("UpdateSecret", this::update)
        // Served on the I/O thread when the secret and its data key are cached (ADR 14).
        .inlineWhenCached("GetSecretValue", this::get);
  }

  /** Finds the secret and authorises {@code action} on it (AccessDenied before NotFound). */
  SecretRecord locate(CallContext ctx, String secretId, String action, Map<String, List<String>> keys,
      boolean allowDeleted) {
    SecretRecord s = book.find(ctx, secretId).orElse(null);
    if (s == null) {
      SecretArns.Parts arn = SecretArns.parse(secretId);
      String resource = arn != null ? secretId
          : SecretArns.prefix(ctx.accountId(), ctx.region()) + secretId;
      access.check(ctx, action, resource, keys);
      throw SecretsErrors.notFound();
    }
    access.check(ctx, action, s, secretId, keys);
    if (Replicas.isReplica(s) && !ON_REPLICAS.contains(action)) {
      throw SecretsErrors.replicaReadOnly();
    }
    if (!allowDeleted && s.deletedDate() != null) {
      throw SecretsErrors.markedForDeletion();
    }
    return s;
  }

  ObjectNode create(CallContext ctx, ObjectNode in) {
    String name = string(in, "Name");
    if (!SecretArns.isValidName(name)) {
      throw SecretsErrors.invalidName();
    }
    List<Replica> replicaRegions = ReplicationOperations.requested(in, ctx.region());
    boolean force = isTrue(in, "ForceOverwriteReplicaSecret");
    List<Tag> tags = SecretInputs.tags(in);
    String kmsKeyId = string(in, "KmsKeyId");
    String description = string(in, "Description");
    String token = SecretInputs.token(in);
    String arn = SecretArns.newArn(ctx.accountId(), ctx.region(), name);
    var keys = SecretAccess.keys();
    keys.put("secretsmanager:name", List.of(name));
    if (kmsKeyId != null) {
      keys.put("secretsmanager:kmskeyid", List.of(kmsKeyId));
    }
    if (description != null) {
      keys.put("secretsmanager:description", List.of(description));
    }
    SecretAccess.requestTags(keys, tags);
    ReplicationOperations.conditionKeys(keys, replicaRegions, force);
    access.check(ctx, "CreateSecret", arn, keys);
    if (!tags.isEmpty()) {
      access.check(ctx, "TagResource", arn, keys);
    }
    SecretInputs.Value value = SecretInputs.value(in);
    try {
      ObjectNode out = create(ctx, name, arn, description, kmsKeyId, tags, token, value, replicaRegions);
      if (!replicaRegions.isEmpty()) {
        SecretRecord after = replicas.sync(ctx, out.get("ARN").asText(),
            ReplicationOperations.overwritable(replicaRegions, force));
        if (after != null) {
          SecretViews.replicationStatus(out, after);
        }
      }
      return out;
    } finally {
      if (value != null) {
        Arrays.fill(value.bytes(), (byte) 0);
      }
    }
  }

  private ObjectNode create(CallContext ctx, String name, String arn, String description,
      String kmsKeyId, List<Tag> tags, String token, SecretInputs.Value value,
      List<Replica> replicaRegions) {
    SecretRecord existing = book.find(ctx, name).orElse(null);
    if (existing != null) {
      if (existing.deletedDate() != null) {
        throw SecretsErrors.nameScheduledForDeletion();
      }
      if (value != null && sameValue(ctx, existing, token, value)) {
        // AWS: a retried request (same token, same value) is ignored and answered as the first was.
        ObjectNode out = SecretViews.arnAndName(existing);
        out.put("VersionId", token);
        return out;
      }
      throw SecretsErrors.exists(name);
    }
    Instant now = book.now();
    List<SecretVersion> versions = new ArrayList<>();
    if (value != null) {
      versions.add(new SecretVersion(token, List.of(StagingLabels.CURRENT), now, null,
          envelope.seal(ctx, kmsKeyId, arn, token, value.bytes(), value.binary())));
    }
    SecretRecord secret = new SecretRecord(arn, ctx.accountId(), ctx.region(), name, description,
        kmsKeyId, tags, now, now, null, null, null, versions, null,
        replicaRegions.isEmpty() ? null : new SecretReplication(ctx.region(), replicaRegions), 1);
    try {
      book.store().put(secret);
    } catch (DuplicateRecordException e) {
      throw SecretsErrors.exists(name);
    }
    ObjectNode out = SecretViews.arnAndName(secret);
    if (value != null) {
      out.put("VersionId", token);
    }
    return out;
  }

  ObjectNode put(CallContext ctx, ObjectNode in) {
    SecretInputs.Value value = SecretInputs.value(in);
    if (value == null) {
      throw SecretsErrors.invalidRequest("You must provide either SecretString or SecretBinary.");
    }
    List<String> stages = has(in, "VersionStages") ? stringList(in, "VersionStages") : null;
    String token = SecretInputs.token(in);
    var keys = SecretAccess.keys();
    if (stages != null && !stages.isEmpty()) {
      keys.put("secretsmanager:versionstage", stages);
    }
    try {
      return book.retrying(() -> {
        SecretRecord s = locate(ctx, string(in, "SecretId"), "PutSecretValue", keys, false);
        SecretRecord written = newVersion(ctx, s, token, value, stages, s.kmsKeyId());
        if (written != s) {
          book.save(ctx, written);
        }
        ObjectNode out = SecretViews.arnAndName(s);
        out.put("VersionId", token);
        ArrayNode labels = out.putArray("VersionStages");
        written.version(token).orElseThrow().stages().forEach(labels::add);
        return out;
      });
    } finally {
      Arrays.fill(value.bytes(), (byte) 0);
    }
  }

  ObjectNode update(CallContext ctx, ObjectNode in) {
    SecretInputs.Value value = SecretInputs.value(in);
    String token = SecretInputs.token(in);
    String description = string(in, "Description");
    String kmsKeyId = string(in, "KmsKeyId");
    var keys = SecretAccess.keys();
    if (description != null) {
      keys.put("secretsmanager:description", List.of(description));
    }
    if (kmsKeyId != null) {
      keys.put("secretsmanager:kmskeyid", List.of(kmsKeyId));
    }
    try {
      return book.retrying(() -> {
        SecretRecord s = locate(ctx, string(in, "SecretId"), "UpdateSecret", keys, false);
        String newKey = kmsKeyId != null ? kmsKeyId : s.kmsKeyId();
        boolean keyChanged = kmsKeyId != null && !kmsKeyId.equals(s.kmsKeyId());
        List<SecretVersion> versions = s.versions();
        boolean newValue = false;
        if (value != null) {
          SecretRecord written = newVersion(ctx, s, token, value, null, newKey);
          newValue = written != s;
          versions = written.versions();
        } else if (keyChanged) {
          versions = reEncrypted(ctx, s, kmsKeyId);
        }
        if (description != null || keyChanged || newValue) {
          SecretRecord.Builder b = s.next().versions(versions).lastChangedDate(book.now());
          if (description != null) {
            b.description(description);
          }
          if (keyChanged) {
            b.kmsKeyId(kmsKeyId);
          }
          book.save(ctx, b.build());
        }
        ObjectNode out = SecretViews.arnAndName(s);
        if (value != null) {
          out.put("VersionId", token);
        }
        return out;
      });
    } finally {
      if (value != null) {
        Arrays.fill(value.bytes(), (byte) 0);
      }
    }
  }

  ObjectNode get(CallContext ctx, ObjectNode in) {
    String versionId = string(in, "VersionId");
    String stage = string(in, "VersionStage");
    var keys = SecretAccess.keys();
    if (versionId != null) {
      keys.put("secretsmanager:versionid", List.of(versionId));
    }
    keys.put("secretsmanager:versionstage", List.of(stage == null ? StagingLabels.CURRENT : stage));
    SecretRecord s = locate(ctx, string(in, "SecretId"), "GetSecretValue", keys, false);
    SecretVersion v;
    if (versionId != null) {
      v = s.version(versionId).orElseThrow(() -> SecretsErrors.noValueForVersion(versionId));
      if (stage != null && !v.hasStage(stage)) {
        throw SecretsErrors.stageNotOnVersion();
      }
      if (!v.hasValue()) {
        throw SecretsErrors.noValueForVersion(versionId);
      }
    } else {
      String wanted = stage == null ? StagingLabels.CURRENT : stage;
      v = s.versionAt(wanted).filter(SecretVersion::hasValue)
          .orElseThrow(() -> SecretsErrors.noValueForStage(wanted));
    }
    byte[] plaintext = envelope.open(ctx, s.arn(), v.versionId(), v.value());
    try {
      ObjectNode out = SecretViews.arnAndName(s);
      out.put("VersionId", v.versionId());
      if (v.value().binary()) {
        JsonOutput.blob(out, "SecretBinary", plaintext);
      } else {
        out.put("SecretString", new String(plaintext, StandardCharsets.UTF_8));
      }
      ArrayNode labels = out.putArray("VersionStages");
      v.stages().forEach(labels::add);
      JsonOutput.timestamp(out, "CreatedDate", v.createdDate());
      noteAccess(s, v);
      return out;
    } finally {
      Arrays.fill(plaintext, (byte) 0);
    }
  }

  /** Keeps LastAccessedDate, a day, on the secret and the version: one write a day at most. */
  private void noteAccess(SecretRecord s, SecretVersion v) {
    Instant today = book.now().truncatedTo(ChronoUnit.DAYS);
    if (today.equals(s.lastAccessedDate()) && today.equals(v.lastAccessedDate())) {
      return;
    }
    List<SecretVersion> versions = new ArrayList<>(s.versions());
    versions.replaceAll(x -> x.versionId().equals(v.versionId()) ? x.withLastAccessedDate(today) : x);
    try {
      SecretRecord seen = s.next().lastAccessedDate(today).versions(versions).build();
      book.store().put(seen);
      if (Replicas.isReplica(seen)) {
        replicas.accessed(seen, today);
      }
    } catch (StaleRecordException e) {
      // Another call changed the secret meanwhile; the next read notes the access.
    }
  }

  /**
   * {@code s} with a new version {@code token} holding {@code value}, labelled {@code stages} (AWSCURRENT
   * when {@code null}; AWSCURRENT too when it is the first version with a value); {@code s} itself
   * when the version exists with the same value. A rotation's empty version {@code token} (labelled
   * AWSPENDING by RotateSecret) takes the value and keeps its labels.
   */
  private SecretRecord newVersion(CallContext ctx, SecretRecord s, String token, SecretInputs.Value value,
      List<String> stages, String kmsKeyId) {
    SecretVersion empty = s.version(token).filter(v -> !v.hasValue()).orElse(null);
    if (empty == null && s.version(token).isPresent()) {
      if (sameValue(ctx, s, token, value)) {
        return s;
      }
      throw SecretsErrors.versionExists();
    }
    List<String> labels = new ArrayList<>(stages == null ? List.of(StagingLabels.CURRENT) : stages);
    if (s.versionAt(StagingLabels.CURRENT).isEmpty() && !labels.contains(StagingLabels.CURRENT)) {
      labels.add(StagingLabels.CURRENT);
    }
    Instant now = book.now();
    EncryptedSecretValue sealed =
        envelope.seal(ctx, kmsKeyId, s.arn(), token, value.bytes(), value.binary());
    List<SecretVersion> versions = new ArrayList<>(s.versions());
    if (empty != null) {
      versions.replaceAll(v -> v == empty
          ? new SecretVersion(token, empty.stages(), empty.createdDate(), null, sealed) : v);
    } else {
      versions.add(new SecretVersion(token, List.of(), now, null, sealed));
    }
    versions = StagingLabels.prune(StagingLabels.attach(versions, token, labels), now);
    return s.next().versions(versions).lastChangedDate(now).build();
  }

  /** Whether version {@code token} of {@code s} exists and holds {@code value} (constant time). */
  private boolean sameValue(CallContext ctx, SecretRecord s, String token, SecretInputs.Value value) {
    SecretVersion existing = s.version(token).orElse(null);
    if (existing == null || !existing.hasValue()) {
      return false;
    }
    byte[] stored = envelope.open(ctx, s.arn(), token, existing.value());
    try {
      return existing.value().binary() == value.binary() && MessageDigest.isEqual(stored, value.bytes());
    } finally {
      Arrays.fill(stored, (byte) 0);
    }
  }

  /**
   * A new version {@code token} (without labels) holding the value of {@code from}, sealed again for
   * its own id: the AWSPENDING version RotateSecret tests with when it does not rotate at once.
   */
  SecretVersion copyOf(CallContext ctx, SecretRecord s, SecretVersion from, String token) {
    byte[] plaintext = envelope.open(ctx, s.arn(), from.versionId(), from.value());
    try {
      return new SecretVersion(token, List.of(), book.now(), null,
          envelope.seal(ctx, s.kmsKeyId(), s.arn(), token, plaintext, from.value().binary()));
    } finally {
      Arrays.fill(plaintext, (byte) 0);
    }
  }

  /** The labelled versions sealed again under {@code kmsKeyId}, as AWS does when the key changes. */
  private List<SecretVersion> reEncrypted(CallContext ctx, SecretRecord s, String kmsKeyId) {
    List<SecretVersion> out = new ArrayList<>();
    for (SecretVersion v : s.versions()) {
      if (v.hasValue() && (v.hasStage(StagingLabels.CURRENT) || v.hasStage(StagingLabels.PREVIOUS)
          || v.hasStage(StagingLabels.PENDING))) {
        byte[] plaintext = envelope.open(ctx, s.arn(), v.versionId(), v.value());
        try {
          v = new SecretVersion(v.versionId(), v.stages(), v.createdDate(), v.lastAccessedDate(),
              envelope.seal(ctx, kmsKeyId, s.arn(), v.versionId(), plaintext, v.value().binary()));
        } finally {
          Arrays.fill(plaintext, (byte) 0);
        }
      }
      out.add(v);
    }
    return out;
  }
}

package io.keywarden.services.kms;

import static io.keywarden.services.api.JsonInput.has;
import static io.keywarden.services.api.JsonInput.integer;
import static io.keywarden.services.api.JsonInput.isTrue;
import static io.keywarden.services.api.JsonInput.objectList;
import static io.keywarden.services.api.JsonInput.string;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.keywarden.domain.key.KeyArns;
import io.keywarden.domain.key.KeyManager;
import io.keywarden.domain.key.KeyRecord;
import io.keywarden.domain.key.KeySpec;
import io.keywarden.domain.key.KeySpecs;
import io.keywarden.domain.key.KeyUsage;
import io.keywarden.domain.key.KeyState;
import io.keywarden.domain.key.RotationSchedule;
import io.keywarden.domain.key.Tag;
import io.keywarden.services.api.AuditResource;
import io.keywarden.services.api.CallContext;
import io.keywarden.services.api.JsonOutput;
import io.keywarden.services.api.OperationTable;
import io.keywarden.services.kms.KeyStateRules.Use;
import io.keywarden.services.kms.access.KeyPolicy;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * CreateKey, DescribeKey, ListKeys, UpdateKeyDescription, EnableKey, DisableKey, ScheduleKeyDeletion
 * and CancelKeyDeletion.
 */
final class KeyLifecycleOperations {
  static final int DEFAULT_DELETION_WINDOW_DAYS = 30;

  private final KmsCore core;

  KeyLifecycleOperations(KmsCore core) {
    this.core = core;
  }

  void register(OperationTable table) {
    table
        .blocking("CreateKey", this::createKey)
        .blocking("DescribeKey", this::describeKey)
        .blocking("ListKeys", this::listKeys)
        .blocking("UpdateKeyDescription", this::updateKeyDescription)
        .blocking("EnableKey", (c, in) -> setEnabled(c, in, true))
        .blocking("DisableKey", (c, in) -> setEnabled(c, in, false))
        .blocking("ScheduleKeyDeletion", this::scheduleKeyDeletion)
        .blocking("CancelKeyDeletion", this::cancelKeyDeletion);
  }

  ObjectNode createKey(CallContext ctx, ObjectNode in) {
    String keySpec = string(in, "KeySpec");
    String legacySpec = string(in, "CustomerMasterKeySpec");
    if (keySpec != null && legacySpec != null) {
      throw KmsErrors.validation(
          "You cannot specify KeySpec and CustomerMasterKeySpec in the same request."
              + " CustomerMasterKeySpec is deprecated.");
    }
    String spec = keySpec != null ? keySpec : legacySpec != null ? legacySpec : "SYMMETRIC_DEFAULT";
    String requestedUsage = string(in, "KeyUsage");
    List<Tag> tags = tags(in);
    boolean bypass = isTrue(in, "BypassPolicyLockoutSafetyCheck");
    // CreateKey is authorised by IAM policies alone (Resource "*"); its condition keys describe the
    // key asked for. Tags need kms:TagResource too (CreateKey's "Required permissions").
    KeyAccess access =
        KeyAccess.to("CreateKey")
            .put("kms:KeySpec", spec)
            .put("kms:CustomerMasterKeySpec", spec)
            .put("kms:KeyUsage", requestedUsage != null ? requestedUsage : "ENCRYPT_DECRYPT")
            .put("kms:CustomerMasterKeyUsage", requestedUsage != null ? requestedUsage : "ENCRYPT_DECRYPT")
            .put("kms:KeyOrigin", string(in, "Origin") != null ? string(in, "Origin") : "AWS_KMS")
            .put("kms:MultiRegion", Boolean.toString(isTrue(in, "MultiRegion")))
            .put("kms:BypassPolicyLockoutSafetyCheck", Boolean.toString(bypass))
            .requestTags(tags);
    core.authorizeByIdentity(ctx, access, "*", "*");
    if (!tags.isEmpty()) {
      core.authorizeByIdentity(ctx, KeyAccess.to("TagResource").requestTags(tags), "*", null);
    }
    if (requestedUsage == null && !spec.equals("SYMMETRIC_DEFAULT")) {
      // Recorded (test_hmac_create_key_invalid_operations).
      throw KmsErrors.validation(
          "You must specify a KeyUsage value for all KMS keys except for symmetric encryption keys.");
    }
    KeySpec keySpecValue = KeySpec.valueOf(spec);
    KeyUsage usage = requestedUsage != null ? KeyUsage.valueOf(requestedUsage) : KeyUsage.ENCRYPT_DECRYPT;
    if (!KeySpecs.usages(keySpecValue).contains(usage)) {
      // Recorded (test_derive_shared_secret): "KeyUsage KEY_AGREEMENT is not compatible with KeySpec RSA_2048".
      throw KmsErrors.validation("KeyUsage " + usage + " is not compatible with KeySpec " + spec);
    }
    if (keySpecValue == KeySpec.SM2) {
      throw KmsErrors.unsupported("KeySpec SM2 is offered only in AWS China Regions; Keywarden does not offer it.");
    }
    String origin = string(in, "Origin");
    if (origin != null && !origin.equals("AWS_KMS")) {
      throw KmsErrors.unsupported("Keywarden does not support Origin " + origin + " yet.");
    }
    if (has(in, "CustomKeyStoreId") || has(in, "XksKeyId")) {
      throw KmsErrors.unsupported("Keywarden does not support custom key stores.");
    }
    if (Boolean.TRUE.equals(io.keywarden.services.api.JsonInput.bool(in, "MultiRegion"))) {
      throw KmsErrors.unsupported("Keywarden does not support multi-Region keys yet.");
    }
    TagRules.checkRequest(tags);
    String keyId = KmsCore.newKeyId();
    String policy = string(in, "Policy");
    if (policy != null) {
      KeyPolicy parsed = KeyPolicyRules.check(policy, core.identities);
      if (!bypass) {
        KeyPolicyRules.checkLockout(
            core.authorizer,
            ctx,
            KeyArns.keyArn(ctx.region(), ctx.accountId(), keyId),
            ctx.accountId(),
            parsed,
            new KmsConditionKeys(ctx, null, List::of, access));
      }
      policy = PolicyDocuments.normalized(policy);
    } else {
      policy = DefaultKeyPolicies.customerDefault(ctx.accountId());
    }
    String description = string(in, "Description") != null ? string(in, "Description") : "";
    LoadedKey key =
        core.createKey(
            new KmsCore.NewKey(
                ctx.accountId(),
                ctx.region(),
                keyId,
                description,
                keySpecValue,
                usage,
                KeyManager.CUSTOMER,
                policy,
                tags,
                RotationSchedule.DISABLED),
            null,
            null);
    ctx.audit().resource(AuditResource.kmsKey(key.arn(), key.record().accountId()));
    ObjectNode out = JsonOutput.object();
    out.set("KeyMetadata", KeyMetadataView.of(key.record()));
    return out;
  }

  ObjectNode describeKey(CallContext ctx, ObjectNode in) {
    LoadedKey key =
        core.resolve(ctx, string(in, "KeyId"), true, KeyAccess.to("DescribeKey").grantTokens(in));
    ObjectNode out = JsonOutput.object();
    out.set("KeyMetadata", KeyMetadataView.of(key.record()));
    return out;
  }

  ObjectNode listKeys(CallContext ctx, ObjectNode in) {
    core.authorizeByIdentity(ctx, KeyAccess.to("ListKeys"), "*", "*");
    int limit = Paging.limit(integer(in, "Limit"), 100, 1000);
    String after = Paging.position("keys", string(in, "Marker"));
    List<KeyRecord> page = core.storage.keys().list(ctx.accountId(), ctx.region(), after, limit + 1);
    boolean truncated = page.size() > limit;
    ObjectNode out = JsonOutput.object();
    ArrayNode keys = out.putArray("Keys");
    for (KeyRecord k : page.subList(0, Math.min(limit, page.size()))) {
      keys.addObject().put("KeyId", k.keyId()).put("KeyArn", k.arn());
    }
    if (truncated) {
      out.put("NextMarker", Paging.marker("keys", page.get(limit - 1).keyId()));
    }
    out.put("Truncated", truncated);
    return out;
  }

  ObjectNode updateKeyDescription(CallContext ctx, ObjectNode in) {
    LoadedKey key = core.resolve(ctx, string(in, "KeyId"), false, "UpdateKeyDescription");
    String description = string(in, "Description");
    core.keys.update(
        key.record().region(),
        key.record().keyId(),
        current -> {
          KeyStateRules.check(current, Use.MANAGE);
          return current.toBuilder().description(description).build();
        });
    return JsonOutput.object();
  }

  ObjectNode setEnabled(CallContext ctx, ObjectNode in, boolean enable) {
    String action = enable ? "EnableKey" : "DisableKey";
    LoadedKey key = core.resolve(ctx, string(in, "KeyId"), false, action);
    KeyState target = enable ? KeyState.Enabled : KeyState.Disabled;
    core.keys.update(
        key.record().region(),
        key.record().keyId(),
        current -> {
          KeyStateRules.check(current, Use.ENABLE_DISABLE);
          return current.state() == target ? current : current.toBuilder().state(target).build();
        });
    return JsonOutput.object();
  }

  ObjectNode scheduleKeyDeletion(CallContext ctx, ObjectNode in) {
    Integer requested = integer(in, "PendingWindowInDays");
    int days = requested == null ? DEFAULT_DELETION_WINDOW_DAYS : requested;
    LoadedKey key =
        core.resolve(
            ctx,
            string(in, "KeyId"),
            false,
            KeyAccess.to("ScheduleKeyDeletion")
                .put("kms:ScheduleKeyDeletionPendingWindowInDays", Integer.toString(days)));
    if (days < 7 || days > 30) {
      throw KmsErrors.validation(
          "1 validation error detected: Value '"
              + days
              + "' at 'pendingWindowInDays' failed to satisfy constraint: Member must have value "
              + (days < 7 ? "greater than or equal to 7" : "less than or equal to 30"));
    }
    Instant deletionDate = core.now().plus(Duration.ofDays(days));
    LoadedKey done =
        core.keys.update(
            key.record().region(),
            key.record().keyId(),
            current -> {
              KeyStateRules.check(current, Use.SCHEDULE_DELETION);
              return current
                  .toBuilder()
                  .state(KeyState.PendingDeletion)
                  .deletion(deletionDate, days)
                  .build();
            });
    ObjectNode out = JsonOutput.object();
    out.put("KeyId", done.arn());
    JsonOutput.timestamp(out, "DeletionDate", deletionDate);
    out.put("KeyState", KeyState.PendingDeletion.name());
    out.put("PendingWindowInDays", days);
    return out;
  }

  ObjectNode cancelKeyDeletion(CallContext ctx, ObjectNode in) {
    LoadedKey key = core.resolve(ctx, string(in, "KeyId"), false, "CancelKeyDeletion");
    LoadedKey done =
        core.keys.update(
            key.record().region(),
            key.record().keyId(),
            current -> {
              KeyStateRules.check(current, Use.CANCEL_DELETION);
              // AWS: a key whose deletion is canceled is Disabled, whatever its state before.
              return current.toBuilder().state(KeyState.Disabled).deletion(null, null).build();
            });
    ObjectNode out = JsonOutput.object();
    out.put("KeyId", done.arn());
    return out;
  }

  static List<Tag> tags(ObjectNode in) {
    List<Tag> tags = new ArrayList<>();
    for (ObjectNode t : objectList(in, "Tags")) {
      tags.add(new Tag(string(t, "TagKey"), string(t, "TagValue")));
    }
    return tags;
  }
}

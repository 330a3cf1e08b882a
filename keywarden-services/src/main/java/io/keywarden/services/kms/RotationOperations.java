package io.keywarden.services.kms;

import static io.keywarden.services.api.JsonInput.integer;
import static io.keywarden.services.api.JsonInput.string;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.keywarden.domain.key.KeyManager;
import io.keywarden.domain.key.KeyRecord;
import io.keywarden.domain.key.KeyState;
import io.keywarden.domain.key.MaterialVersion;
import io.keywarden.domain.key.Origin;
import io.keywarden.domain.key.RotationSchedule;
import io.keywarden.domain.key.RotationType;
import io.keywarden.services.api.CallContext;
import io.keywarden.services.api.JsonOutput;
import io.keywarden.services.api.OperationTable;
import io.keywarden.services.kms.KeyStateRules.Use;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * EnableKeyRotation, DisableKeyRotation, GetKeyRotationStatus, RotateKeyOnDemand, ListKeyRotations.
 * Rotation adds a material version and makes it current; earlier versions keep decrypting.
 */
final class RotationOperations {
  private final KmsCore core;

  RotationOperations(KmsCore core) {
    this.core = core;
  }

  void register(OperationTable table) {
    table
        .blocking("EnableKeyRotation", this::enableKeyRotation)
        .blocking("DisableKeyRotation", this::disableKeyRotation)
        .blocking("GetKeyRotationStatus", this::getKeyRotationStatus)
        .blocking("RotateKeyOnDemand", this::rotateKeyOnDemand)
        .blocking("ListKeyRotations", this::listKeyRotations);
  }

  ObjectNode enableKeyRotation(CallContext ctx, ObjectNode in) {
    Integer requested = integer(in, "RotationPeriodInDays");
    int period = requested == null ? RotationSchedule.DEFAULT_PERIOD_DAYS : requested;
    LoadedKey key =
        core.resolve(
            ctx,
            string(in, "KeyId"),
            false,
            KeyAccess.to("EnableKeyRotation").put("kms:RotationPeriodInDays", Integer.toString(period)));
    core.keys.update(
        key.record().region(),
        key.record().keyId(),
        current -> {
          requireRotatable(current);
          KeyStateRules.check(current, Use.ROTATION);
          RotationSchedule r = current.rotation();
          if (r.enabled() && r.periodDays() == period) {
            return current;
          }
          return current
              .toBuilder()
              .rotation(new RotationSchedule(true, period, core.now().plus(Duration.ofDays(period))))
              .build();
        });
    return JsonOutput.object();
  }

  ObjectNode disableKeyRotation(CallContext ctx, ObjectNode in) {
    LoadedKey key = core.resolve(ctx, string(in, "KeyId"), false, "DisableKeyRotation");
    core.keys.update(
        key.record().region(),
        key.record().keyId(),
        current -> {
          requireRotatable(current);
          KeyStateRules.check(current, Use.ROTATION);
          if (!current.rotation().enabled()) {
            return current;
          }
          return current
              .toBuilder()
              .rotation(new RotationSchedule(false, current.rotation().periodDays(), null))
              .build();
        });
    return JsonOutput.object();
  }

  ObjectNode getKeyRotationStatus(CallContext ctx, ObjectNode in) {
    LoadedKey key = core.resolve(ctx, string(in, "KeyId"), false, "GetKeyRotationStatus");
    KeyRecord r = key.record();
    // Asymmetric and HMAC keys never rotate automatically: their status reads false (tools such as
    // Terraform read it for every key), while Enable/DisableKeyRotation refuse them.
    // AWS: while a key is pending deletion, its rotation status reads false (and returns after
    // CancelKeyDeletion).
    boolean enabled = r.rotation().enabled() && r.state() != KeyState.PendingDeletion;
    ObjectNode out = JsonOutput.object();
    out.put("KeyRotationEnabled", enabled);
    out.put("KeyId", r.arn());
    if (enabled) {
      out.put("RotationPeriodInDays", r.rotation().periodDays());
      JsonOutput.timestamp(out, "NextRotationDate", r.rotation().nextRotation());
    }
    return out;
  }

  ObjectNode rotateKeyOnDemand(CallContext ctx, ObjectNode in) {
    LoadedKey key = core.resolve(ctx, string(in, "KeyId"), false, "RotateKeyOnDemand");
    requireRotatable(key.record());
    KeyStateRules.check(key.record(), Use.ROTATION);
    LoadedKey rotated =
        core.rotate(key.record().region(), key.record().keyId(), RotationType.ON_DEMAND);
    ObjectNode out = JsonOutput.object();
    out.put("KeyId", rotated.arn());
    return out;
  }

  ObjectNode listKeyRotations(CallContext ctx, ObjectNode in) {
    LoadedKey key = core.resolve(ctx, string(in, "KeyId"), false, "ListKeyRotations");
    KeyRecord r = key.record();
    requireSymmetric(r);
    boolean all = "ALL_KEY_MATERIAL".equals(string(in, "IncludeKeyMaterial"));
    List<MaterialVersion> listed = new ArrayList<>();
    for (MaterialVersion v : r.materials()) {
      if (all || v.rotationType() != null) {
        listed.add(v);
      }
    }
    int limit = Paging.limit(integer(in, "Limit"), 100, 1000);
    Paging.Page<MaterialVersion> page =
        Paging.afterElement(
            listed, MaterialVersion::materialId, "rotations", string(in, "Marker"), limit);
    ObjectNode out = JsonOutput.object();
    ArrayNode rotations = out.putArray("Rotations");
    for (MaterialVersion v : page.items()) {
      ObjectNode e = rotations.addObject();
      e.put("KeyId", r.arn());
      e.put("KeyMaterialId", v.materialId());
      e.put("KeyMaterialState", v.materialId().equals(r.currentMaterialId()) ? "CURRENT" : "NON_CURRENT");
      if (v.rotationType() != null) {
        JsonOutput.timestamp(e, "RotationDate", v.createdAt());
        e.put("RotationType", v.rotationType().name());
      }
    }
    boolean truncated = page.truncated();
    if (truncated) {
      out.put("NextMarker", page.nextMarker());
    }
    out.put("Truncated", truncated);
    return out;
  }

  /** Rotation applies to symmetric encryption keys with KMS-generated material, managed by the customer. */
  private static void requireRotatable(KeyRecord r) {
    requireSymmetric(r);
    if (r.origin() != Origin.AWS_KMS || r.keyManager() != KeyManager.CUSTOMER) {
      throw KmsErrors.unsupported(r.arn() + " origin is " + r.origin() + " which is not valid for this operation.");
    }
  }

  private static void requireSymmetric(KeyRecord r) {
    if (!r.keySpec().isSymmetricDefault()) {
      throw KmsErrors.unsupported(null);
    }
  }
}

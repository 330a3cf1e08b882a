package io.keywarden.services.kms;

import static io.keywarden.services.api.JsonInput.string;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.keywarden.domain.key.KeyRecord;
import io.keywarden.services.api.CallContext;
import io.keywarden.services.api.JsonOutput;
import io.keywarden.services.api.KeyLastUsage;
import io.keywarden.services.api.OperationTable;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * GetKeyLastUsage: the last successful cryptographic operation with a key (its name, time, CloudTrail
 * event id and request id), from the audit trail's {@link KeyLastUsage}; {@code TrackingStartDate} is
 * when tracking began or the key's creation, whichever is later. Key id or key ARN only (no aliases),
 * in any key state, authorised by the key policy ({@code kms:GetKeyLastUsage}).
 */
final class KeyUsageOperations {
  private final KmsCore core;
  private final KeyLastUsage usage;

  KeyUsageOperations(KmsCore core, KeyLastUsage usage) {
    this.core = core;
    this.usage = Objects.requireNonNull(usage, "usage");
  }

  void register(OperationTable table) {
    table.blocking("GetKeyLastUsage", this::getKeyLastUsage);
  }

  ObjectNode getKeyLastUsage(CallContext ctx, ObjectNode in) {
    LoadedKey key = core.resolve(ctx, string(in, "KeyId"), false, "GetKeyLastUsage");
    KeyRecord r = key.record();
    Instant tracking = usage.trackingStart().orElse(core.now());
    if (tracking.isBefore(r.creationDate())) {
      tracking = r.creationDate();
    }
    ObjectNode out = JsonOutput.object();
    out.put("KeyId", r.keyId());
    ObjectNode last = out.putObject("KeyLastUsage");
    Optional<KeyLastUsage.KeyUse> use = usage.lastUse(r.arn());
    if (use.isPresent()) {
      last.put("Operation", use.get().operation());
      JsonOutput.timestamp(last, "Timestamp", use.get().timestamp());
      last.put("CloudTrailEventId", use.get().cloudTrailEventId());
      last.put("KmsRequestId", use.get().requestId());
    }
    JsonOutput.timestamp(out, "TrackingStartDate", tracking);
    JsonOutput.timestamp(out, "KeyCreationDate", r.creationDate());
    return out;
  }
}

package io.keywarden.services.kms;

import io.keywarden.domain.key.KeyRecord;
import io.keywarden.domain.key.KeyState;
import io.keywarden.domain.key.RotationType;
import io.keywarden.domain.audit.AuditUnavailableException;
import io.keywarden.domain.storage.StaleRecordException;
import io.keywarden.services.api.AuditResource;
import io.keywarden.services.api.ServiceEvent;
import io.keywarden.services.api.ServiceEvents;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The work KMS does on its own: deleting keys whose deletion window has ended, and rotating keys whose
 * automatic rotation is due. {@link #runDue()} is idempotent and safe to call from a scheduler on any
 * node; a key changed concurrently is left for the next run.
 *
 * <p>Each deletion and rotation is recorded as the {@code AwsServiceEvent} AWS records for it ({@code
 * DeleteKey}, {@code RotateKey}; AWS KMS Developer Guide, ct-delete-key and ct-rotatekey), once the
 * change is made. If the audit log cannot take the record, the failure is logged as an error: the
 * change has happened and cannot be taken back.
 */
public final class KmsBackgroundJobs {
  private static final Logger LOG = System.getLogger(KmsBackgroundJobs.class.getName());

  private final KmsCore core;
  private final ServiceEvents events;

  KmsBackgroundJobs(KmsCore core, ServiceEvents events) {
    this.core = core;
    this.events = events;
  }

  /** Runs every job that is due now; returns how many keys it changed. */
  public int runDue() {
    Instant now = core.now();
    List<KeyRecord> due = core.storage.keys().dueForWork(now);
    int changed = 0;
    for (KeyRecord key : due) {
      try {
        if (deleteIfDue(key, now) || rotateIfDue(key, now)) {
          changed++;
        }
      } catch (StaleRecordException e) {
        LOG.log(Level.DEBUG, "key {0} changed during background work; retrying later", key.keyId());
      } catch (RuntimeException e) {
        LOG.log(Level.WARNING, "background work on key " + key.keyId() + " failed", e);
      }
    }
    return changed;
  }

  private boolean deleteIfDue(KeyRecord key, Instant now) {
    if (key.state() != KeyState.PendingDeletion
        || key.deletionDate() == null
        || key.deletionDate().isAfter(now)) {
      return false;
    }
    core.keys.delete(key.region(), key.keyId());
    core.aliases.forgetKey(key.region(), key.keyId());
    core.grantBook.forgetKey(key.region(), key.keyId());
    LOG.log(Level.INFO, "deleted key {0} at the end of its deletion window", key.arn());
    record(new ServiceEvent("kms", "DeleteKey", key.region(), key.accountId(),
        List.of(AuditResource.kmsKey(key.arn(), key.accountId())), Map.of("keyId", key.arn()), null));
    return true;
  }

  /** A due rotation waits while the key is not Enabled (AWS rotates when it is enabled again). */
  private boolean rotateIfDue(KeyRecord key, Instant now) {
    if (!key.rotation().enabled()
        || key.rotation().nextRotation().isAfter(now)
        || key.state() != KeyState.Enabled) {
      return false;
    }
    LoadedKey rotated = core.rotate(key.region(), key.keyId(), RotationType.AUTOMATIC);
    LOG.log(Level.INFO, "rotated key {0} (automatic rotation)", key.arn());
    Map<String, String> details = new java.util.HashMap<>();
    details.put("keyId", key.keyId());
    details.put("rotationType", RotationType.AUTOMATIC.name());
    details.put("keyOrigin", key.origin().name());
    if (key.currentMaterialId() != null) {
      details.put("previousKeyMaterialId", key.currentMaterialId());
    }
    details.put("currentKeyMaterialId", rotated.record().currentMaterialId());
    record(new ServiceEvent("kms", "RotateKey", key.region(), key.accountId(),
        List.of(AuditResource.kmsKey(key.arn(), key.accountId())), null, details));
    return true;
  }

  private void record(ServiceEvent event) {
    try {
      events.record(event);
    } catch (AuditUnavailableException e) {
      LOG.log(Level.ERROR, "the audit log did not record " + event.eventName() + " of "
          + event.resources().get(0).arn(), e);
    }
  }
}

package io.keywarden.services.secrets;

import io.keywarden.domain.audit.AuditUnavailableException;
import io.keywarden.domain.secret.SecretRecord;
import io.keywarden.domain.storage.SecretRepository;
import io.keywarden.services.api.AuditResource;
import io.keywarden.services.api.ServiceEvent;
import io.keywarden.services.api.ServiceEvents;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.List;

/**
 * The life events of a secret's deletion, recorded as the {@code AwsServiceEvent}s AWS records for them
 * (Secrets Manager User Guide, "AWS CloudTrail entries for Secrets Manager", log entries for deletion):
 * {@code StartSecretVersionDelete} when DeleteSecret schedules it, {@code CancelSecretVersionDelete}
 * when RestoreSecret cancels that, and {@code EndSecretVersionDelete} when the secret is permanently
 * removed (its recovery window ended, or ForceDeleteWithoutRecovery).
 *
 * <p>Removal is safe on every node at once: a secret whose window has ended can no longer be restored
 * or changed (it is not found), so deleting it by ARN cannot lose a change; only the node whose delete
 * removed the row records the event. The events follow the change: if the audit log cannot take one,
 * the failure is logged as an error (the change has happened and cannot be taken back), as KMS does
 * for its background deletions.
 */
final class SecretPurge {
  private static final Logger LOG = System.getLogger(SecretPurge.class.getName());
  /** CloudTrail's resource type of secrets. */
  static final String SECRET_TYPE = "AWS::SecretsManager::Secret";

  private final SecretRepository secrets;
  private final ServiceEvents events;

  SecretPurge(SecretRepository secrets, ServiceEvents events) {
    this.secrets = secrets;
    this.events = events;
  }

  /** Removes {@code s} for good; returns whether this call removed it (and recorded the event). */
  boolean purge(SecretRecord s) {
    if (!secrets.delete(s.arn())) {
      return false;
    }
    LOG.log(Level.INFO, "deleted secret {0}", s.arn());
    record(s, "EndSecretVersionDelete");
    return true;
  }

  /** DeleteSecret scheduled {@code s}'s deletion. */
  void scheduled(SecretRecord s) {
    record(s, "StartSecretVersionDelete");
  }

  /** RestoreSecret cancelled {@code s}'s scheduled deletion. */
  void cancelled(SecretRecord s) {
    record(s, "CancelSecretVersionDelete");
  }

  private void record(SecretRecord s, String eventName) {
    try {
      events.record(new ServiceEvent("secretsmanager", eventName, s.region(), s.accountId(),
          List.of(new AuditResource(SECRET_TYPE, s.arn(), s.accountId())), null, null));
    } catch (AuditUnavailableException e) {
      LOG.log(Level.ERROR, "the audit log did not record " + eventName + " of " + s.arn(), e);
    }
  }
}

package io.keywarden.services.kms;

import io.keywarden.domain.key.KeyRecord;
import io.keywarden.domain.key.KeyState;

/**
 * Which operations a key's state allows, and the error otherwise: AWS's key-state table
 * (https://docs.aws.amazon.com/kms/latest/developerguide/key-state.html). Each operation names the
 * {@link Use} it makes of a key.
 */
public final class KeyStateRules {
  private KeyStateRules() {}

  /** The kinds of use the key-state table distinguishes. */
  public enum Use {
    /** Encrypt, Decrypt, ReEncrypt, GenerateDataKey*: Enabled only. */
    CRYPTOGRAPHIC,
    /**
     * DescribeKey, Get/Put/ListKeyPolicies, ListResourceTags, GetKeyRotationStatus, ListKeyRotations:
     * any state.
     */
    READ,
    /** UpdateKeyDescription, Tag/UntagResource, Create/UpdateAlias: not PendingDeletion. */
    MANAGE,
    /** EnableKey, DisableKey: Enabled or Disabled. */
    ENABLE_DISABLE,
    /** ScheduleKeyDeletion: not already PendingDeletion. */
    SCHEDULE_DELETION,
    /** CancelKeyDeletion: PendingDeletion only. */
    CANCEL_DELETION,
    /** EnableKeyRotation, DisableKeyRotation, RotateKeyOnDemand: Enabled only. */
    ROTATION
  }

  /** @throws io.keywarden.services.api.ApiException if {@code key}'s state does not allow {@code use} */
  public static void check(KeyRecord key, Use use) {
    KeyState s = key.state();
    String arn = key.arn();
    switch (use) {
      case READ:
        return;
      case MANAGE:
        if (s == KeyState.PendingDeletion) {
          throw KmsErrors.pendingDeletion(arn);
        }
        return;
      case CRYPTOGRAPHIC:
      case ROTATION:
        if (s == KeyState.Enabled) {
          return;
        }
        throw notUsable(key);
      case ENABLE_DISABLE:
        if (s == KeyState.Enabled || s == KeyState.Disabled) {
          return;
        }
        throw notUsable(key);
      case SCHEDULE_DELETION:
        if (s == KeyState.PendingDeletion) {
          throw KmsErrors.pendingDeletion(arn);
        }
        return;
      case CANCEL_DELETION:
        if (s != KeyState.PendingDeletion) {
          throw KmsErrors.invalidState(arn + " is not pending deletion.");
        }
        return;
      default:
        throw new IllegalArgumentException(use.name());
    }
  }

  private static RuntimeException notUsable(KeyRecord key) {
    String arn = key.arn();
    switch (key.state()) {
      case Disabled:
        return KmsErrors.disabled(arn);
      case PendingDeletion:
        return KmsErrors.pendingDeletion(arn);
      case PendingImport:
        return KmsErrors.pendingImport(arn);
      case Unavailable:
        return KmsErrors.invalidState(arn + " is unavailable.");
      default:
        return KmsErrors.invalidState(arn + " is " + key.state() + ".");
    }
  }
}

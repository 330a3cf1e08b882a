package io.keywarden.services.secrets;

import com.fasterxml.jackson.databind.node.ObjectNode;
import javax.crypto.spec.SecretKeySpec;

/**
 * One unwrapped data key in {@link DataKeyCache}, with what it was unwrapped from. Holds secret key
 * bytes: a final class without {@code toString} or {@code equals}, never a record.
 */
final class CachedDataKey {
  private final String keyArn;
  private final byte[] wrappedKey;
  private final long keyRevision;
  private final SecretKeySpec dataKey;
  private final String kmsRequestId;
  private final long unwrappedAt;
  private final ObjectNode dryRun;

  /**
   * @param dataKey copied; the caller zeroes its own array
   * @param kmsRequestId the request id of the audited KMS Decrypt call that unwrapped it
   * @param unwrappedAt when ({@link System#nanoTime})
   * @param dryRun the KMS Decrypt request (with DryRun) that authorises each use; never modified
   */
  CachedDataKey(String keyArn, byte[] wrappedKey, long keyRevision, byte[] dataKey,
      String kmsRequestId, long unwrappedAt, ObjectNode dryRun) {
    this.keyArn = keyArn;
    this.wrappedKey = wrappedKey.clone();
    this.keyRevision = keyRevision;
    this.dataKey = new SecretKeySpec(dataKey, "AES");
    this.kmsRequestId = kmsRequestId;
    this.unwrappedAt = unwrappedAt;
    this.dryRun = dryRun;
  }

  String keyArn() {
    return keyArn;
  }

  byte[] wrappedKey() {
    return wrappedKey;
  }

  long keyRevision() {
    return keyRevision;
  }

  /** The AES key, for {@code Cipher.init} only. */
  SecretKeySpec key() {
    return dataKey;
  }

  String kmsRequestId() {
    return kmsRequestId;
  }

  long unwrappedAt() {
    return unwrappedAt;
  }

  /** The KMS Decrypt request, with DryRun, that asks whether a caller may use this key now. Read only. */
  ObjectNode dryRun() {
    return dryRun;
  }
}

package io.keywarden.services.kms;

import io.keywarden.domain.key.Grant;
import java.util.Map;
import java.util.Set;

/**
 * Grant constraints as AWS applies them (KMS API reference, {@code GrantConstraints}):
 * {@code EncryptionContextEquals} (the request's encryption context is exactly the constraint's) and
 * {@code EncryptionContextSubset} (the request's context contains the constraint's pairs). "In a grant
 * constraint, the key in each key-value pair is not case sensitive, but the value is case sensitive."
 * Constraints apply only to the operations that take an encryption context; DescribeKey, RetireGrant
 * and CreateGrant are allowed regardless (CreateGrant through a grant has its own rule: {@link
 * #atLeastAsStrict}).
 */
final class GrantConstraints {
  private GrantConstraints() {}

  /** The grant operations that take an encryption context (on a symmetric encryption key). */
  static final Set<String> WITH_ENCRYPTION_CONTEXT =
      Set.of(
          "Encrypt",
          "Decrypt",
          "ReEncryptFrom",
          "ReEncryptTo",
          "GenerateDataKey",
          "GenerateDataKeyWithoutPlaintext",
          "GenerateDataKeyPair",
          "GenerateDataKeyPairWithoutPlaintext");

  /** AWS: "Each constraint value can include up to 8 encryption context pairs." */
  static final int MAX_PAIRS = 8;

  /** AWS: "The encryption context value in each constraint cannot exceed 384 characters." */
  static final int MAX_CHARACTERS = 384;

  /**
   * Whether the grant's constraints allow {@code operation} with {@code context} (the request's
   * encryption context; {@code null} or empty when it has none).
   */
  static boolean allow(Grant g, String operation, Map<String, String> context) {
    if (g.encryptionContextEquals() == null && g.encryptionContextSubset() == null) {
      return true;
    }
    if (!WITH_ENCRYPTION_CONTEXT.contains(operation)) {
      return true;
    }
    Map<String, String> c = context == null ? Map.of() : context;
    if (g.encryptionContextEquals() != null && !equal(c, g.encryptionContextEquals())) {
      return false;
    }
    return g.encryptionContextSubset() == null || contains(c, g.encryptionContextSubset());
  }

  /**
   * Whether a child grant's constraints are "equally strict or stricter" than its parent's (AWS,
   * "Granting CreateGrant permission"): a child may add pairs to a Subset constraint or turn it into an
   * Equals constraint that contains its pairs; an Equals constraint must stay the same.
   */
  static boolean atLeastAsStrict(
      Map<String, String> childEquals,
      Map<String, String> childSubset,
      Map<String, String> parentEquals,
      Map<String, String> parentSubset) {
    if (parentEquals != null && (childEquals == null || !equal(childEquals, parentEquals))) {
      return false;
    }
    if (parentSubset != null) {
      boolean viaEquals = childEquals != null && contains(childEquals, parentSubset);
      boolean viaSubset = childSubset != null && contains(childSubset, parentSubset);
      return viaEquals || viaSubset;
    }
    return true;
  }

  /** Same pairs, keys compared without case, values with. */
  static boolean equal(Map<String, String> a, Map<String, String> b) {
    return a.size() == b.size() && contains(a, b);
  }

  /** Whether {@code context} has every pair of {@code required} (keys without case, values with). */
  static boolean contains(Map<String, String> context, Map<String, String> required) {
    for (Map.Entry<String, String> r : required.entrySet()) {
      if (!hasPair(context, r.getKey(), r.getValue())) {
        return false;
      }
    }
    return true;
  }

  private static boolean hasPair(Map<String, String> context, String key, String value) {
    String exact = context.get(key);
    if (exact != null && exact.equals(value)) {
      return true;
    }
    for (Map.Entry<String, String> e : context.entrySet()) {
      if (e.getKey().equalsIgnoreCase(key) && e.getValue().equals(value)) {
        return true;
      }
    }
    return false;
  }
}

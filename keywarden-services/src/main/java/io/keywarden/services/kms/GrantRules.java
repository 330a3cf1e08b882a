package io.keywarden.services.kms;

import io.keywarden.domain.key.KeyRecord;
import io.keywarden.domain.key.KeySpec;
import io.keywarden.domain.key.KeyUsage;
import io.keywarden.services.identity.IdentityPolicies;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What a CreateGrant request may ask (KMS developer guide, "Grants in AWS KMS" and "Creating grants"):
 * the grant operations a key supports, grantee and retiring principals, and grant constraints.
 */
final class GrantRules {
  private GrantRules() {}

  /** AWS: "Grants per KMS key: 50,000". */
  static final int MAX_GRANTS_PER_KEY = 50_000;

  /** AWS: "A KMS key cannot have more than 500 grants for the same grantee principal." */
  static final int MAX_GRANTS_PER_GRANTEE = 500;

  private static final Set<String> ALWAYS = Set.of("CreateGrant", "RetireGrant", "DescribeKey");

  /** The grant operations each kind of key supports (developer guide, "Key type reference"). */
  private static final Set<String> SYMMETRIC_ENCRYPTION =
      Set.of(
          "Encrypt",
          "Decrypt",
          "ReEncryptFrom",
          "ReEncryptTo",
          "GenerateDataKey",
          "GenerateDataKeyWithoutPlaintext",
          "GenerateDataKeyPair",
          "GenerateDataKeyPairWithoutPlaintext");

  private static final Set<String> ASYMMETRIC_ENCRYPTION =
      Set.of("Encrypt", "Decrypt", "ReEncryptFrom", "ReEncryptTo", "GetPublicKey");
  private static final Set<String> SIGNING = Set.of("Sign", "Verify", "GetPublicKey");
  private static final Set<String> MAC = Set.of("GenerateMac", "VerifyMac");
  private static final Set<String> KEY_AGREEMENT = Set.of("DeriveSharedSecret", "GetPublicKey");

  /**
   * IAM principal ARNs a grant may name (IAM user guide, "IAM ARNs"): an account root, a user or role
   * (with path), an assumed-role session, a federated user.
   */
  private static final Pattern PRINCIPAL_ARN =
      Pattern.compile(
          "arn:aws:(?:iam::\\d{12}:(?:root|user/[\\w+=,.@/-]+|role/[\\w+=,.@/-]+)"
              + "|sts::\\d{12}:(?:assumed-role/[\\w+=,.@-]+/[\\w+=,.@-]+|federated-user/[\\w+=,.@-]+))");

  /**
   * @throws io.keywarden.services.api.ApiException ValidationException if {@code operations} is empty
   *     or names an operation the key does not support
   */
  static void checkOperations(KeyRecord key, List<String> operations) {
    if (operations.isEmpty()) {
      throw KmsErrors.validation("Operations must contain at least one grant operation.");
    }
    for (String op : operations) {
      if (!supports(key.keySpec(), key.keyUsage(), op)) {
        throw KmsErrors.validation(
            "Grant operation "
                + op
                + " is not supported for KMS key "
                + key.arn()
                + " with KeySpec "
                + key.keySpec()
                + " and KeyUsage "
                + key.keyUsage()
                + ".");
      }
    }
  }

  static boolean supports(KeySpec spec, KeyUsage usage, String operation) {
    if (ALWAYS.contains(operation)) {
      return true;
    }
    switch (usage) {
      case ENCRYPT_DECRYPT:
        return (spec.isSymmetricDefault() ? SYMMETRIC_ENCRYPTION : ASYMMETRIC_ENCRYPTION)
            .contains(operation);
      case SIGN_VERIFY:
        return SIGNING.contains(operation);
      case GENERATE_VERIFY_MAC:
        return MAC.contains(operation);
      case KEY_AGREEMENT:
        return KEY_AGREEMENT.contains(operation);
      default:
        return false;
    }
  }

  /**
   * Encryption context constraints: only on symmetric encryption keys ("You cannot use an encryption
   * context grant constraint for cryptographic operations with asymmetric KMS keys or HMAC KMS keys"),
   * at most 8 pairs and 384 characters each.
   */
  static void checkConstraints(
      KeyRecord key, Map<String, String> equalsContext, Map<String, String> subsetContext) {
    if (equalsContext == null && subsetContext == null) {
      return;
    }
    if (!key.keySpec().isSymmetricDefault()) {
      throw KmsErrors.validation(
          "Grant constraints are supported only for symmetric encryption KMS keys; "
              + key.arn()
              + " has KeySpec "
              + key.keySpec()
              + ".");
    }
    checkConstraint("EncryptionContextEquals", equalsContext);
    checkConstraint("EncryptionContextSubset", subsetContext);
  }

  private static void checkConstraint(String name, Map<String, String> context) {
    if (context == null) {
      return;
    }
    if (context.size() > GrantConstraints.MAX_PAIRS) {
      throw KmsErrors.validation(
          name + " can include up to " + GrantConstraints.MAX_PAIRS + " encryption context pairs.");
    }
    int characters = 0;
    for (Map.Entry<String, String> e : context.entrySet()) {
      characters += e.getKey().length() + e.getValue().length();
    }
    if (characters > GrantConstraints.MAX_CHARACTERS) {
      throw KmsErrors.validation(
          name + " cannot exceed " + GrantConstraints.MAX_CHARACTERS + " characters.");
    }
  }

  /** Whether {@code s} has the form of a principal ARN a grant may name. */
  static boolean isPrincipalArn(String s) {
    return PRINCIPAL_ARN.matcher(s).matches();
  }

  /**
   * Checks a grantee or retiring principal: an IAM principal ARN, which must exist when it names a
   * user or role (an account root always exists; a session or federated user cannot be looked up).
   *
   * @throws io.keywarden.services.api.ApiException InvalidArnException, AWS's "ARN does not refer to
   *     a valid principal: ..." (seen in answers of CreateGrant)
   */
  static void checkPrincipal(String principal, IdentityPolicies identities) {
    if (!isPrincipalArn(principal)) {
      throw KmsErrors.invalidPrincipal(principal);
    }
    boolean lookedUp = principal.contains(":user/") || principal.contains(":role/");
    if (lookedUp && !identities.exists(principal)) {
      throw KmsErrors.invalidPrincipal(principal);
    }
  }

  /** The account of a principal ARN ({@link #isPrincipalArn} must hold). */
  static String accountOf(String principalArn) {
    return principalArn.split(":", 6)[4];
  }
}

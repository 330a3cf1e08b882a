package io.keywarden.services.audit;

import static io.keywarden.services.audit.OperationRule.of;
import static io.keywarden.services.audit.RecordedMember.map;
import static io.keywarden.services.audit.RecordedMember.strings;
import static io.keywarden.services.audit.RecordedMember.struct;
import static io.keywarden.services.audit.RecordedMember.structs;
import static io.keywarden.services.audit.RecordedMember.time;
import static io.keywarden.services.audit.RecordedMember.value;

import java.util.List;

/**
 * What the CloudTrail record of each KMS operation carries, following the examples of the AWS KMS
 * Developer Guide ("Logging AWS KMS API calls with AWS CloudTrail", {@code ct-*.html}): the data
 * plane records the key, the encryption context and the algorithms, never the plaintext, ciphertext,
 * data key, private key, message, signature, MAC, public key or shared secret, and no response;
 * operations that change a key record its ARN as {@code responseElements.keyId}; CreateKey records
 * the new key's metadata; CreateGrant the grant id (never the grant token). Grant tokens are not
 * recorded anywhere.
 */
final class KmsAuditRules {
  private KmsAuditRules() {}

  static final RecordedMember KEY_ID = value("KeyId");
  static final RecordedMember CONTEXT = map("EncryptionContext");
  static final RecordedMember DRY_RUN = value("DryRun");
  static final RecordedMember LIMIT = value("Limit");
  static final RecordedMember MARKER = value("Marker");
  static final RecordedMember TAGS = structs("Tags", value("TagKey"), value("TagValue"));

  /** KMS's {@code KeyMetadata}, every member (it holds nothing secret). */
  static final RecordedMember KEY_METADATA = struct("KeyMetadata",
      value("AWSAccountId"), value("KeyId"), value("Arn"), time("CreationDate"), value("Enabled"),
      value("Description"), value("KeyUsage"), value("KeyState"), time("DeletionDate"), time("ValidTo"),
      value("Origin"), value("CustomKeyStoreId"), value("CloudHsmClusterId"), value("ExpirationModel"),
      value("KeyManager"), value("CustomerMasterKeySpec"), value("KeySpec"),
      strings("EncryptionAlgorithms"), strings("SigningAlgorithms"), strings("KeyAgreementAlgorithms"),
      value("MultiRegion"),
      struct("MultiRegionConfiguration", value("MultiRegionKeyType"),
          struct("PrimaryKey", value("Arn"), value("Region")),
          structs("ReplicaKeys", value("Arn"), value("Region"))),
      value("PendingDeletionWindowInDays"), strings("MacAlgorithms"),
      struct("XksKeyConfiguration", value("Id")), value("CurrentKeyMaterialId"));

  static List<OperationRule> rules() {
    return List.of(
        // The data plane (ct-encrypt, ct-decrypt, ct-reencrypt, ct-generatedatakey*, ct-sign,
        // ct-verify, ct-generatemac, ct-verifymac, ct-generaterandom).
        of("Encrypt", true, KEY_ID, CONTEXT, value("EncryptionAlgorithm"), DRY_RUN),
        of("Decrypt", true, KEY_ID, CONTEXT, value("EncryptionAlgorithm"), DRY_RUN)
            .withDefault("EncryptionAlgorithm", "SYMMETRIC_DEFAULT")
            .withAdditional("KeyMaterialId"),
        of("ReEncrypt", true, value("SourceKeyId"), map("SourceEncryptionContext"),
            value("SourceEncryptionAlgorithm"), value("DestinationKeyId"),
            map("DestinationEncryptionContext"), value("DestinationEncryptionAlgorithm"), DRY_RUN)
            .withAdditional("SourceKeyMaterialId", "DestinationKeyMaterialId"),
        of("GenerateDataKey", true, KEY_ID, CONTEXT, value("KeySpec"), value("NumberOfBytes"), DRY_RUN)
            .withAdditional("KeyMaterialId"),
        of("GenerateDataKeyWithoutPlaintext", true, KEY_ID, CONTEXT, value("KeySpec"),
            value("NumberOfBytes"), DRY_RUN)
            .withAdditional("KeyMaterialId"),
        of("GenerateDataKeyPair", true, KEY_ID, CONTEXT, value("KeyPairSpec"), DRY_RUN)
            .withAdditional("KeyMaterialId"),
        of("GenerateDataKeyPairWithoutPlaintext", true, KEY_ID, CONTEXT, value("KeyPairSpec"), DRY_RUN)
            .withAdditional("KeyMaterialId"),
        of("GenerateRandom", true),
        of("Sign", true, KEY_ID, value("MessageType"), value("SigningAlgorithm"), DRY_RUN),
        of("Verify", true, KEY_ID, value("MessageType"), value("SigningAlgorithm"), DRY_RUN),
        of("GenerateMac", true, KEY_ID, value("MacAlgorithm"), DRY_RUN),
        of("VerifyMac", true, KEY_ID, value("MacAlgorithm"), DRY_RUN),
        of("DeriveSharedSecret", true, KEY_ID, value("KeyAgreementAlgorithm"), DRY_RUN),
        of("GetPublicKey", true, KEY_ID),

        // Keys (ct-createkey, ct-describekey, ct-enablekey, ct-schedule-key-deletion, ...).
        of("CreateKey", false, value("Policy"), value("Description"), value("KeyUsage"),
            value("CustomerMasterKeySpec"), value("KeySpec"), value("Origin"), value("CustomKeyStoreId"),
            value("BypassPolicyLockoutSafetyCheck"), TAGS, value("MultiRegion"), value("XksKeyId"))
            .respondingWith(KEY_METADATA),
        of("DescribeKey", true, KEY_ID),
        of("ListKeys", true, LIMIT, MARKER),
        of("UpdateKeyDescription", false, KEY_ID, value("Description")).respondingWithKeyArn(),
        of("EnableKey", false, KEY_ID).respondingWithKeyArn(),
        of("DisableKey", false, KEY_ID).respondingWithKeyArn(),
        of("ScheduleKeyDeletion", false, KEY_ID, value("PendingWindowInDays"))
            .respondingWith(KEY_ID, value("KeyState"), time("DeletionDate"), value("PendingWindowInDays")),
        of("CancelKeyDeletion", false, KEY_ID).respondingWith(KEY_ID),
        of("GetKeyLastUsage", true, KEY_ID),

        // Rotation (ct-enablekeyrotation, ct-rotatekey, ct-listkeyrotations).
        of("EnableKeyRotation", false, KEY_ID, value("RotationPeriodInDays")).respondingWithKeyArn(),
        of("DisableKeyRotation", false, KEY_ID).respondingWithKeyArn(),
        of("GetKeyRotationStatus", true, KEY_ID),
        of("RotateKeyOnDemand", false, KEY_ID).respondingWith(KEY_ID),
        of("ListKeyRotations", true, KEY_ID, value("IncludeKeyMaterial"), LIMIT, MARKER),

        // Policies (ct-put-key-policy, ct-getkeypolicy): the policy a caller sends is recorded.
        of("PutKeyPolicy", false, KEY_ID, value("PolicyName"), value("Policy"),
            value("BypassPolicyLockoutSafetyCheck")).respondingWithKeyArn(),
        of("GetKeyPolicy", true, KEY_ID, value("PolicyName")),
        of("ListKeyPolicies", true, KEY_ID, LIMIT, MARKER),

        // Aliases (ct-createalias, ct-updatealias, ct-deletealias, ct-listaliases).
        of("CreateAlias", false, value("AliasName"), value("TargetKeyId")).respondingWithKeyArn(),
        of("UpdateAlias", false, value("AliasName"), value("TargetKeyId")).respondingWithKeyArn(),
        of("DeleteAlias", false, value("AliasName")).respondingWithKeyArn(),
        of("ListAliases", true, KEY_ID, LIMIT, MARKER),

        // Tags (ct-tagresource, ct-untagresource).
        of("TagResource", false, KEY_ID, TAGS).respondingWithKeyArn(),
        of("UntagResource", false, KEY_ID, strings("TagKeys")).respondingWithKeyArn(),
        of("ListResourceTags", true, KEY_ID, LIMIT, MARKER),

        // Grants (ct-creategrant, ct-retire-grant, ct-revoke-grant, ct-listgrants).
        of("CreateGrant", false, KEY_ID, value("GranteePrincipal"), value("RetiringPrincipal"),
            strings("Operations"),
            struct("Constraints", map("EncryptionContextSubset"), map("EncryptionContextEquals")),
            value("Name"), DRY_RUN)
            .respondingWith(value("GrantId")),
        of("RetireGrant", false, KEY_ID, value("GrantId"), DRY_RUN).respondingWithKeyArn(),
        of("RevokeGrant", false, KEY_ID, value("GrantId"), DRY_RUN).respondingWithKeyArn(),
        of("ListGrants", true, KEY_ID, value("GrantId"), value("GranteePrincipal"), LIMIT, MARKER),
        of("ListRetirableGrants", true, value("RetiringPrincipal"), LIMIT, MARKER));
  }
}

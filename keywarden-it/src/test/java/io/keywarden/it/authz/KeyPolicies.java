package io.keywarden.it.authz;

import static io.keywarden.it.authz.AuthzServer.ACCOUNT;

/**
 * Key policies of the KMS developer guide ("Default key policy"), as JSON text, for the principals of
 * {@code authz/identities.yaml}.
 */
final class KeyPolicies {
  static final String ROOT = "arn:aws:iam::" + ACCOUNT + ":root";

  /** "Allows access to the AWS account and enables IAM policies". */
  static final String ENABLE_IAM_POLICIES =
      """
      {"Sid": "Enable IAM User Permissions", "Effect": "Allow",
       "Principal": {"AWS": "arn:aws:iam::111122223333:root"}, "Action": "kms:*", "Resource": "*"}""";

  /** "Allows key administrators to administer the KMS key", for key-admin. */
  static final String KEY_ADMINISTRATORS =
      """
      {"Sid": "Allow access for Key Administrators", "Effect": "Allow",
       "Principal": {"AWS": "arn:aws:iam::111122223333:user/key-admin"},
       "Action": ["kms:Create*", "kms:Describe*", "kms:Enable*", "kms:List*", "kms:Put*",
                  "kms:Update*", "kms:Revoke*", "kms:Disable*", "kms:Get*", "kms:Delete*",
                  "kms:TagResource", "kms:UntagResource", "kms:ScheduleKeyDeletion",
                  "kms:CancelKeyDeletion", "kms:RotateKeyOnDemand"],
       "Resource": "*"}""";

  /** "Allows key users to use the KMS key" (cryptographic operations), for key-user. */
  static final String KEY_USERS =
      """
      {"Sid": "Allow use of the key", "Effect": "Allow",
       "Principal": {"AWS": "arn:aws:iam::111122223333:user/key-user"},
       "Action": ["kms:Encrypt", "kms:Decrypt", "kms:ReEncrypt*", "kms:GenerateDataKey*",
                  "kms:DescribeKey"],
       "Resource": "*"}""";

  /** "Allows key users to use the KMS key with AWS services" (grants for AWS resources only). */
  static final String KEY_USERS_PERSISTENT_RESOURCES =
      """
      {"Sid": "Allow attachment of persistent resources", "Effect": "Allow",
       "Principal": {"AWS": "arn:aws:iam::111122223333:user/key-user"},
       "Action": ["kms:CreateGrant", "kms:ListGrants", "kms:RevokeGrant"],
       "Resource": "*",
       "Condition": {"Bool": {"kms:GrantIsForAWSResource": "true"}}}""";

  private KeyPolicies() {}

  /** A policy document of these statements. */
  static String policy(String... statements) {
    return "{\"Version\": \"2012-10-17\", \"Id\": \"authz-it\", \"Statement\": ["
        + String.join(",\n", statements) + "]}";
  }

  /** The console's default policy for a key with administrators and users. */
  static String administratorsAndUsers() {
    return policy(ENABLE_IAM_POLICIES, KEY_ADMINISTRATORS, KEY_USERS, KEY_USERS_PERSISTENT_RESOURCES);
  }
}

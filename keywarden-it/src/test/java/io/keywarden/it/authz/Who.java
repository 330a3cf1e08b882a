package io.keywarden.it.authz;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/**
 * The IAM users of {@code authz/identities.yaml}, with the fixed access keys the file gives them (test
 * fixtures that protect nothing).
 */
enum Who {
  /** Administers keys (the KMS developer guide's key administrator actions), no cryptography. */
  KEY_ADMIN(AuthzServer.ACCOUNT, "key-admin", "AKIAKEYADMIN00000001", "key-admin-secret-not-for-production"),
  /** Tagged team=blue; uses its account's keys unless they are tagged quarantine=true. */
  KEY_USER(AuthzServer.ACCOUNT, "key-user", "AKIAKEYUSER000000001", "key-user-secret-not-for-production"),
  /** No policy at all. */
  NOBODY(AuthzServer.ACCOUNT, "nobody", "AKIANOBODY0000000001", "nobody-secret-not-for-production"),
  /** Of the other account, allowed by it to use keys of {@link AuthzServer#ACCOUNT}. */
  PARTNER(AuthzServer.PARTNER_ACCOUNT, "partner", "AKIAPARTNER000000001", "partner-secret-not-for-production"),
  /** Of the other account, allowed nothing by it. */
  PARTNER_INTERN(AuthzServer.PARTNER_ACCOUNT, "partner-intern", "AKIAPARTNERINTERN001",
      "partner-intern-secret-not-for-production");

  private final String account;
  private final String userName;
  private final String accessKeyId;
  private final String secretAccessKey;

  Who(String account, String userName, String accessKeyId, String secretAccessKey) {
    this.account = account;
    this.userName = userName;
    this.accessKeyId = accessKeyId;
    this.secretAccessKey = secretAccessKey;
  }

  String account() {
    return account;
  }

  String userName() {
    return userName;
  }

  String arn() {
    return "arn:aws:iam::" + account + ":user/" + userName;
  }

  String accessKeyId() {
    return accessKeyId;
  }

  String secretAccessKey() {
    return secretAccessKey;
  }

  AwsCredentialsProvider credentials() {
    return StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKeyId, secretAccessKey));
  }
}

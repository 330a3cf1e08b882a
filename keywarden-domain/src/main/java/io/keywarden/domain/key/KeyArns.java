package io.keywarden.domain.key;

/** ARNs of KMS resources. Keywarden uses the {@code aws} partition, as clients expect. */
public final class KeyArns {
  public static final String PARTITION = "aws";

  private KeyArns() {}

  public static String keyArn(String region, String accountId, String keyId) {
    return "arn:" + PARTITION + ":kms:" + region + ":" + accountId + ":key/" + keyId;
  }

  /** {@code aliasName} includes its {@code alias/} prefix. */
  public static String aliasArn(String region, String accountId, String aliasName) {
    return "arn:" + PARTITION + ":kms:" + region + ":" + accountId + ":" + aliasName;
  }
}

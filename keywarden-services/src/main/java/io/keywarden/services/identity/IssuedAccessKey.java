package io.keywarden.services.identity;

import java.util.Arrays;

/**
 * A newly issued access key: the only time its secret is seen outside the root of trust. Final class
 * without {@code toString} of the secret.
 */
public final class IssuedAccessKey {
  private final String accessKeyId;
  private final String accountId;
  private final char[] secretAccessKey;

  IssuedAccessKey(String accessKeyId, String accountId, char[] secretAccessKey) {
    this.accessKeyId = accessKeyId;
    this.accountId = accountId;
    this.secretAccessKey = secretAccessKey;
  }

  public String accessKeyId() {
    return accessKeyId;
  }

  public String accountId() {
    return accountId;
  }

  /** A copy of the secret, for showing it to the operator once. */
  public char[] secretAccessKey() {
    return secretAccessKey.clone();
  }

  /** Zeroes the secret. */
  public void destroy() {
    Arrays.fill(secretAccessKey, '\0');
  }

  @Override
  public String toString() {
    return "IssuedAccessKey[" + accessKeyId + "]";
  }
}

package io.keywarden.domain.identity;

import java.util.Objects;

/**
 * An authenticated caller.
 *
 * @param accountId twelve digits
 * @param arn e.g. {@code arn:aws:iam::111122223333:root}
 * @param userId AWS's unique id of the principal (for the root: the account id)
 * @param accessKeyId the access key the request was signed with
 */
public record Principal(
    PrincipalType type, String accountId, String arn, String userId, String accessKeyId) {
  public Principal {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(accountId, "accountId");
    Objects.requireNonNull(arn, "arn");
    Objects.requireNonNull(userId, "userId");
    Objects.requireNonNull(accessKeyId, "accessKeyId");
  }

  public static Principal root(String accountId, String accessKeyId) {
    return new Principal(PrincipalType.Root, accountId, rootArn(accountId), accountId, accessKeyId);
  }

  public static String rootArn(String accountId) {
    return "arn:aws:iam::" + accountId + ":root";
  }
}

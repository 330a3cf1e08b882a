package io.keywarden.domain.policy;

import java.util.Objects;

/**
 * Who makes a request, as policy evaluation sees it.
 *
 * @param arn the principal ARN: {@code arn:aws:iam::<acct>:root}, {@code ...:user/<name>}, {@code
 *     arn:aws:sts::<acct>:assumed-role/<role>/<session>}; for a service, its service principal
 * @param roleArn for an assumed-role session, the role's ARN (a policy naming the role matches its
 *     sessions); else {@code null}
 * @param servicePrincipal for an AWS service principal (e.g. {@code secretsmanager.amazonaws.com});
 *     else {@code null}
 * @param root whether the caller is the account's root user
 */
public record Caller(String accountId, String arn, String roleArn, String servicePrincipal, boolean root) {
  public Caller {
    Objects.requireNonNull(accountId, "accountId");
    Objects.requireNonNull(arn, "arn");
  }

  public static Caller root(String accountId) {
    return new Caller(accountId, "arn:aws:iam::" + accountId + ":root", null, null, true);
  }

  public static Caller user(String accountId, String arn) {
    return new Caller(accountId, arn, null, null, false);
  }

  public static Caller session(String accountId, String sessionArn, String roleArn) {
    return new Caller(accountId, sessionArn, roleArn, null, false);
  }
}

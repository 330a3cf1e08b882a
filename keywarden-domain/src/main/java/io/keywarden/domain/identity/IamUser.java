package io.keywarden.domain.identity;

import io.keywarden.domain.key.Tag;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * An IAM user as stored.
 *
 * @param userId AWS's unique id ({@code AIDA...}), the {@code aws:userid} of the user's calls
 * @param path {@code /} or {@code /division/}
 * @param policies inline identity policies, by name (the JSON documents)
 * @param revision for compare-and-swap updates, as for keys
 */
public record IamUser(
    String accountId,
    String userName,
    String userId,
    String path,
    Instant createdAt,
    List<Tag> tags,
    Map<String, String> policies,
    long revision) {
  public IamUser {
    Objects.requireNonNull(accountId, "accountId");
    Objects.requireNonNull(userName, "userName");
    Objects.requireNonNull(userId, "userId");
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(createdAt, "createdAt");
    tags = List.copyOf(tags);
    policies = Map.copyOf(policies);
  }

  public String arn() {
    return "arn:aws:iam::" + accountId + ":user" + path + userName;
  }
}

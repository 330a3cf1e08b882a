package io.keywarden.domain.identity;

import io.keywarden.domain.key.Tag;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * An IAM role as stored.
 *
 * @param roleId AWS's unique id ({@code AROA...}); a session's {@code aws:userid} is {@code
 *     roleId:sessionName}
 * @param trustPolicy who may assume the role (the JSON document)
 * @param maxSessionSeconds 3600..43200
 * @param policies inline identity policies, by name
 */
public record IamRole(
    String accountId,
    String roleName,
    String roleId,
    String path,
    Instant createdAt,
    String trustPolicy,
    int maxSessionSeconds,
    List<Tag> tags,
    Map<String, String> policies,
    long revision) {
  public IamRole {
    Objects.requireNonNull(accountId, "accountId");
    Objects.requireNonNull(roleName, "roleName");
    Objects.requireNonNull(roleId, "roleId");
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(createdAt, "createdAt");
    Objects.requireNonNull(trustPolicy, "trustPolicy");
    tags = List.copyOf(tags);
    policies = Map.copyOf(policies);
  }

  public String arn() {
    return "arn:aws:iam::" + accountId + ":role" + path + roleName;
  }
}

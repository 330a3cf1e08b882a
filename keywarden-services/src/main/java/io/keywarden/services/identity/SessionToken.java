package io.keywarden.services.identity;

import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * What a session token carries: the temporary access key and its secret, the role and session, the
 * session tags and which of them are transitive, and the expiry. A final class, not a record: it holds
 * the secret, which {@link #toString()} leaves out.
 */
final class SessionToken {
  final String accessKeyId;
  private final char[] secret;
  final String accountId;
  final String roleName;
  final String rolePath;
  final String roleId;
  final String sessionName;
  /** The session tags (request tags and inherited transitive tags), in order. */
  final Map<String, String> sessionTags;
  final Set<String> transitiveTagKeys;
  final Instant issuedAt;
  final Instant expiresAt;

  SessionToken(String accessKeyId, char[] secret, String accountId, String roleName, String rolePath,
      String roleId, String sessionName, Map<String, String> sessionTags, Set<String> transitiveTagKeys,
      Instant issuedAt, Instant expiresAt) {
    this.accessKeyId = Objects.requireNonNull(accessKeyId, "accessKeyId");
    this.secret = secret.clone();
    this.accountId = Objects.requireNonNull(accountId, "accountId");
    this.roleName = Objects.requireNonNull(roleName, "roleName");
    this.rolePath = Objects.requireNonNull(rolePath, "rolePath");
    this.roleId = Objects.requireNonNull(roleId, "roleId");
    this.sessionName = Objects.requireNonNull(sessionName, "sessionName");
    this.sessionTags = new LinkedHashMap<>(sessionTags);
    this.transitiveTagKeys = new LinkedHashSet<>(transitiveTagKeys);
    this.issuedAt = Objects.requireNonNull(issuedAt, "issuedAt");
    this.expiresAt = Objects.requireNonNull(expiresAt, "expiresAt");
  }

  /** A copy of the secret; the caller zeroes it. */
  char[] secret() {
    return secret.clone();
  }

  String roleArn() {
    return "arn:aws:iam::" + accountId + ":role" + rolePath + roleName;
  }

  void destroy() {
    Arrays.fill(secret, '\0');
  }

  @Override
  public String toString() {
    return "SessionToken[" + accessKeyId + ", " + roleArn() + "/" + sessionName + ", until " + expiresAt
        + "]";
  }
}

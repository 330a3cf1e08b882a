package io.keywarden.domain.identity;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * An authenticated caller.
 *
 * @param accountId twelve digits
 * @param arn e.g. {@code arn:aws:iam::111122223333:root}, {@code arn:aws:iam::111122223333:user/alice},
 *     {@code arn:aws:sts::111122223333:assumed-role/Admin/session}
 * @param userId AWS's unique id of the principal ({@code aws:userid}): the account id for the root,
 *     {@code AIDA...} for a user, {@code AROA...:sessionName} for an assumed-role session
 * @param accessKeyId the access key the request was signed with
 * @param userName an IAM user's name ({@code aws:username}), else {@code null}
 * @param roleArn for an assumed-role session, the role's ARN, else {@code null}
 * @param tags the principal tags ({@code aws:PrincipalTag/*}): a user's tags, or a session's role tags
 *     overridden by its session tags
 * @param transitiveTagKeys for a session, the session tag keys that pass to role chaining
 * @param sessionIssuedAt for an assumed-role session, when its credentials were issued (carried in its
 *     session token: CloudTrail's {@code sessionContext.attributes.creationDate}), else {@code null}
 */
public record Principal(
    PrincipalType type,
    String accountId,
    String arn,
    String userId,
    String accessKeyId,
    String userName,
    String roleArn,
    Map<String, String> tags,
    Set<String> transitiveTagKeys,
    Instant sessionIssuedAt) {
  public Principal {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(accountId, "accountId");
    Objects.requireNonNull(arn, "arn");
    Objects.requireNonNull(userId, "userId");
    Objects.requireNonNull(accessKeyId, "accessKeyId");
    tags = tags == null ? Map.of() : Map.copyOf(tags);
    transitiveTagKeys = transitiveTagKeys == null ? Set.of() : Set.copyOf(transitiveTagKeys);
  }

  /** A principal that is no session, or a session whose issue time is not known. */
  public Principal(PrincipalType type, String accountId, String arn, String userId, String accessKeyId,
      String userName, String roleArn, Map<String, String> tags, Set<String> transitiveTagKeys) {
    this(type, accountId, arn, userId, accessKeyId, userName, roleArn, tags, transitiveTagKeys, null);
  }

  /** A principal without name, role or tags. */
  public Principal(PrincipalType type, String accountId, String arn, String userId, String accessKeyId) {
    this(type, accountId, arn, userId, accessKeyId, null, null, Map.of(), Set.of());
  }

  public static Principal root(String accountId, String accessKeyId) {
    return new Principal(PrincipalType.Root, accountId, rootArn(accountId), accountId, accessKeyId);
  }

  /** An IAM user signing with one of its access keys. */
  public static Principal user(IamUser user, String accessKeyId) {
    Map<String, String> tags = new java.util.HashMap<>();
    user.tags().forEach(t -> tags.put(t.key(), t.value()));
    return new Principal(PrincipalType.IAMUser, user.accountId(), user.arn(), user.userId(),
        accessKeyId, user.userName(), null, tags, Set.of());
  }

  /**
   * An assumed-role session.
   *
   * @param tags the role's tags overridden by the session tags
   */
  public static Principal session(IamRole role, String sessionName, String accessKeyId,
      Map<String, String> tags, Set<String> transitiveTagKeys) {
    return new Principal(PrincipalType.AssumedRole, role.accountId(),
        sessionArn(role.accountId(), role.roleName(), sessionName), role.roleId() + ":" + sessionName,
        accessKeyId, null, role.arn(), tags, transitiveTagKeys);
  }

  public static String rootArn(String accountId) {
    return "arn:aws:iam::" + accountId + ":root";
  }

  public static String sessionArn(String accountId, String roleName, String sessionName) {
    return "arn:aws:sts::" + accountId + ":assumed-role/" + roleName + "/" + sessionName;
  }

  @Override
  public String toString() {
    return "Principal[" + type + " " + arn + "]";
  }
}

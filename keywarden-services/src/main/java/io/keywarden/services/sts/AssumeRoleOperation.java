package io.keywarden.services.sts;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.keywarden.domain.identity.IamRole;
import io.keywarden.domain.identity.Principal;
import io.keywarden.domain.identity.PrincipalType;
import io.keywarden.domain.policy.PolicyDocument;
import io.keywarden.domain.policy.RequestContext;
import io.keywarden.services.api.AuditResource;
import io.keywarden.services.api.CallContext;
import io.keywarden.services.api.JsonInput;
import io.keywarden.services.api.JsonOutput;
import io.keywarden.services.identity.IdentityDirectory;
import io.keywarden.services.identity.IdentityPolicies.NamedPolicy;
import io.keywarden.services.identity.IssuedSession;
import io.keywarden.services.identity.SessionTokens;
import io.keywarden.services.sts.SessionTags.RequestTag;
import io.keywarden.services.sts.StsRequests.AssumeRoleKeys;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * AssumeRole (STS API Reference, "AssumeRole"), checked in this order: the caller is not an account
 * root; {@code RoleArn} is an ARN; no session policies; the session tags are consistent; the role
 * exists and the caller may assume it ({@link RoleTrust}, for {@code sts:AssumeRole} and, when the
 * session will carry tags, {@code sts:TagSession}), a role that does not exist being refused like one
 * the caller may not assume, as AWS does; the duration fits the role's maximum and, for a session
 * assuming a role (role chaining), one hour.
 */
final class AssumeRoleOperation {
  static final int DEFAULT_DURATION_SECONDS = 3600;
  static final int CHAINING_LIMIT_SECONDS = 3600;
  private static final Pattern ROLE_ARN = Pattern.compile("arn:aws:iam::(\\d{12}):role/(?:[^/]+/)*([^/]+)");

  private final IdentityDirectory directory;
  private final SessionTokens sessions;

  AssumeRoleOperation(IdentityDirectory directory, SessionTokens sessions) {
    this.directory = directory;
    this.sessions = sessions;
  }

  ObjectNode invoke(CallContext call, ObjectNode in) {
    Principal caller = call.principal();
    if (caller.type() == PrincipalType.Root) {
      throw StsErrors.rootCannotAssumeRoles();
    }
    String roleArn = JsonInput.string(in, "RoleArn");
    if (!isArn(roleArn)) {
      throw StsErrors.invalidArn(roleArn);
    }
    if (JsonInput.has(in, "Policy") || !JsonInput.objectList(in, "PolicyArns").isEmpty()) {
      throw StsErrors.sessionPoliciesUnsupported();
    }
    String sessionName = JsonInput.string(in, "RoleSessionName");
    List<RequestTag> requestTags = new ArrayList<>();
    for (ObjectNode t : JsonInput.objectList(in, "Tags")) {
      requestTags.add(new RequestTag(JsonInput.string(t, "Key"), JsonInput.string(t, "Value")));
    }
    List<String> transitiveKeys = JsonInput.stringList(in, "TransitiveTagKeys");
    SessionTags tags = SessionTags.of(caller, requestTags, transitiveKeys);

    IamRole role = role(roleArn).orElseThrow(
        () -> StsErrors.notAuthorized(caller.arn(), "sts:AssumeRole", roleArn));
    call.audit().resource(AuditResource.iamRole(role.arn(), role.accountId()));
    PolicyDocument trust = directory.trustPolicy(role.accountId(), role.roleName()).orElseThrow();
    List<NamedPolicy> callerPolicies = directory.policiesOf(caller);
    boolean sameAccount = caller.accountId().equals(role.accountId());
    AssumeRoleKeys keys = new AssumeRoleKeys(sessionName, JsonInput.string(in, "ExternalId"),
        JsonInput.string(in, "SourceIdentity"), tags.requested(), transitiveKeys);
    for (String action : tags.tags().isEmpty()
        ? List.of("sts:AssumeRole")
        : List.of("sts:AssumeRole", "sts:TagSession")) {
      RequestContext request = StsRequests.assumeRole(call, action, role, keys);
      if (!RoleTrust.allows(trust, callerPolicies, request, sameAccount)) {
        throw StsErrors.notAuthorized(caller.arn(), action, roleArn);
      }
    }

    Integer requested = JsonInput.integer(in, "DurationSeconds");
    int seconds = requested == null ? DEFAULT_DURATION_SECONDS : requested;
    if (caller.type() == PrincipalType.AssumedRole && seconds > CHAINING_LIMIT_SECONDS) {
      throw StsErrors.durationExceedsChainingLimit();
    }
    if (seconds > role.maxSessionSeconds()) {
      throw StsErrors.durationExceedsMax();
    }

    IssuedSession session = sessions.issue(role, sessionName, tags.tags(), tags.transitiveKeys(),
        Duration.ofSeconds(seconds));
    char[] secret = session.secretAccessKey();
    try {
      ObjectNode out = JsonOutput.object();
      ObjectNode credentials = out.putObject("Credentials");
      credentials.put("AccessKeyId", session.accessKeyId());
      credentials.put("SecretAccessKey", new String(secret));
      credentials.put("SessionToken", session.sessionToken());
      JsonOutput.timestamp(credentials, "Expiration", session.expiresAt());
      out.putObject("AssumedRoleUser")
          .put("AssumedRoleId", session.principal().userId())
          .put("Arn", session.principal().arn());
      if (!tags.tags().isEmpty()) {
        out.put("PackedPolicySize", tags.packedPercent());
      }
      JsonOutput.string(out, "SourceIdentity", JsonInput.string(in, "SourceIdentity"));
      return out;
    } finally {
      Arrays.fill(secret, '\0');
      session.destroy();
    }
  }

  /** The role an ARN names, found by account and name (the path in the ARN is not compared). */
  private Optional<IamRole> role(String roleArn) {
    Matcher m = ROLE_ARN.matcher(roleArn);
    return m.matches() ? directory.role(m.group(1), m.group(2)) : Optional.empty();
  }

  /** {@code arn:partition:service:region:account:resource} with partition, service and resource. */
  static boolean isArn(String s) {
    String[] parts = s.split(":", 6);
    return parts.length == 6
        && parts[0].equals("arn")
        && !parts[1].isEmpty()
        && !parts[2].isEmpty()
        && !parts[5].isEmpty();
  }
}

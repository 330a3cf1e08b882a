package io.keywarden.services.sts;

import io.keywarden.domain.identity.IamRole;
import io.keywarden.domain.identity.Principal;
import io.keywarden.domain.identity.PrincipalType;
import io.keywarden.domain.key.Tag;
import io.keywarden.domain.policy.Caller;
import io.keywarden.domain.policy.RequestContext;
import io.keywarden.services.api.CallContext;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

/**
 * The request context of an AssumeRole call as the trust policy and the caller's IAM policies see it
 * ("AWS global condition context keys" and "IAM and AWS STS condition context keys", IAM User
 * Guide): the caller's global keys, the role's tags as {@code aws:ResourceTag/*}, the session tags as
 * {@code aws:RequestTag/*} and {@code aws:TagKeys}, and {@code sts:RoleSessionName}, {@code
 * sts:ExternalId}, {@code sts:SourceIdentity}, {@code sts:TransitiveTagKeys}.
 */
final class StsRequests {
  private StsRequests() {}

  /** What STS asks of a role: its parameters as condition keys. */
  record AssumeRoleKeys(String sessionName, String externalId, String sourceIdentity,
      Map<String, String> requestTags, List<String> transitiveTagKeys) {}

  static RequestContext assumeRole(CallContext call, String action, IamRole role, AssumeRoleKeys k) {
    RequestContext.Builder b = RequestContext.builder(caller(call.principal()), action, role.arn());
    global(b, call);
    b.put("aws:ResourceAccount", role.accountId());
    for (Tag t : role.tags()) {
      b.put("aws:ResourceTag/" + t.key(), t.value());
    }
    b.put("sts:RoleSessionName", k.sessionName());
    b.put("sts:ExternalId", k.externalId());
    b.put("sts:SourceIdentity", k.sourceIdentity());
    if (!k.requestTags().isEmpty()) {
      k.requestTags().forEach((key, value) -> b.put("aws:RequestTag/" + key, value));
      b.putAll("aws:TagKeys", List.copyOf(k.requestTags().keySet()));
    }
    if (!k.transitiveTagKeys().isEmpty()) {
      b.putAll("sts:TransitiveTagKeys", k.transitiveTagKeys());
    }
    return b.build();
  }

  /** The caller as policy evaluation matches it against Principal elements. */
  static Caller caller(Principal p) {
    switch (p.type()) {
      case Root:
        return Caller.root(p.accountId());
      case AssumedRole:
        return Caller.session(p.accountId(), p.arn(), p.roleArn());
      case AWSService:
        return new Caller(p.accountId(), p.arn(), null, p.arn(), false);
      default:
        return Caller.user(p.accountId(), p.arn());
    }
  }

  /** The global keys of the caller and the call. */
  private static void global(RequestContext.Builder b, CallContext call) {
    Principal p = call.principal();
    b.put("aws:PrincipalArn", p.roleArn() != null ? p.roleArn() : p.arn());
    b.put("aws:PrincipalAccount", p.accountId());
    b.put("aws:PrincipalType", principalType(p.type()));
    b.put("aws:userid", p.userId());
    b.put("aws:username", p.userName());
    p.tags().forEach((key, value) -> b.put("aws:PrincipalTag/" + key, value));
    b.put("aws:PrincipalIsAWSService", Boolean.toString(p.type() == PrincipalType.AWSService));
    b.put("aws:ViaAWSService", Boolean.toString(call.viaService() != null));
    b.put("aws:SourceIp", call.sourceIp());
    b.put("aws:SecureTransport", Boolean.toString(call.secureTransport()));
    b.put("aws:CurrentTime", call.receivedAt().truncatedTo(ChronoUnit.SECONDS).toString());
    b.put("aws:EpochTime", Long.toString(call.receivedAt().getEpochSecond()));
    b.put("aws:RequestedRegion", call.region());
  }

  private static String principalType(PrincipalType type) {
    switch (type) {
      case Root:
        return "Account";
      case IAMUser:
        return "User";
      case AssumedRole:
        return "AssumedRole";
      default:
        return "AWSService";
    }
  }
}

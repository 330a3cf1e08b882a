package io.keywarden.services.kms.access;

import io.keywarden.domain.identity.Principal;
import io.keywarden.domain.identity.PrincipalType;
import io.keywarden.services.api.CallContext;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

/**
 * AWS's global condition keys of a call ("AWS global condition context keys", IAM User Guide), computed
 * on demand from the caller and the call: {@code aws:PrincipalArn}, {@code aws:PrincipalAccount},
 * {@code aws:PrincipalType}, {@code aws:PrincipalTag/*}, {@code aws:userid}, {@code aws:username},
 * {@code aws:SourceIp}, {@code aws:SecureTransport}, {@code aws:CurrentTime}, {@code aws:EpochTime},
 * {@code aws:RequestedRegion}, {@code aws:PrincipalIsAWSService}, {@code aws:ViaAWSService}, {@code
 * aws:CalledVia} (with {@code aws:CalledViaFirst} / {@code aws:CalledViaLast}).
 */
public final class GlobalConditionKeys {
  private static final String PRINCIPAL_TAG = "aws:principaltag/";

  private GlobalConditionKeys() {}

  /**
   * The values of a global key for {@code call}, or {@code null} if the call has none.
   *
   * @param key lower-cased
   */
  public static List<String> values(CallContext call, String key) {
    Principal p = call.principal();
    if (key.startsWith(PRINCIPAL_TAG)) {
      return tag(p.tags(), key.substring(PRINCIPAL_TAG.length()));
    }
    switch (key) {
      case "aws:principalarn":
        // AWS: for an assumed-role session, the role's ARN (not the session's).
        return List.of(p.roleArn() != null ? p.roleArn() : p.arn());
      case "aws:principalaccount":
        return List.of(p.accountId());
      case "aws:principaltype":
        return List.of(principalType(p.type()));
      case "aws:userid":
        return List.of(p.userId());
      case "aws:username":
        return p.userName() == null ? null : List.of(p.userName());
      case "aws:sourceip":
        // A call that one of Keywarden's services makes on the caller's behalf comes from the
        // service, not from the caller's address.
        return call.viaService() != null || call.sourceIp() == null ? null : List.of(call.sourceIp());
      case "aws:securetransport":
        return List.of(Boolean.toString(call.secureTransport()));
      case "aws:currenttime":
        return List.of(call.receivedAt().truncatedTo(ChronoUnit.SECONDS).toString());
      case "aws:epochtime":
        return List.of(Long.toString(call.receivedAt().getEpochSecond()));
      case "aws:requestedregion":
        return List.of(call.region());
      case "aws:principalisawsservice":
        return List.of(Boolean.toString(p.type() == PrincipalType.AWSService));
      case "aws:viaawsservice":
        return List.of(Boolean.toString(call.viaService() != null));
      case "aws:calledvia":
      case "aws:calledviafirst":
      case "aws:calledvialast":
        return call.viaService() == null ? null : List.of(servicePrincipal(call.viaService()));
      default:
        return null;
    }
  }

  /** {@code aws:PrincipalType}'s values: Account (the root), User, AssumedRole, AWSService. */
  static String principalType(PrincipalType type) {
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

  /**
   * The service principal of a {@code kms:ViaService} name: {@code secretsmanager.us-east-1.amazonaws.com}
   * → {@code secretsmanager.amazonaws.com}.
   */
  static String servicePrincipal(String viaService) {
    int dot = viaService.indexOf('.');
    return dot < 0 ? viaService : viaService.substring(0, dot) + ".amazonaws.com";
  }

  /** A tag's value by key, compared case-insensitively (condition key names are), or {@code null}. */
  public static List<String> tag(Map<String, String> tags, String lowerCaseKey) {
    String exact = tags.get(lowerCaseKey);
    if (exact != null) {
      return List.of(exact);
    }
    for (Map.Entry<String, String> e : tags.entrySet()) {
      if (e.getKey().equalsIgnoreCase(lowerCaseKey)) {
        return List.of(e.getValue());
      }
    }
    return null;
  }
}

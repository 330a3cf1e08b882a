package io.keywarden.services.audit;

import com.fasterxml.jackson.core.JsonGenerator;
import io.keywarden.domain.identity.Principal;
import io.keywarden.domain.identity.PrincipalType;
import java.io.IOException;

/**
 * Writes a record's {@code userIdentity} as CloudTrail does ("CloudTrail userIdentity element"):
 * {@code Root}, {@code IAMUser} (with {@code userName}), {@code AssumedRole} (with {@code
 * sessionContext.sessionIssuer}, the role), {@code AWSService}; {@code invokedBy} when a service made
 * the call on the caller's behalf; {@code AWSAccount} in the copy delivered to the owner of a resource
 * another account used; {@code Unknown} for a call that was not authenticated.
 */
final class UserIdentities {
  private UserIdentities() {}

  /** The caller, as its own account sees it. */
  static void write(JsonGenerator out, ApiCall call) throws IOException {
    out.writeObjectFieldStart("userIdentity");
    Principal p = call.principal();
    if (p == null) {
      out.writeStringField("type", "Unknown");
      if (call.claimedAccountId() != null) {
        out.writeStringField("accountId", call.claimedAccountId());
      }
      if (call.claimedAccessKeyId() != null) {
        out.writeStringField("accessKeyId", call.claimedAccessKeyId());
      }
      out.writeEndObject();
      return;
    }
    out.writeStringField("type", p.type().name());
    if (p.type() == PrincipalType.AWSService) {
      out.writeStringField("invokedBy", p.arn());
      out.writeEndObject();
      return;
    }
    out.writeStringField("principalId", p.userId());
    out.writeStringField("arn", p.arn());
    out.writeStringField("accountId", p.accountId());
    out.writeStringField("accessKeyId", p.accessKeyId());
    if (p.type() == PrincipalType.IAMUser && p.userName() != null) {
      out.writeStringField("userName", p.userName());
    }
    if (p.type() == PrincipalType.AssumedRole && p.roleArn() != null) {
      writeSessionContext(out, p);
    }
    if (call.viaService() != null) {
      out.writeStringField("invokedBy", serviceHost(call.viaService()));
    }
    out.writeEndObject();
  }

  /** The caller, as the owner of a resource in another account sees it. */
  static void writeForResourceOwner(JsonGenerator out, ApiCall call) throws IOException {
    out.writeObjectFieldStart("userIdentity");
    Principal p = call.principal();
    out.writeStringField("type", "AWSAccount");
    out.writeStringField("principalId", p.userId());
    out.writeStringField("accountId", p.accountId());
    if (call.viaService() != null) {
      out.writeStringField("invokedBy", serviceHost(call.viaService()));
    }
    out.writeEndObject();
  }

  private static void writeSessionContext(JsonGenerator out, Principal p) throws IOException {
    String roleArn = p.roleArn();
    int colon = p.userId().indexOf(':');
    String roleId = colon < 0 ? p.userId() : p.userId().substring(0, colon);
    out.writeObjectFieldStart("sessionContext");
    out.writeObjectFieldStart("sessionIssuer");
    out.writeStringField("type", "Role");
    out.writeStringField("principalId", roleId);
    out.writeStringField("arn", roleArn);
    out.writeStringField("accountId", p.accountId());
    out.writeStringField("userName", roleArn.substring(roleArn.lastIndexOf('/') + 1));
    out.writeEndObject();
    out.writeObjectFieldStart("attributes");
    out.writeStringField("mfaAuthenticated", "false");
    out.writeEndObject();
    out.writeEndObject();
  }

  /**
   * {@code secretsmanager.us-east-1.amazonaws.com} (a {@code kms:ViaService} value) as CloudTrail's
   * {@code invokedBy} names the service: {@code secretsmanager.amazonaws.com}.
   */
  static String serviceHost(String viaService) {
    int dot = viaService.indexOf('.');
    return dot < 0 ? viaService : viaService.substring(0, dot) + ".amazonaws.com";
  }
}

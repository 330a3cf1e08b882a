package io.keywarden.services.audit;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.io.SerializedString;
import io.keywarden.domain.identity.Principal;
import io.keywarden.domain.identity.PrincipalType;
import java.io.IOException;
import java.util.Objects;

/**
 * Writes a record's {@code userIdentity} as CloudTrail does ("CloudTrail userIdentity element"):
 * {@code Root}, {@code IAMUser} (with {@code userName}), {@code AssumedRole} (with {@code
 * sessionContext}: {@code sessionIssuer}, the role, and {@code attributes}, the session's {@code
 * creationDate} and {@code mfaAuthenticated}), {@code AWSService}; {@code invokedBy} when a service made
 * the call on the caller's behalf; {@code AWSAccount} in the copy delivered to the owner of a resource
 * another account used; {@code Unknown} for a call that was not authenticated.
 */
final class UserIdentities {
  private static final SerializedString USER_IDENTITY = RecordJson.name("userIdentity");

  /**
   * The last caller each thread wrote and its {@code userIdentity} as JSON: a client's calls repeat
   * it, and writing it once saves escaping and encoding its strings on every record (issue 5).
   */
  private static final ThreadLocal<Rendered> LAST_CALLER = new ThreadLocal<>();

  /** As {@link #LAST_CALLER}, for the copies delivered to resource owners. */
  private static final ThreadLocal<Rendered> LAST_FOR_OWNER = new ThreadLocal<>();

  private UserIdentities() {}

  /** The caller, as its own account sees it. */
  static void write(JsonGenerator out, ApiCall call) throws IOException {
    Principal p = call.principal();
    if (p == null) {
      out.writeObjectFieldStart("userIdentity");
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
    out.writeFieldName(USER_IDENTITY);
    out.writeRawValue(rendered(LAST_CALLER, p, call.viaService(), false));
  }

  /** The caller, as the owner of a resource in another account sees it. */
  static void writeForResourceOwner(JsonGenerator out, ApiCall call) throws IOException {
    out.writeFieldName(USER_IDENTITY);
    out.writeRawValue(rendered(LAST_FOR_OWNER, call.principal(), call.viaService(), true));
  }

  private static SerializedString rendered(ThreadLocal<Rendered> last, Principal p, String viaService,
      boolean forOwner) {
    Rendered r = last.get();
    if (r != null && r.matches(p, viaService)) {
      return r.json;
    }
    SerializedString json = RecordJson.rendered(out -> {
      if (forOwner) {
        writeOwnerView(out, p, viaService);
      } else {
        writeCallerView(out, p, viaService);
      }
    });
    last.set(new Rendered(p, viaService, json));
    return json;
  }

  static void writeCallerView(JsonGenerator out, Principal p, String viaService) throws IOException {
    out.writeStartObject();
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
    if (viaService != null) {
      out.writeStringField("invokedBy", serviceHost(viaService));
    }
    out.writeEndObject();
  }

  static void writeOwnerView(JsonGenerator out, Principal p, String viaService) throws IOException {
    out.writeStartObject();
    out.writeStringField("type", "AWSAccount");
    out.writeStringField("principalId", p.userId());
    out.writeStringField("accountId", p.accountId());
    if (viaService != null) {
      out.writeStringField("invokedBy", serviceHost(viaService));
    }
    out.writeEndObject();
  }

  /** A written {@code userIdentity}, and what it was written from. */
  private record Rendered(Principal principal, String viaService, SerializedString json) {
    /** Whether {@code p} through {@code via} writes the same: every member the element shows matches. */
    boolean matches(Principal p, String via) {
      Principal q = principal;
      return Objects.equals(viaService, via)
          && (q == p
              || q.type() == p.type()
                  && q.userId().equals(p.userId())
                  && q.arn().equals(p.arn())
                  && q.accountId().equals(p.accountId())
                  && q.accessKeyId().equals(p.accessKeyId())
                  && Objects.equals(q.userName(), p.userName())
                  && Objects.equals(q.roleArn(), p.roleArn())
                  && Objects.equals(q.sessionIssuedAt(), p.sessionIssuedAt()));
    }
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
    if (p.sessionIssuedAt() != null) {
      out.writeStringField("creationDate", CloudTrailTimes.isoSecond(p.sessionIssuedAt()));
    }
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

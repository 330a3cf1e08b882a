package io.keywarden.services.kms.access;

import io.keywarden.domain.policy.RequestContext;
import io.keywarden.services.api.CallContext;
import java.util.Objects;

/**
 * One authorisation question: may the caller of {@code call} perform {@code action} on {@code
 * resource}?
 *
 * @param call the call (caller, source address, time, region, {@code kms:ViaService})
 * @param action the IAM action, e.g. {@code kms:Encrypt}
 * @param resource a key ARN, an alias ARN, or {@code *} for actions without a resource (CreateKey)
 * @param resourceAccount the account that owns the resource (for {@code *}: the caller's)
 * @param keyPolicy the key's policy; {@code null} for resources that have none (aliases, {@code *}),
 *     which IAM policies alone authorise
 * @param conditionKeys the request's condition keys besides those put by the authorizer
 * @param grants the grants that may allow the operation ({@link GrantCheck#NONE} for none)
 */
public record AccessRequest(
    CallContext call,
    String action,
    String resource,
    String resourceAccount,
    KeyPolicy keyPolicy,
    RequestContext.Source conditionKeys,
    GrantCheck grants) {
  public AccessRequest {
    Objects.requireNonNull(call, "call");
    Objects.requireNonNull(action, "action");
    Objects.requireNonNull(resource, "resource");
    Objects.requireNonNull(resourceAccount, "resourceAccount");
    Objects.requireNonNull(conditionKeys, "conditionKeys");
    Objects.requireNonNull(grants, "grants");
  }

  /** An action authorised by IAM policies alone (alias ARNs, {@code *}). */
  public static AccessRequest identityOnly(
      CallContext call, String action, String resource, RequestContext.Source conditionKeys) {
    return new AccessRequest(
        call, action, resource, call.accountId(), null, conditionKeys, GrantCheck.NONE);
  }
}
